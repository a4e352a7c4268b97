package dev.backflow.telemetry;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's run history stays bounded however long a run lasts, and its CSV is the command line's. */
class RunHistoryTest {

    private static final long MS = 1_000_000L;

    private static Sampler.Frame frame(long atNanos, long produced, List<TelemetryEvent> events) {
        Counts c = Counts.builder().runId(1).atNanos(atNanos).startNanos(0).producers(1).consumers(1).capacity(5)
                .offered(produced).produced(produced).consumed(produced).build();
        return new Sampler.Frame(Snapshot.empty(c), events, false, 0);
    }

    @Test
    void rowsAreThinnedAsTheRunAgesAndRatesStayTrue() throws Exception {
        RunHistory h = new RunHistory();
        // 100 items/s, a frame every 50 ms, for twice as many rows as it keeps at 100 ms spacing.
        long frames = 2L * RunHistory.MAX_ROWS * 2 + 10;
        for (long i = 0; i <= frames; i++) {
            h.add(frame(i * 50 * MS, i * 5, List.of()));
        }
        assertTrue(h.rows() <= RunHistory.MAX_ROWS, "bounded: " + h.rows());
        assertTrue(h.rows() > RunHistory.MAX_ROWS / 4, "but not emptied: " + h.rows());
        StringWriter out = new StringWriter();
        h.writeSeries(out);
        String[] lines = out.toString().split("\n");
        assertEquals(CsvRows.SERIES_HEADER, lines[0]);
        assertEquals(h.rows() + 1, lines.length);
        for (int i = 2; i < lines.length; i++) {
            assertEquals(100.0, Double.parseDouble(lines[i].split(",")[2]), 1e-6, "produced/s over a thinned row: " + lines[i]);
        }
    }

    @Test
    void eventsPastTheCapAreCountedAndSaid() throws Exception {
        RunHistory h = new RunHistory();
        List<TelemetryEvent> many = new java.util.ArrayList<>();
        for (int i = 0; i < RunHistory.MAX_EVENTS + 3; i++) {
            many.add(new TelemetryEvent.Produced(i, 1, i, 0));
        }
        h.add(frame(MS, 0, many));
        assertEquals(RunHistory.MAX_EVENTS, h.eventCounts()[0]);
        assertEquals(3, h.eventCounts()[1]);
        StringWriter out = new StringWriter();
        h.writeEvents(out);
        String text = out.toString();
        assertTrue(text.startsWith(CsvRows.EVENTS_HEADER + "\n0.000000,produced,1,Produced 0,\n"), text.substring(0, 80));
        assertTrue(text.endsWith("# 3 later events were counted but not kept (at most " + RunHistory.MAX_EVENTS + ")\n"));
        h.add(new Sampler.Frame(Snapshot.empty(Counts.builder().runId(2).atNanos(0).build()), List.of(), true, 0));
        assertEquals(0, h.eventCounts()[0], "a new run starts afresh");
    }

    @Test
    void aRangeOfTheSeriesComesBackWithItsRates() {
        RunHistory h = new RunHistory();
        for (long i = 0; i <= 100; i++) { // 10 s at 100 items/s, a frame every 100 ms
            h.add(frame(i * 100 * MS, i * 10, List.of()));
        }
        double[][] rows = h.series(2.0, 3.0);
        assertTrue(rows[0][0] <= 2.0 && rows[rows.length - 1][0] >= 3.0 - 1e-9, "covers the range: " + rows.length);
        for (int i = 1; i < rows.length; i++) {
            assertEquals(100.0, rows[i][2], 1e-6, "produced/s");
            assertTrue(rows[i][0] > rows[i - 1][0]);
        }
        assertEquals(1, h.series(20, 30).length, "after the run: only the last row, the value that still stands");
        assertEquals(10.0, h.series(20, 30)[0][0], 1e-9);
    }
}
