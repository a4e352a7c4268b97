package dev.backflow.jcstress;

import dev.backflow.engine.ObservedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZII_Result;

/**
 * A sender offers into a link with one free slot while the link's capacity is lowered to what it
 * holds: the offer sees one bound or the other, whole (r1: the offer's result; r2: the size after
 * both; r3: the capacity after both).
 */
@JCStressTest
@Outcome(id = "true, 2, 1", expect = Expect.ACCEPTABLE, desc = "the offer took the free slot, then the bound fell (the item stays)")
@Outcome(id = "false, 1, 1", expect = Expect.ACCEPTABLE, desc = "the bound fell first: the offer is refused")
@Outcome(expect = Expect.FORBIDDEN, desc = "an offer that saw half a change, or books that do not add up")
@State
public class CapacityRaceKeepsBound {

    private final ObservedQueue<Integer> link = new ObservedQueue<>(2);

    public CapacityRaceKeepsBound() {
        link.offer(0); // one of two slots taken
    }

    @Actor
    public void sender(ZII_Result r) {
        r.r1 = link.offer(1);
    }

    @Actor
    public void lower() {
        link.setCapacity(1);
    }

    @Arbiter
    public void after(ZII_Result r) {
        r.r2 = link.size();
        r.r3 = link.capacity();
    }
}
