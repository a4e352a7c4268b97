package dev.backflow.engine;

/**
 * Paces one worker's items to absolute deadlines, so sleep overshoot never accumulates into
 * rate drift: item <i>k</i> is due at {@code start + k * period}, however late item <i>k-1</i>
 * woke. A worker that falls behind catches up by emitting due items back to back, but never by
 * more than {@link #CATCH_UP_NANOS} (or one period, if longer): after a long park it resumes at
 * the configured rate instead of releasing an unbounded burst.
 *
 * <p>Not thread-safe: each worker owns its pacer.
 */
final class Pacer {

    /** The most lateness a worker makes up for by bursting. */
    static final long CATCH_UP_NANOS = ExperimentConfig.PRODUCER_CATCH_UP_NANOS;

    private long period;
    private long gap;
    private long next;
    /**
     * When the pending item is offered: like {@link #next} but never moved by lateness or a
     * pause, so it depends on the draws and the rate alone (the workload's own schedule).
     */
    private long offered;

    /**
     * @param periodNanos time between items, at least 1
     * @param firstDue    when the first item is due
     */
    Pacer(long periodNanos, long firstDue) {
        this.period = requirePositive(periodNanos);
        this.gap = period;
        this.next = firstDue;
        this.offered = firstDue;
    }

    private static long requirePositive(long period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be positive; got " + period);
        }
        return period;
    }

    /** When the next item is due. */
    long nextDue() {
        return next;
    }

    /** When the pending item is offered on the workload's own schedule (lateness and pauses aside). */
    long offered() {
        return offered;
    }

    /** Current period in nanoseconds. */
    long period() {
        return period;
    }

    /**
     * Applies a new period at once: the pending item becomes due one new period after the
     * previous one, which may already be in the past (then it is due now).
     */
    void changePeriod(long newPeriodNanos) {
        requirePositive(newPeriodNanos);
        long newGap = Math.max(1L, Math.round(gap * (double) newPeriodNanos / period));
        next = next - gap + newGap;
        offered = offered - gap + newGap;
        gap = newGap;
        period = newPeriodNanos;
    }

    /** Records that the pending item was emitted at {@code now}; the next is due one period later. */
    void emitted(long now) {
        emitted(now, 1.0);
    }

    /**
     * Records that the pending item was emitted at {@code now}; the next is due {@code factor}
     * periods later (a random draw with mean 1 gives Poisson or jittered arrivals).
     */
    void emitted(long now, double factor) {
        gap = Math.max(1L, Math.round(period * factor));
        next += gap;
        offered += gap;
        long floor = now - Math.max(CATCH_UP_NANOS, period);
        if (next < floor) {
            next = floor;
        }
    }

    /** Moves the next item no earlier than {@code due} (the start of the next burst). */
    void deferTo(long due) {
        if (due > next) {
            next = due;
        }
    }

    /** Moves the offered schedule's next item no earlier than {@code due} (a burst's start on that schedule). */
    void deferOfferedTo(long due) {
        if (due > offered) {
            offered = due;
        }
    }

    /** Forgets any lateness (after a pause): the next item is due at {@code now}. */
    void restartAt(long now) {
        next = now;
    }
}
