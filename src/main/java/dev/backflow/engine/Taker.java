package dev.backflow.engine;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The loop every stage after the source runs: take an item from its input link, serve it for its
 * drawn time, pass it on. One per taking worker; its timeline is shared with the input link's
 * dequeue hook on the same thread ({@link Link#left}) through {@link #TIMELINE}.
 *
 * <p>Service starts when the item became available to the worker (when it entered the link, or
 * when the worker's previous service was due to end if it was busy), not when the thread
 * happened to wake: like the producers' absolute deadlines, this keeps wake-up latency and sleep
 * overshoot out of the service time. The latency itself is real, and recorded on its own.
 */
final class Taker {

    /**
     * A taking worker's timeline: {@code [PREVIOUS_DEADLINE]} and {@code [FREE_SINCE]} set by the
     * worker, {@code [START]} and {@code [LATE]} by the link's hook.
     */
    static final ScopedValue<long[]> TIMELINE = ScopedValue.newInstance();
    static final int PREVIOUS_DEADLINE = 0;
    static final int START = 1;
    static final int LATE = 2;
    /** When the worker became free, if not at a previous deadline: its start, or a resume. */
    static final int FREE_SINCE = 3;
    /** 1 if the link's CoDel shed the item just taken (set by the hook, cleared by the worker). */
    static final int SHED = 4;

    /**
     * Most lateness a taker makes up for by starting an item's service before it woke (longer
     * stalls, like a pause or a starved carrier thread, are forgotten).
     */
    static final long CATCH_UP_NANOS = 10_000_000L;

    /** What a stage does with an item once its service is over; false stops the worker. */
    interface Handoff {
        boolean passOn(Item item) throws InterruptedException;
    }

    private Taker() {
    }

    /** A fresh timeline for a taking worker, to bind to {@link #TIMELINE}. */
    static long[] timeline() {
        return new long[5];
    }

    /**
     * Serves items from {@code in} until the link is closed and drained, the run stops, or
     * {@code handoff} says so. Must run with {@link #TIMELINE} bound.
     *
     * @param meanNanos the mean service time, read per item so a live change applies at once
     * @param service   given each achieved service time (the sink's), or null
     */
    static void serve(Run run, Link in, RandomGenerator random, Distribution shape, LongSupplier meanNanos,
                      Intervals service, Handoff handoff) throws InterruptedException {
        serve(run, in, random, shape, meanNanos, service, null, handoff);
    }

    /**
     * As above; with {@code expired} non-null the stage checks deadlines: an item that cannot be
     * finished before its caller's deadline (its service would end after it, or it has passed
     * already) is skipped (counted there, its caller told), and the worker is free at once.
     */
    static void serve(Run run, Link in, RandomGenerator random, Distribution shape, LongSupplier meanNanos,
                      Intervals service, java.util.concurrent.atomic.LongAdder expired, Handoff handoff)
            throws InterruptedException {
        NanoClock clock = run.clock;
        long[] timeline = TIMELINE.get();
        timeline[PREVIOUS_DEADLINE] = Long.MIN_VALUE;
        timeline[FREE_SINCE] = clock.nanoTime();
        boolean waiting = false;
        try {
            while (!run.stopping) {
                if (run.paused) {
                    if (!run.awaitRunning()) {
                        return;
                    }
                    timeline[PREVIOUS_DEADLINE] = Long.MIN_VALUE;
                    timeline[FREE_SINCE] = clock.nanoTime();
                }
                waiting = true;
                Item item = in.queue.poll();
                try {
                    if (item == null) {
                        item = in.queue.take();
                    }
                } catch (QueueClosedException closed) {
                    return; // every sender upstream finished and the link is drained
                }
                waiting = false;
                // The link's dequeue hook has worked out when this item's service starts.
                long start = timeline[START];
                long late = timeline[LATE];
                if (late > 0) {
                    in.wakeLatency.record(late);
                }
                if (timeline[SHED] != 0) {
                    timeline[SHED] = 0;
                    timeline[PREVIOUS_DEADLINE] = start; // shed by CoDel: free again at once
                    continue;
                }
                double factor = shape.factor(random);
                if (expired != null && item.attempt() != null
                        && item.attempt().expiredAt(start + Math.round(meanNanos.getAsLong() * factor))) {
                    // It could not be finished before its caller's deadline: skipped, not served.
                    Link.release(item, false);
                    expired.increment(); // before the caller hears of it: the books never show it served nor held
                    run.callers.expired(item);
                    timeline[PREVIOUS_DEADLINE] = start; // free again without serving it
                    continue;
                }
                long deadline;
                while (true) {
                    deadline = start + Math.round(meanNanos.getAsLong() * factor);
                    long left = deadline - clock.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    run.pace(clock.realNanos(left));
                    if (run.stopping || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                timeline[PREVIOUS_DEADLINE] = deadline;
                Link.release(item, true); // served: the adaptive limit (if any) measures its time in flight here
                if (service != null) {
                    service.record(Math.max(0, deadline - start));
                }
                if (!handoff.passOn(item)) {
                    return;
                }
            }
        } finally {
            if (waiting) {
                // Idle from its last service to its end (or the run's, if that came first).
                long end = run.outcome != null ? Math.min(run.endNanos, clock.nanoTime()) : clock.nanoTime();
                long free = timeline[PREVIOUS_DEADLINE] != Long.MIN_VALUE ? timeline[PREVIOUS_DEADLINE] : timeline[FREE_SINCE];
                if (end > free) {
                    in.idleNanos.add(end - free);
                }
            }
        }
    }
}
