package dev.backflow.telemetry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counting half of a bounded multi-producer single-consumer ring, shared by
 * {@link EventRing} and {@link EventSlots}: producers claim consecutive tickets by CAS on
 * {@code tail} while the ring has room, the one consumer frees them by advancing {@code head},
 * and a claim that finds the ring full is refused and counted as lost. Slot {@code t & mask()}
 * belongs to ticket {@code t}.
 */
final class RingTickets {

    /**
     * tail, head and lost live in one array, 128 bytes apart, so that the consumer freeing slots
     * and the producers claiming them do not fight over one cache line (false sharing).
     */
    private static final int TAIL = 16;
    private static final int HEAD = 32;
    private static final int LOST = 48;
    /** Slots the consumer frees at a time while it drains (a power of two). */
    private static final int FREE_RUN = 64;

    private final int capacity;
    private final int mask;
    private final AtomicLongArray counters = new AtomicLongArray(64);
    /**
     * A value head had once: a lower bound of it, since head only grows. Producers read the
     * consumer's head only when this bound says the ring may be full, so a claim usually
     * touches no line the consumer writes. Racy by design: any value it holds is a bound.
     */
    private long headSeen;

    /** Room for at least {@code minCapacity} (rounded up to a power of two, 2 to {@code max}). */
    RingTickets(int minCapacity, int max) {
        if (minCapacity < 2 || minCapacity > max) {
            throw new IllegalArgumentException("capacity must be in 2.." + max + "; got " + minCapacity);
        }
        capacity = Integer.highestOneBit(minCapacity - 1) << 1;
        mask = capacity - 1;
    }

    int capacity() {
        return capacity;
    }

    int mask() {
        return mask;
    }

    /** A ticket for the next slot, or -1 (counted as lost) if the ring is full. Any thread; never blocks. */
    long claim() {
        long t;
        do {
            t = counters.get(TAIL);
            if (t - headSeen >= capacity) {
                long h = counters.get(HEAD);
                headSeen = h;
                if (t - h >= capacity) {
                    counters.incrementAndGet(LOST);
                    return -1;
                }
            }
        } while (!counters.compareAndSet(TAIL, t, t + 1));
        return t;
    }

    /** The oldest ticket not yet freed. Consumer only. */
    long head() {
        return counters.get(HEAD);
    }

    /**
     * The consumer has read every slot before ticket {@code h}: frees them in runs of
     * {@link #FREE_RUN}, so producers see head move (and its cache line change) less often.
     * A drain calls this after each slot it reads, then {@link #freeUpTo} once at its end.
     * Consumer only.
     */
    void read(long h) {
        if ((h & (FREE_RUN - 1)) == 0) {
            counters.lazySet(HEAD, h);
        }
    }

    /** Frees every ticket before {@code h}, once their slots have been read. Consumer only. */
    void freeUpTo(long h) {
        counters.lazySet(HEAD, h);
    }

    long lost() {
        return counters.get(LOST);
    }

    /** Approximate number of claimed tickets not yet freed. */
    int size() {
        long size = counters.get(TAIL) - counters.get(HEAD);
        return (int) Math.max(0, Math.min(size, capacity));
    }
}
