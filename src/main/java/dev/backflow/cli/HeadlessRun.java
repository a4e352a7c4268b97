package dev.backflow.cli;

import dev.backflow.report.RunSummary;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.CsvRows;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.TelemetryEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one experiment without any UI: samples the engine every 100 ms, writes the optional time
 * series and event log as it goes, and returns the summary when the run ends (by itself, or by
 * {@link #requestStop()}, e.g. on Ctrl+C).
 */
final class HeadlessRun {

    /** One row of the time series per this many nanoseconds. */
    static final long ROW_NANOS = 100_000_000L;

    private final Engine engine;
    private final OutputFile series;
    private final OutputFile events;
    /** Measured figures against theory, with intervals by batch means. */
    private final dev.backflow.theory.Fidelity fidelity = new dev.backflow.theory.Fidelity();
    /** Each link's waits, for the summary. */
    private final dev.backflow.report.RunReport report;
    private volatile boolean stopRequested;
    private long startNanos;
    private Counts previous;
    /** Per link: time-weighted fill (sum of fill × seconds), the last fill seen, and the waits. */

    /**
     * @param series time-series CSV sink, or null
     * @param events event-log CSV sink, or null
     */
    HeadlessRun(ExperimentConfig config, OutputFile series, OutputFile events) {
        this.engine = new Engine(config);
        this.report = new dev.backflow.report.RunReport(engine);
        this.series = series;
        this.events = events;
    }

    /** Asks the run to stop; it then finishes its summary. Safe from any thread (a shutdown hook). */
    void requestStop() {
        stopRequested = true;
        engine.stop();
    }

    RunSummary run() throws InterruptedException {
        try {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 10);
            if (series != null) {
                series.write(CsvRows.SERIES_HEADER + "\n");
            }
            if (events != null) {
                events.write(CsvRows.EVENTS_HEADER + "\n");
            }
            engine.start();
            long next = System.nanoTime();
            Snapshot last;
            while (true) {
                next += ROW_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                last = write(sampler.sample());
                if (engine.state() != Engine.State.RUNNING && engine.state() != Engine.State.PAUSED) {
                    break;
                }
            }
            engine.awaitTermination(Duration.ofSeconds(30));
            last = write(sampler.sample()); // whatever happened while the workers wound down
            RunOutcome outcome = engine.outcome() == null ? RunOutcome.STOPPED : engine.outcome();
            String reason = stopRequested ? "stopped by request" : engine.outcomeReason();
            return report.summary(engine.runConfig(), last, outcome, reason, fidelity.report());
        } finally {
            engine.close();
        }
    }

    private Snapshot write(Sampler.Frame frame) {
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        fidelity.add(engine.runConfig(), s);
        if (frame.newRun()) {
            startNanos = c.startNanos();
            previous = null;
        }
        report.add(s);
        if (events != null) {
            List<String> stageNames = c.stageNames();
            for (TelemetryEvent e : frame.events()) {
                events.write(CsvRows.event(e, startNanos, stageNames));
                events.write("\n");
            }
        }
        if (series != null && c.runId() != 0) {
            double dt = previous == null ? s.elapsedSeconds() : (c.atNanos() - previous.atNanos()) / 1e9;
            series.write(CsvRows.series(s.elapsedSeconds(), c, previous, dt));
            series.write("\n");
            previous = c;
        }
        return s;
    }
}
