package dev.backflow.telemetry;

import java.util.List;
import java.util.Locale;

/**
 * The rows of the two CSV files a run can be saved as, one format for the command line
 * ({@code --csv}, {@code --events}) and the window's exports (docs/cli.md, "CSV files").
 */
public final class CsvRows {

    /** The time series' columns. */
    public static final String SERIES_HEADER = "t_seconds,fill,produced_per_s,consumed_per_s,parks,rejected,dropped,timed_out,memory_bytes";
    /** The event log's columns. */
    public static final String EVENTS_HEADER = "t_seconds,kind,worker,text,attempt";

    private CsvRows() {
    }

    /**
     * One row of the time series at {@code now}: its counts, and the produced and consumed rates
     * since {@code before} (null: since the run's start).
     */
    public static String series(double tSeconds, Counts now, Counts before, double secondsSinceBefore) {
        long producedBefore = before == null ? 0 : before.produced();
        long consumedBefore = before == null ? 0 : before.consumed();
        double dt = secondsSinceBefore;
        return String.format(Locale.ROOT, "%.3f,%d,%.3f,%.3f,%d,%d,%d,%d,%d", tSeconds, now.fill(),
                dt > 0 ? (now.produced() - producedBefore) / dt : 0, dt > 0 ? (now.consumed() - consumedBefore) / dt : 0,
                now.producerParks(), now.rejected(), now.dropped(), now.timedOut(), now.memoryBytes());
    }

    /** One event, in the tutorials' words, timed from the run's start. */
    public static String event(TelemetryEvent e, long startNanos, List<String> stageNames) {
        return String.format(Locale.ROOT, "%.6f,%s,%d,%s,%s", (e.atNanos() - startNanos) / 1e9, EventText.kind(e),
                EventText.worker(e), quote(EventText.describe(e, stageNames)), e.attempt() == 0 ? "" : Integer.toString(e.attempt()));
    }

    /** A CSV field: quoted when it holds a comma or a quote. */
    static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
