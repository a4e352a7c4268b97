package dev.backflow.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counting half of a bounded multi-producer single-consumer ring, shared by
 * {@link EventRing} and {@link EventSlots}: producers claim consecutive tickets by CAS on
 * {@code tail} while the ring has room, the one consumer frees them by advancing {@code head},
 * and a claim that finds the ring full is refused and counted as lost. Slot {@code t & mask()}
 * belongs to ticket {@code t}.
 */
final class RingTickets {

    private final int capacity;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

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
            t = tail.get();
            if (t - head.get() >= capacity) {
                lost.incrementAndGet();
                return -1;
            }
        } while (!tail.compareAndSet(t, t + 1));
        return t;
    }

    /** The oldest ticket not yet freed. Consumer only. */
    long head() {
        return head.get();
    }

    /** Frees every ticket before {@code h}, once their slots have been read. Consumer only. */
    void freeUpTo(long h) {
        head.lazySet(h);
    }

    long lost() {
        return lost.get();
    }

    /** Approximate number of claimed tickets not yet freed. */
    int size() {
        long size = tail.get() - head.get();
        return (int) Math.max(0, Math.min(size, capacity));
    }
}
