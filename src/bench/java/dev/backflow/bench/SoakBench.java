package dev.backflow.bench;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.telemetry.Sampler;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Soak: the densest experiment for a long time, sampled at 60 Hz as the window's pump does, to
 * show that nothing grows: heap after GC at the end against the start, telemetry buffered and
 * lost, and threads left once the run stops. Usage: {@code SoakBench [minutes]}.
 */
public final class SoakBench {

    private SoakBench() {
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        java.util.Set<String> namesBefore = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> namesBefore.add(t.getName()));
        int threadsBefore = namesBefore.size();
        ExperimentConfig c = new ExperimentConfig(64, 100_000, 0.02, 64, 1).toBuilder().policy(SendPolicy.REJECT).build();
        try (Engine engine = new Engine(c)) {
            Sampler sampler = new Sampler(engine, 3_000_000_000L, 180);
            engine.start();
            long start = System.nanoTime();
            long warm = start + 30_000_000_000L;
            long end = start + Math.round(minutes * 60e9);
            long heapStart = -1;
            long frames = 0;
            long events = 0;
            int maxFrameEvents = 0;
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                next += 16_666_667L;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                Sampler.Frame f = sampler.sample();
                frames++;
                events += f.events().size();
                maxFrameEvents = Math.max(maxFrameEvents, f.events().size());
                if (heapStart < 0 && System.nanoTime() > warm) {
                    heapStart = heapAfterGc();
                }
            }
            long heapEnd = heapAfterGc();
            var counts = engine.counts();
            engine.stop();
            boolean ended = engine.awaitTermination(Duration.ofSeconds(30));
            java.util.Set<String> added = new java.util.TreeSet<>();
            Thread.getAllStackTraces().keySet().forEach(t -> {
                if (!namesBefore.contains(t.getName())) {
                    added.add(t.getName());
                }
            });
            int threadsAfter = Thread.getAllStackTraces().size();
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "ran %.0f s: %,d items offered (%,.0f/s), %,d consumed, %,d rejected%n",
                    secs, counts.offered(), counts.offered() / secs, counts.consumed(), counts.rejected());
            System.out.printf(Locale.ROOT, "frames %,d; telemetry events drained %,d (max %,d in one frame); lost %,d%n",
                    frames, events, maxFrameEvents, counts.eventsLost());
            System.out.printf(Locale.ROOT, "heap after GC: %,d KB at 30 s, %,d KB at the end (%+.1f %%)%n",
                    heapStart >> 10, heapEnd >> 10, (heapEnd - heapStart) * 100.0 / heapStart);
            System.out.printf(Locale.ROOT, "threads: %d before, %d after stop (workers ended: %s); new: %s%n",
                    threadsBefore, threadsAfter, ended, added);
        }
    }
}
