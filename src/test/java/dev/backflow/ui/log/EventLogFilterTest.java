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
        return new EventLog.Line(0, EventLog.Filter.of(e), e.toString());
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
