package dev.backflow.jcstress;

import dev.backflow.engine.ObservedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A sender parked on a full link is let in when the link's capacity is raised: a live
 * {@code setCapacity} racing with a {@code put} that is parking (or about to) must never leave it
 * parked with a free slot (a lost wake-up shows as STALE).
 */
@JCStressTest(org.openjdk.jcstress.annotations.Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the raised capacity let the parked sender in")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: a free slot and a sender still parked")
@State
public class CapacityWakesParkedSender {

    private final ObservedQueue<Integer> link = new ObservedQueue<>(1);

    public CapacityWakesParkedSender() {
        link.offer(0); // full
    }

    @Actor
    public void sender() throws InterruptedException {
        link.put(1);
    }

    @Signal
    public void raise() {
        link.setCapacity(2);
    }
}
