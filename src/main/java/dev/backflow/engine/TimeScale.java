package dev.backflow.engine;

import java.util.Objects;

/**
 * Slow motion: a clock that runs {@code 1/slowdown} as fast as the clock under it, so an
 * experiment timed by it keeps every rate, delay, timeout and duration in its own units while it
 * unfolds {@code slowdown} times more slowly on the wall. At ×1/10 a consumer delay of 500 ms
 * takes five real seconds, and every figure measured on this clock (queue wait, rates, the time
 * axis) still reads 500 ms: the experiment's own units, with nothing to convert.
 *
 * <p>The slowdown can change while a run is going (the engine then wakes every worker so each
 * waits out the rest of its step at the new speed). A change takes effect {@link #SETTLE_NANOS}
 * of real time after it is made, and this clock's time stands still until then: a thread that
 * read the old speed just before the change is then never ahead of one that reads the new
 * speed just after, so the clock stays monotonic across threads without a lock on the reading
 * path (one volatile read per {@link #nanoTime()}).
 */
public final class TimeScale implements NanoClock {

    /** The slowdowns the window offers: ×1, ×1/2, ×1/5, ×1/10. */
    public static final java.util.List<Integer> CHOICES = java.util.List.of(1, 2, 5, 10);

    /** The largest slowdown accepted. */
    public static final int MAX_SLOWDOWN = 100;

    /** How far ahead of the change a new speed takes effect (real nanoseconds). */
    static final long SETTLE_NANOS = 50_000_000L;

    /** From {@code real} (nanoseconds of the clock under this one) on, time runs from {@code at}. */
    private record Base(long real, long at, int slowdown) {
        long at(long realNow) {
            long since = realNow - real;
            if (since <= 0) {
                return at;
            }
            return at + (slowdown == 1 ? since : since / slowdown);
        }
    }

    private final NanoClock under;
    private volatile Base base;

    /** A clock at the speed of {@code under} (slowdown 1) until {@link #slowdown(int)}. */
    public TimeScale(NanoClock under) {
        this.under = Objects.requireNonNull(under, "clock");
        long now = under.nanoTime();
        this.base = new Base(now, now, 1);
    }

    @Override
    public long nanoTime() {
        long realNow = under.nanoTime();
        return base.at(realNow);
    }

    @Override
    public long realNanos(long clockNanos) {
        int s = base.slowdown;
        if (clockNanos <= 0 || s == 1) {
            return clockNanos;
        }
        return clockNanos > Long.MAX_VALUE / s ? Long.MAX_VALUE : clockNanos * s;
    }

    /** How many times slower than real time this clock runs now (1 = real time). */
    public int slowdown() {
        return base.slowdown;
    }

    /**
     * Runs this clock {@code slowdown} times slower than real time from now on (1 = real time).
     *
     * @throws IllegalArgumentException outside 1..{@link #MAX_SLOWDOWN}
     */
    public synchronized void slowdown(int slowdown) {
        if (slowdown < 1 || slowdown > MAX_SLOWDOWN) {
            throw new IllegalArgumentException("slow motion must be ×1 to ×1/" + MAX_SLOWDOWN + ", not ×1/" + slowdown);
        }
        Base old = base;
        if (old.slowdown == slowdown) {
            return;
        }
        long from = Math.max(under.nanoTime() + SETTLE_NANOS, old.real);
        base = new Base(from, old.at(from), slowdown);
    }

    /** "×1", "×1/2", "×1/10": how the window writes a slowdown. */
    public static String label(int slowdown) {
        return slowdown <= 1 ? "×1" : "×1/" + slowdown;
    }
}
