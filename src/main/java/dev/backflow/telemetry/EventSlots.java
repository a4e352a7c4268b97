package dev.backflow.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded, lock-free, multi-producer single-consumer ring of telemetry events kept as
 * primitives in preallocated slots: recording an event (a park, an item entering a link) writes
 * a few numbers and allocates nothing. The event objects are made by the one thread that drains,
 * off the workers' path and outside every queue lock.
 *
 * <p>Like {@link EventRing}, {@link #offer} never blocks: when the ring is full the event is
 * discarded and counted in {@link #lost()}. Producers claim a slot by CAS on {@code tail}, write
 * its words, then publish it by storing the slot's ticket (plus one) with release semantics;
 * the consumer reads a slot once its ticket matches, with acquire semantics, and frees it by
 * advancing {@code head}. Each producer's events come out in the order it offered them.
 */
public final class EventSlots {

    /** What happened; the meaning of {@code a}, {@code b} and the flag depend on it. */
    public enum Kind {
        /** An item entered a link: a = its sequence number. */
        PRODUCED,
        /** An item left the last link: a = sequence, b = ns it waited in that link. */
        CONSUMED,
        /** A sender parked on a full link: a = fill, b = capacity. */
        PRODUCER_PARKED,
        /** A sender woke: a = ns parked; flag = it got space. */
        PRODUCER_UNPARKED,
        /** A taker parked on an empty link. */
        CONSUMER_PARKED,
        /** A taker woke: a = ns parked; flag = it got an item. */
        CONSUMER_UNPARKED,
        /** A send was refused at once: a = sequence. */
        REJECTED,
        /** A send gave up after its timeout: a = sequence. */
        TIMED_OUT,
        /** An item was dropped: a = its sequence; flag = it was the oldest (evicted), not the newest. */
        DROPPED,
        /** The receiver was gone when the worker sent. */
        RECEIVER_DROPPED,
        /** CoDel shed an item as it was taken: a = its sequence, b = its sojourn, ns; the attempt rides in the flag word. */
        SHED,
        /** A stage's adaptive limit refused a send: a = its sequence, b = the limit then. */
        LIMITED,
        /** A demand link's taking side requested more: a = how many, b = the demand outstanding after it. */
        REQUESTED,
        /** The worker produced its last item. */
        PRODUCER_FINISHED;

        private static final Kind[] ALL = values();
    }

    /** Words per slot: time, a, b, and worker, link, kind and flag packed into one. */
    private static final int WORDS = 4;
    private static final VarHandle TICKETS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;
    /** Per slot: its ticket plus one once its words are written (0: never written). */
    private final long[] published;
    private final RingTickets tickets;

    /** A ring with room for at least {@code minCapacity} events (rounded up to a power of two). */
    public EventSlots(int minCapacity) {
        tickets = new RingTickets(minCapacity, 1 << 26);
        words = new long[tickets.capacity() * WORDS];
        published = new long[tickets.capacity()];
    }

    /** Slots in the ring. */
    public int capacity() {
        return published.length;
    }

    /**
     * Records one event if there is room. Safe from any number of threads; never blocks, never
     * allocates.
     *
     * @param worker the worker it happened to (1-based; 0 if none)
     * @param link   the link it happened on (0 is the one next to the source)
     * @return false if the ring was full and the event was counted as lost
     */
    public boolean offer(Kind kind, long atNanos, int worker, long a, long b, int link, boolean flag) {
        long t = tickets.claim();
        if (t < 0) {
            return false;
        }
        int slot = (int) (t & tickets.mask());
        int at = slot * WORDS;
        words[at] = atNanos;
        words[at + 1] = a;
        words[at + 2] = b;
        words[at + 3] = ((long) worker << 32) | ((long) (link & 0xFFFF) << 16) | ((long) kind.ordinal() << 1) | (flag ? 1 : 0);
        TICKETS.setRelease(published, slot, t + 1);
        return true;
    }

    /**
     * Passes up to {@code max} events, oldest first, to {@code sink}, as event records. One
     * thread at a time.
     *
     * @return how many were drained
     */
    public int drain(Consumer<? super TelemetryEvent> sink, int max) {
        long h = tickets.head();
        int n = 0;
        while (n < max) {
            int slot = (int) (h & tickets.mask());
            if ((long) TICKETS.getAcquire(published, slot) != h + 1) {
                break; // empty, or the next producer has claimed but not yet published
            }
            int at = slot * WORDS;
            TelemetryEvent e = event(words[at], words[at + 1], words[at + 2], words[at + 3]);
            h++;
            tickets.read(h); // after the words are read: the slot may be written again
            n++;
            sink.accept(e);
        }
        tickets.freeUpTo(h);
        return n;
    }

    /** The record a slot's words stand for. */
    static TelemetryEvent event(long at, long a, long b, long packed) {
        int worker = (int) (packed >>> 32);
        int link = (int) ((packed >>> 16) & 0xFFFF);
        Kind kind = Kind.ALL[(int) ((packed >>> 1) & 0x7FFF)];
        boolean flag = (packed & 1) != 0;
        return switch (kind) {
            case PRODUCED -> new TelemetryEvent.Produced(at, worker, a, link, (int) b);
            case CONSUMED -> new TelemetryEvent.Consumed(at, worker, a, b, link);
            case PRODUCER_PARKED -> new TelemetryEvent.ProducerParked(at, worker, (int) a, (int) b, link);
            case PRODUCER_UNPARKED -> new TelemetryEvent.ProducerUnparked(at, worker, a, flag, link);
            case CONSUMER_PARKED -> new TelemetryEvent.ConsumerParked(at, worker, link);
            case CONSUMER_UNPARKED -> new TelemetryEvent.ConsumerUnparked(at, worker, a, flag, link);
            case REJECTED -> new TelemetryEvent.ItemRejected(at, worker, a, link, (int) b);
            case TIMED_OUT -> new TelemetryEvent.ItemTimedOut(at, worker, a, link, (int) b);
            case DROPPED -> new TelemetryEvent.ItemDropped(at, worker, a, flag, link, (int) b);
            case RECEIVER_DROPPED -> new TelemetryEvent.ReceiverDropped(at, worker);
            case SHED -> new TelemetryEvent.ItemShed(at, worker, a, b, link, 0);
            case LIMITED -> new TelemetryEvent.ItemLimited(at, worker, a, (int) b, link);
            case REQUESTED -> new TelemetryEvent.DemandRequested(at, worker, a, b, link);
            case PRODUCER_FINISHED -> new TelemetryEvent.ProducerFinished(at, worker);
        };
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
