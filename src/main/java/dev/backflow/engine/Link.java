package dev.backflow.engine;

import dev.backflow.telemetry.EventSlots;

import java.util.concurrent.atomic.LongAdder;

/**
 * One link of a run: the bounded queue between two stages, the policy its senders send under,
 * and its books: the waits of the items that pass through it, its takers' wake-up latency and
 * idle time, and every sender's parks. Every link is the same, the first (next to the source)
 * included; it records its events with its own index.
 *
 * <p>It is the queue's observer and hooks: park events and the per-sender books are written
 * under the queue's lock, an item's entry and exit after it is released, on the sending or
 * taking thread.
 */
final class Link implements QueueObserver, ObservedQueue.Hooks<Item> {

    /** Where this link is: 0 next to the source. */
    final int index;
    /** The policy its senders send under, as the run started (a live deadline: {@link #send}). */
    final SendPolicy policy;
    final ObservedQueue<Item> queue;
    /** Queue waits (enqueue to take) of the items that passed through. */
    final Intervals waits = new Intervals();
    /** How late its takers started on an item after it became available to them, ns. */
    final Intervals wakeLatency = new Intervals();
    /**
     * Its takers' finished idle spells, each from the end of a worker's previous service (or its
     * start, or a resume) to the arrival of the item it then served; waits still in progress come
     * from the queue ({@link #idle}).
     */
    final LongAdder idleNanos = new LongAdder();
    /**
     * The adaptive limit of the stage this link feeds (Netflix's {@code SimpleLimiter} on the
     * engine's clock), or null: a send above it is refused before it reaches the queue.
     */
    final com.netflix.concurrency.limits.limiter.SimpleLimiter<Void> limiter;
    /** Sends the limit refused. */
    final LongAdder limited = new LongAdder();
    /** CoDel's state on this link (RFC 8289), or null for none. */
    final CoDel.State codel;
    /** Items CoDel shed as they were taken. */
    final LongAdder codelDrops = new LongAdder();
    /** Parks and parked time per sender (index: worker number − 1); guarded by the queue lock. */
    final long[] parks;
    final long[] parkedNanos;
    private final EventSlots slots;
    private final NanoClock clock;
    /** Told of each shed item that has a caller (its attempt is refused); null in an open-loop run. */
    java.util.function.Consumer<Item> onShed;
    /** Given each item's whole time in the links when it leaves the last one; null for the others. */
    private final Intervals totalWait;
    /** Given each taken item's wait here and its whole wait so far, for the {@code CONSUMED} event; last link only. */
    private final boolean last;

    /**
     * @param senders   how many workers send into it (their parks are kept one by one)
     * @param totalWait the run's end-to-end queue wait, recorded as items leave the last link; null for the others
     */
    Link(int index, ExperimentConfig c, NanoClock clock, EventSlots slots, int senders, Intervals totalWait) {
        this.index = index;
        this.policy = c.policyOf(index);
        AdaptiveLimit limit = c.limitOf(index + 1);
        this.limiter = limit == null ? null : com.netflix.concurrency.limits.limiter.SimpleLimiter.newBuilder()
                .named("backflow-link-" + index).limit(limit.newLimit()).nanoClock(clock::nanoTime).build();
        CoDel settings = c.codelOf(index);
        this.codel = settings == null ? null : new CoDel.State(settings);
        this.slots = slots;
        this.clock = clock;
        this.totalWait = totalWait;
        this.last = totalWait != null;
        this.parks = new long[senders];
        this.parkedNanos = new long[senders];
        this.queue = new ObservedQueue<>(c.capacityOf(index), this, clock, this);
        Demand demand = c.demandOf(index);
        if (demand != null) {
            queue.useDemand(demand); // the consumer side's first request(prefetch), on the run's clock
        }
    }

    /**
     * Sends {@code item} under {@code now}'s policy for this link if it is of the kind the run
     * started with (a timeout's deadline is live), else under the started one.
     */
    SendPolicy.Sent<Item> send(SendPolicy now, Item item) throws InterruptedException {
        return (now.sameKind(policy) ? now : policy).send(queue, item);
    }

    /**
     * Sends {@code item} waiting for space no later than {@code deadlineNanos} (engine clock): a
     * caller's deadline at a link whose senders wait. Times out like a timed offer.
     */
    SendPolicy.Sent<Item> sendBefore(Item item, long deadlineNanos) throws InterruptedException {
        long left = Math.max(1, deadlineNanos - clock.nanoTime()); // a timed offer however late: counted as one
        boolean in = queue.offer(item, left, java.util.concurrent.TimeUnit.NANOSECONDS);
        return SendPolicy.Sent.of(in ? SendPolicy.Outcome.SENT : SendPolicy.Outcome.TIMED_OUT);
    }

    /**
     * Lets go of the adaptive limit's hold on {@code item}, if any: a success once a stage served
     * it, a drop when it was turned away, shed or expired (the limit backs off on drops). Any thread
     * that owns the item.
     */
    static void release(Item item, boolean served) {
        com.netflix.concurrency.limits.Limiter.Listener hold = item.limitHold;
        if (hold != null) {
            item.limitHold = null;
            if (served) {
                hold.onSuccess();
            } else {
                hold.onDropped();
            }
        }
    }

