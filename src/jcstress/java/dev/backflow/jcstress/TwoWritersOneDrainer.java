package dev.backflow.jcstress;

import dev.backflow.telemetry.EventSlots;
import dev.backflow.telemetry.TelemetryEvent;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two workers record an event each at the same moment: each claims its own slot, so the drainer
 * then gets both, once each and whole (r1: events drained; r2: how many were torn or repeated).
 */
@JCStressTest
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "both events, once each, whole")
@Outcome(expect = Expect.FORBIDDEN, desc = "an event lost, repeated or torn")
@State
public class TwoWritersOneDrainer {

    private final EventSlots slots = new EventSlots(4);

    @Actor
    public void first() {
        slots.offer(EventSlots.Kind.CONSUMER_PARKED, 1_000L, 1, 0, 0, 0, false);
    }

    @Actor
    public void second() {
        slots.offer(EventSlots.Kind.CONSUMER_PARKED, 2_000L, 2, 0, 0, 0, false);
    }

    @Arbiter
    public void drain(II_Result r) {
        int[] seen = {0, 0, 0}; // drained, bad, consumers seen (bits)
        slots.drain(e -> {
            seen[0]++;
            if (!(e instanceof TelemetryEvent.ConsumerParked c) || c.atNanos() != c.consumer() * 1_000L
                    || (seen[2] & c.consumer()) != 0) {
                seen[1]++;
            } else {
                seen[2] |= c.consumer();
            }
        }, 16);
        r.r1 = seen[0];
        r.r2 = seen[1];
    }
}
