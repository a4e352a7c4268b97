package dev.backflow.cli;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.report.RunSummary;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.CsvRows;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.TelemetryEvent;

import java.util.List;

/**
 * One headless run ({@link dev.backflow.report.HeadlessRun}) that also writes the optional time
 * series and event log of {@code backflow run} as it goes.
 */
final class HeadlessRun {

    private final dev.backflow.report.HeadlessRun run;
    private final OutputFile series;
    private final OutputFile events;
    private long startNanos;
    private Counts previous;

    /**
     * @param series time-series CSV sink, or null
     * @param events event-log CSV sink, or null
     */
    HeadlessRun(ExperimentConfig config, OutputFile series, OutputFile events) {
        this.series = series;
        this.events = events;
        this.run = new dev.backflow.report.HeadlessRun(config, series == null && events == null ? null : this::write);
    }

    /** Asks the run to stop; it then finishes its summary. Safe from any thread (a shutdown hook). */
    void requestStop() {
        run.requestStop();
    }

    RunSummary run() throws InterruptedException {
        if (series != null) {
            series.write(CsvRows.SERIES_HEADER + "\n");
        }
        if (events != null) {
            events.write(CsvRows.EVENTS_HEADER + "\n");
        }
        return run.run();
    }

    private void write(Sampler.Frame frame) {
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        if (frame.newRun()) {
            startNanos = c.startNanos();
            previous = null;
        }
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
    }
}