    /** The limit and the requests in flight under it now, or -1 and -1 without a limit. */
    int[] limitAndInflight() {
        return limiter == null ? new int[] {-1, -1} : new int[] {limiter.getLimit(), limiter.getInflight()};
    }

    /** Its takers' idle time: their finished idle spells, and the waits on it still in progress. */
    long idle(QueueStats s) {
        return idleNanos.sum() + s.consumerWaitingNanos();
    }

    // ---------------------------------------------------------------- hooks (no lock held but stamp)

    @Override
    public void stamp(Item item, long at) {
        item.markEnqueued(at);
    }

    @Override
    public long stampOf(Item item) {
        return item.enqueuedNanos();
    }

    /**
     * An item entered at {@code at} (on the sending thread, after the lock; stamped under it):
     * its send is recorded with the link's stamp, and the stamps rise in the order the link saw
     * things, so the sampler's sort by time puts its events back in that order.
     */
    @Override
    public void entered(Item item, long at) {
        slots.offer(EventSlots.Kind.PRODUCED, at, Run.WORKER_ID.orElse(0), item.sequence(),
                item.attempt() == null ? 0 : item.attempt().number, index, false);
    }

    /**
     * An item left at {@code at} (on the taking thread, after the lock). Its service starts when
     * it became available to the taker: when it entered, or when the taker's previous service was
     * due to end ({@link Taker}); its wait here ends there too, so the wait is what queueing theory
     * calls the wait, and the taker's wake-up after that moment is recorded as latency instead.
     */
    @Override
    public void left(Item item, long at) {
        long[] taker = Taker.TIMELINE.isBound() ? Taker.TIMELINE.get() : null;
        long available = taker == null ? item.enqueuedNanos() : Math.max(item.enqueuedNanos(), taker[Taker.PREVIOUS_DEADLINE]);
        long start = Math.max(available, at - Taker.CATCH_UP_NANOS);
        if (taker != null) {
            taker[Taker.START] = start;
            taker[Taker.LATE] = at - available;
            long free = taker[Taker.PREVIOUS_DEADLINE] != Long.MIN_VALUE ? taker[Taker.PREVIOUS_DEADLINE] : taker[Taker.FREE_SINCE];
            if (item.enqueuedNanos() > free) {
                idleNanos.add(item.enqueuedNanos() - free); // free until the item arrived
            }
        }
        long waited = Math.max(0, start - item.enqueuedNanos());
        waits.record(waited); // its sojourn here, served or shed: what CoDel controls
        if (codel != null && codel.drop(start, waited, queue.size() == 0)) {
            // Its sojourn stood above CoDel's target for an interval: shed as it leaves, not served.
            if (taker != null) {
                taker[Taker.SHED] = 1;
            }
            codelDrops.increment();
            release(item, false);
            Attempt a = item.attempt();
            slots.offer(EventSlots.Kind.SHED, at, Run.WORKER_ID.orElse(0), item.sequence(), waited, index, false);
            if (a != null && onShed != null) {
                onShed.accept(item);
            }
            return;
        }
        item.addQueued(waited);
        if (last) {
            totalWait.record(item.queuedNanos());
            slots.offer(EventSlots.Kind.CONSUMED, at, Run.WORKER_ID.orElse(0), item.sequence(), waited, index, false);
        }
    }

    // ---------------------------------------------------------------- observer (queue lock held: count and record only)

    @Override
    public void producerParked(long atNanos, int fill, int capacity) {
        int p = Run.WORKER_ID.orElse(0);
        if (p >= 1 && p <= parks.length) {
            parks[p - 1]++;
        }
        slots.offer(EventSlots.Kind.PRODUCER_PARKED, atNanos, p, fill, capacity, index, false);
    }

    @Override
    public void producerUnparked(long atNanos, long parked, int fill, boolean gotSpace) {
        int p = Run.WORKER_ID.orElse(0);
        if (p >= 1 && p <= parkedNanos.length) {
            parkedNanos[p - 1] += parked;
        }
        slots.offer(EventSlots.Kind.PRODUCER_UNPARKED, atNanos, p, parked, 0, index, gotSpace);
    }

    @Override
    public void demandRequested(long atNanos, long n, long outstanding) {
        slots.offer(EventSlots.Kind.REQUESTED, atNanos, Run.WORKER_ID.orElse(0), n, outstanding, index, false);
    }

    @Override
    public void consumerParked(long atNanos) {
        slots.offer(EventSlots.Kind.CONSUMER_PARKED, atNanos, Run.WORKER_ID.orElse(0), 0, 0, index, false);
    }

    @Override
    public void consumerUnparked(long atNanos, long parked, boolean gotItem) {
        slots.offer(EventSlots.Kind.CONSUMER_UNPARKED, atNanos, Run.WORKER_ID.orElse(0), parked, 0, index, gotItem);
    }
}
