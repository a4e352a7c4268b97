package dev.backflow.ui.log;

import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLogFilterTest {

    private static EventLog.Line line(TelemetryEvent e) {
        return EventLog.Line.of(0, EventLog.Filter.of(e), e.toString());
    }

    /**
     * A flood keeps the newest {@link EventLog#MAX_LINES} lines, oldest first, and says how many
     * were too many to list. While following, the list shows the newest {@link EventLog#TAIL},
     * one change per drain that keeps the count; paused, it shows every line kept.
     */
    @Test
    void aFloodKeepsTheNewestLinesInOrderAndSaysWhatWasNotListed() {
        EventLog log = new EventLog();
        int[] changes = {0};
        int[] sizeChanges = {0};
        log.lines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            changes[0]++;
            while (c.next()) {
                if (c.getAddedSize() != c.getRemovedSize()) {
                    sizeChanges[0]++;
                }
            }
        });
        long item = 0;
        for (int drain = 0; drain < 8; drain++) {
            List<TelemetryEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < EventLog.MAX_PENDING + 100; i++) {
                item++;
                events.add(new TelemetryEvent.Produced(item * 1_000_000L, 1, item));
            }
            dev.backflow.telemetry.Counts c = dev.backflow.telemetry.Counts.builder().runId(1).atNanos(0).build();
            log.offer(new dev.backflow.telemetry.Sampler.Frame(dev.backflow.telemetry.Snapshot.empty(c), events, drain == 0, 0));
            log.drain();
            if (drain == 0) {
                changes[0] = 0; // the new run's clearing and first lines
                sizeChanges[0] = 0;
            }
        }
        assertEquals(7, changes[0], "one change per drain");
        assertEquals(0, sizeChanges[0], "following, the count stays the same");
        assertEquals(EventLog.TAIL, log.lines().size());
        String newest = log.lines().getLast();
        log.pausedProperty().set(true);
        List<String> lines = log.lines();
        assertEquals(newest, lines.getLast(), "pausing keeps the newest line where it was");
        assertEquals(EventLog.MAX_LINES, lines.size(), "paused, every line kept is there to scroll back through");
        assertTrue(lines.getLast().contains("100 more events were too many to list"), lines.getLast());
        double last = -1;
        for (String l : lines) {
            double t = EventLog.secondsOf(l);
            if (!Double.isNaN(t)) {
                assertTrue(t >= last, "oldest first: " + l);
                last = t;
            }
        }
        log.pausedProperty().set(false);
        assertEquals(EventLog.TAIL, log.lines().size(), "following again: the newest lines");
        assertEquals(newest, log.lines().getLast());
    }

    @Test
    void eachFilterShowsItsOwnEventsAndAllShowsEverything() {
        List<TelemetryEvent> parks = List.of(new TelemetryEvent.ProducerParked(1, 1, 5, 5),
                new TelemetryEvent.ProducerUnparked(2, 1, 1, true), new TelemetryEvent.ConsumerParked(3, 1),
                new TelemetryEvent.ConsumerUnparked(4, 1, 1, true));
        List<TelemetryEvent> items = List.of(new TelemetryEvent.Produced(1, 1, 0), new TelemetryEvent.Consumed(2, 1, 0, 5));
        List<TelemetryEvent> losses = List.of(new TelemetryEvent.ItemRejected(1, 1, 0), new TelemetryEvent.ItemTimedOut(1, 1, 0),
                new TelemetryEvent.ItemDropped(1, 1, 0, true));
        List<TelemetryEvent> lifecycle = List.of(new TelemetryEvent.ReceiverDropped(1, 1),
                new TelemetryEvent.ProducerFinished(1, 1), new TelemetryEvent.RunEnded(1, RunOutcome.COMPLETED, "done"));
        check(EventLog.Filter.PARKS, parks, items, losses, lifecycle);
        check(EventLog.Filter.ITEMS, items, parks, losses, lifecycle);
        check(EventLog.Filter.LOSSES, losses, parks, items, lifecycle);
        check(EventLog.Filter.LIFECYCLE, lifecycle, parks, items, losses);
    }

    @SafeVarargs
    private static void check(EventLog.Filter filter, List<TelemetryEvent> shown, List<TelemetryEvent>... hidden) {
        for (TelemetryEvent e : shown) {
            assertTrue(filter.accepts(line(e)), filter + " shows " + e);
            assertTrue(EventLog.Filter.ALL.accepts(line(e)), "All shows " + e);
            assertEquals(filter, EventLog.Filter.of(e));
        }
        for (List<TelemetryEvent> list : hidden) {
            for (TelemetryEvent e : list) {
                assertFalse(filter.accepts(line(e)), filter + " hides " + e);
            }
        }
    }
}
