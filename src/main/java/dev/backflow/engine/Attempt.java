package dev.backflow.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One attempt of a caller's request, carried by its item: its number, its deadline, and its fate.
 * The fate is settled once by whoever learns it: the caller when its deadline passes first
 * ({@link #ABANDONED}: the item is still in flight, and may yet be served {@link #LATE}), the sink
 * when it serves the item ({@link #GOOD}, or {@link #LATE} after the deadline), a link that turns
 * it away ({@link #REFUSED}), or a stage that checks deadlines ({@link #EXPIRED}). So each attempt
 * ends in exactly one of good, late, refused and expired, or is still in flight.
 */
final class Attempt {

    static final int IN_FLIGHT = 0;
    /** Its caller gave up waiting; the item is still somewhere in the pipeline. */
    static final int ABANDONED = 1;
    static final int GOOD = 2;
    static final int LATE = 3;
    static final int REFUSED = 4;
    static final int EXPIRED = 5;

    private static final VarHandle FATE;

    static {
        try {
            FATE = MethodHandles.lookup().findVarHandle(Attempt.class, "fate", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The caller's thread, woken when the fate is settled. */
    final Thread caller;
    /** 1 for the first attempt. */
    final int number;
    /** When the caller gives up, engine clock; {@link Long#MAX_VALUE} for never. Moved on by a pause. */
    volatile long deadlineNanos;
    @SuppressWarnings("unused") // through FATE
    private volatile int fate;

    Attempt(Thread caller, int number, long deadlineNanos) {
        this.caller = caller;
        this.number = number;
        this.deadlineNanos = deadlineNanos;
    }

    int fate() {
        return fate;
    }

    /** Moves the fate from {@code from} to {@code to}; false if another got there first. */
    boolean settle(int from, int to) {
        return FATE.compareAndSet(this, from, to);
    }

    /** True once {@code now} is past the deadline. */
    boolean expiredAt(long now) {
        return now > deadlineNanos;
    }
}
