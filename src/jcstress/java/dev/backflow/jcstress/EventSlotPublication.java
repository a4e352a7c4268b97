package dev.backflow.jcstress;

import dev.backflow.telemetry.EventSlots;
import dev.backflow.telemetry.TelemetryEvent;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A worker records an event while the drainer drains: the drainer sees the event whole or not at
 * all, never a slot published before its fields (r1: events drained; r2: 1 if every field is the
 * one written, 0 if any is not, -1 if nothing was drained).
 */
@JCStressTest
@Outcome(id = "0, -1", expect = Expect.ACCEPTABLE, desc = "drained before the event was published")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the whole event")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "a torn event: the slot was seen before its fields")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class EventSlotPublication {

    private final EventSlots slots = new EventSlots(4);

    @Actor
    public void worker() {
        slots.offer(EventSlots.Kind.PRODUCER_PARKED, 123_456_789L, 7, 5, 16, 3, false);
    }

    @Actor
    public void drainer(II_Result r) {
        int[] whole = {-1};
        r.r1 = slots.drain(e -> whole[0] = e instanceof TelemetryEvent.ProducerParked p && p.atNanos() == 123_456_789L
                && p.producer() == 7 && p.fill() == 5 && p.capacity() == 16 && p.link() == 3 ? 1 : 0, 16);
        r.r2 = whole[0];
    }
}
