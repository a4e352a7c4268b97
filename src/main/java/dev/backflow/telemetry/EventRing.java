package dev.backflow.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded, lock-free, multi-producer single-consumer buffer of events.
 *
 * <p>{@link #offer} never blocks and never allocates: when the ring is full the event is
 * discarded and counted in {@link #lost()}, so a flood of events can slow nobody down and can
 * never exhaust memory. {@link #drain} must only ever be called by one thread at a time.
 *
 * <p>Implementation note: producers claim a slot by CAS on {@code tail} ({@link RingTickets}), then publish the
 * element into it with release semantics; the single consumer reads slots in order with acquire
 * semantics, treats a null slot as "not yet published", clears it and advances {@code head}.
 * The design is the classic bounded MPSC array queue (as in JCTools), written here with
 * VarHandles so the JDK warns about no {@code sun.misc.Unsafe} use (see docs/decisions).
 *
 * @param <E> element type
 */
public final class EventRing<E> {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] slots;
    private final RingTickets tickets;

    /** A ring with room for at least {@code minCapacity} events (rounded up to a power of two). */
    public EventRing(int minCapacity) {
        tickets = new RingTickets(minCapacity, 1 << 30);
        slots = new Object[tickets.capacity()];
    }

    /** Slots in the ring. */
    public int capacity() {
        return slots.length;
    }

    /**
     * Adds {@code e} if there is room. Safe from any number of threads; never blocks.
     *
     * @return false if the ring was full and the event was counted as lost
     */
    public boolean offer(E e) {
        if (e == null) {
            throw new NullPointerException();
        }
        long t = tickets.claim();
        if (t < 0) {
            return false;
        }
        SLOTS.setRelease(slots, (int) (t & tickets.mask()), e);
        return true;
    }

    /**
     * Passes up to {@code max} events, oldest first, to {@code sink}. One thread at a time.
     *
     * @return how many were drained
     */
    @SuppressWarnings("unchecked")
    public int drain(Consumer<? super E> sink, int max) {
        long h = tickets.head();
        int n = 0;
        while (n < max) {
            int index = (int) (h & tickets.mask());
            Object e = SLOTS.getAcquire(slots, index);
            if (e == null) {
                break; // empty, or the next producer has claimed but not yet published
            }
            SLOTS.setRelease(slots, index, null);
            h++;
            tickets.read(h);
            n++;
            sink.accept((E) e);
        }
        tickets.freeUpTo(h);
        return n;
    }

    /** Events discarded because the ring was full, since creation. */
    public long lost() {
        return tickets.lost();
    }

    /** Approximate number of events waiting to be drained. */
    public int size() {
        return tickets.size();
    }
}
