package dev.backflow.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sleeper arriving on the wake timer's wheel as the timer runs the very tick it is due at: it
 * either parks and is let go by that tick, or is told not to park. A sleeper told to park whose
 * tick passed it by (1, 0) would sleep a whole turn of the wheel too long: forbidden.
 * (In the package of the class it tests, which is not public.)
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "parks, and its tick lets it go")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "told not to park; the tick saw it too (a spurious wake-up later)")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "told not to park: the tick had passed; its entry leaves a turn later")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "parks, and its tick passed it by: a lost wake-up")
@State
public class WakeTimerTickRace {

    private final AtomicInteger letGo = new AtomicInteger();
    /** A timer without a thread, at tick 0, 1 µs a tick; the actor below runs tick 1. */
    private final WakeTimer timer = new WakeTimer(1_000L, 4, null, sleeper -> letGo.incrementAndGet());

    @Actor
    public void sleeper(II_Result r) {
        r.r1 = timer.enlist(Thread.currentThread(), 1_000L) ? 1 : 0; // due at tick 1
    }

    @Actor
    public void tick(II_Result r) {
        r.r2 = timer.wake(1);
    }
}
