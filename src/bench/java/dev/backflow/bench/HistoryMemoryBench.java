package dev.backflow.bench;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.RunHistory;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.StageCounts;
import dev.backflow.telemetry.TelemetryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much memory the window's run history holds after a long run at the maximum event rate:
 * {@code minutes} of frames at 60 a second, each with 2,500 events (150,000 a second), fed to a
 * {@link RunHistory} exactly as the pump feeds it.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=dev.backflow.bench.HistoryMemoryBench -Dbench.args=60</pre>
 */
public final class HistoryMemoryBench {

    private HistoryMemoryBench() {
    }

    public static void main(String[] args) {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        long frames = Math.round(minutes * 60 * 60);
        long before = retained();
        RunHistory history = new RunHistory();
        long seq = 0;
        long t0 = System.nanoTime();
        for (long f = 0; f < frames; f++) {
            long at = f * 1_000_000_000L / 60;
            List<TelemetryEvent> events = new ArrayList<>(2_500);
            for (int i = 0; i < 2_500; i++) {
                events.add(new TelemetryEvent.Produced(at, 1 + i % 64, seq++, 0));
            }
            Counts c = Counts.builder().runId(1).atNanos(at).startNanos(0).producers(64).consumers(1)
                    .capacity(64).fill(32).offered(seq).produced(seq / 2).consumed(seq / 2).rejected(seq / 2)
                    .links(List.of(new LinkCounts(0, 64, 32, 64, seq, seq / 2, seq / 2, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, seq / 2, 0.0, 0, 0.0)))
                    .stages(List.of(new StageCounts(0, "source", 64, seq, 0, -1, 0, 64 * at),
                            new StageCounts(1, "sink", 1, seq / 2, 0, 0, 0, at)))
                    .build();
            history.add(new Sampler.Frame(Snapshot.empty(c), events, f == 0, 0));
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        long after = retained();
        long[] kept = history.eventCounts();
        System.out.printf(Locale.ROOT, "%.0f minutes: %,d frames, %,d events offered in %d s of feeding%n", minutes, frames,
                seq, seconds);
        System.out.printf(Locale.ROOT, "rows kept: %,d (at most %,d); events kept: %,d, counted but not kept: %,d%n",
                history.rows(), RunHistory.MAX_ROWS, kept[0], kept[1]);
        System.out.printf(Locale.ROOT, "heap retained by the history: %.1f MB%n", (after - before) / 1e6);
        if (history.rows() < 0) {
            System.out.println(); // keeps the history reachable until after the measurement
        }
    }

    private static long retained() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
