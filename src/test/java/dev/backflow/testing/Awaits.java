package dev.backflow.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a condition to become true, failing with a description if it does not within the
 * timeout. This is how tests wait for concurrent effects: never a fixed sleep.
 */
public final class Awaits {

    private Awaits() {
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes, then fails naming {@code what}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            LockSupport.parkNanos(200_000L);
        }
    }

    /** {@link #until(String, Duration, BooleanSupplier)} with a 10 s timeout. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(10), condition);
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING). */
    public static void parked(Thread t) {
        until(t.getName() + " is parked", () -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
    }
}
