package dev.backflow.telemetry;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The current run's history, for the window's exports: the time series at one row per
 * {@link #ROW_NANOS} (thinned as the run ages, so a long run stays within {@link #MAX_ROWS} rows),
 * and the events, up to {@link #MAX_EVENTS} (the rest are counted, never silently dropped).
 *
 * <p>The pump thread adds frames; any thread may write the history out. All methods lock the
 * history, and writing copies nothing.
 */
public final class RunHistory {

    /** The first rows' spacing, as the command line's {@code --csv}. */
    public static final long ROW_NANOS = 100_000_000L;
    /** Most rows kept; past it every other row is dropped and the spacing doubles. */
    public static final int MAX_ROWS = 36_000;
    /** Most events kept for export (about 60 MB at most). */
    public static final int MAX_EVENTS = 500_000;

    private long runId = -1;
    private long startNanos;
    private List<String> stageNames = List.of();
    private long spacing = ROW_NANOS;
    private Counts[] rows = new Counts[1024];
    private int size;
    private final List<TelemetryEvent> events = new ArrayList<>();
    private long eventsNotKept;

    /** Adds one frame; a new run starts the history afresh. Pump thread. */
    public synchronized void add(Sampler.Frame frame) {
        Counts c = frame.snapshot().counts();
        if (c.runId() == 0) {
            return;
        }
        if (c.runId() != runId) {
            runId = c.runId();
            startNanos = c.startNanos();
            spacing = ROW_NANOS;
            size = 0;
            events.clear();
            eventsNotKept = 0;
        }
        stageNames = c.stageNames();
        for (TelemetryEvent e : frame.events()) {
            if (events.size() < MAX_EVENTS) {
                events.add(e);
            } else {
                eventsNotKept++;
            }
        }
        long at = c.atNanos();
        if (size > 0 && at - rows[size - 1].atNanos() < spacing) {
            return;
        }
        if (size == MAX_ROWS) {
            thin();
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, Math.min(MAX_ROWS, rows.length * 2));
        }
        rows[size++] = c;
    }

    /** Keeps every other row (the first, the third, ...) and doubles the spacing. */
    private void thin() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            rows[kept++] = rows[i];
        }
        Arrays.fill(rows, kept, size, null);
        size = kept;
        spacing *= 2;
    }

    /**
     * The kept rows from just before {@code from} to {@code to} (run seconds), for the charts when
     * a person scrolls back past what they hold: each as {t, fill, produced/s, consumed/s, mean
     * producers parked}, the rates over the time since the previous kept row.
     */
    public synchronized double[][] series(double from, double to) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double t = (rows[i].atNanos() - startNanos) / 1e9;
            double next = i + 1 < size ? (rows[i + 1].atNanos() - startNanos) / 1e9 : Double.MAX_VALUE;
            if (next < from) {
                continue; // wholly before the range
            }
            if (t > to) {
                break;
            }
            Counts c = rows[i];
            Counts before = i > 0 ? rows[i - 1] : null;
            double dt = before == null ? t : (c.atNanos() - before.atNanos()) / 1e9;
            double produced = dt > 0 ? (c.produced() - (before == null ? 0 : before.produced())) / dt : 0;
            double consumed = dt > 0 ? (c.consumed() - (before == null ? 0 : before.consumed())) / dt : 0;
            double parked = dt > 0 ? (c.producerParkedNanos() - (before == null ? 0 : before.producerParkedNanos())) / 1e9 / dt : 0;
            out.add(new double[] {t, c.fill(), produced, consumed, Math.max(0, parked)});
        }
        return out.toArray(double[][]::new);
    }

    /** Rows kept now. */
    public synchronized int rows() {
        return size;
    }

    /** Events kept now, and those past {@link #MAX_EVENTS} that were only counted. */
    public synchronized long[] eventCounts() {
        return new long[] {events.size(), eventsNotKept};
    }

    /** Writes the time series as CSV, with the command line's columns. */
    public synchronized void writeSeries(Writer out) throws IOException {
        out.write(CsvRows.SERIES_HEADER);
        out.write('\n');
        Counts before = null;
        for (int i = 0; i < size; i++) {
            Counts c = rows[i];
            double t = (c.atNanos() - startNanos) / 1e9;
            double dt = before == null ? t : (c.atNanos() - before.atNanos()) / 1e9;
            out.write(CsvRows.series(t, c, before, dt));
            out.write('\n');
            before = c;
        }
    }

    /**
     * Writes the events as CSV, with the command line's columns; if some were not kept, a last
     * line says how many.
     */
    public synchronized void writeEvents(Writer out) throws IOException {
        out.write(CsvRows.EVENTS_HEADER);
        out.write('\n');
        for (TelemetryEvent e : events) {
            out.write(CsvRows.event(e, startNanos, stageNames));
            out.write('\n');
        }
        if (eventsNotKept > 0) {
            out.write("# " + eventsNotKept + " later events were counted but not kept (at most " + MAX_EVENTS + ")\n");
        }
    }
}
