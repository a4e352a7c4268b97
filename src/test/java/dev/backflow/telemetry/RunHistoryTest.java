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
        assertTrue(text.startsWith(CsvRows.EVENTS_HEADER + "\n0.000000,produced,1,Produced 0\n"), text.substring(0, 80));
        assertTrue(text.endsWith("# 3 later events were counted but not kept (at most " + RunHistory.MAX_EVENTS + ")\n"));
        h.add(new Sampler.Frame(Snapshot.empty(Counts.builder().runId(2).atNanos(0).build()), List.of(), true, 0));
        assertEquals(0, h.eventCounts()[0], "a new run starts afresh");
    }
}
