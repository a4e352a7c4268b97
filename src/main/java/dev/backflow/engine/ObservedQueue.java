package dev.backflow.engine;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO {@link BlockingQueue} that reports every moment a producer or consumer parks on
 * it, and whose capacity can be changed while threads are using it.
 *
 * <p>Semantics are those of {@link java.util.concurrent.ArrayBlockingQueue}: {@link #put} waits
 * while the queue is full, {@link #take} waits while it is empty, {@link #offer(Object)} fails at
 * once when full, and the timed variants give up after their timeout. Observation never changes
 * those semantics.
 *
 * <p><b>Telemetry.</b> When a thread must wait, the {@link QueueObserver} hears
 * {@code producerParked}/{@code consumerParked} before it waits and exactly one matching
 * {@code ...Unparked} when it stops waiting, with the time it waited (measured on the
 * {@link NanoClock} given at construction). Counters for puts, takes, parks, total parked time
 * and the peak fill are kept under the lock and read together with {@link #stats()}.
 *
 * <p><b>Changing capacity.</b> {@link #setCapacity(int)} grows or shrinks the bound at any time.
 * Growing wakes parked producers at once. Shrinking keeps every queued item; producers then park
 * until the fill drops below the new capacity.
 *
 * <p><b>Iteration.</b> {@link #iterator()} walks a snapshot taken under the lock (like
 * {@link java.util.concurrent.PriorityBlockingQueue}): it never throws
 * {@link java.util.ConcurrentModificationException}, does not see later changes, and its
 * {@code remove()} removes that very element from the queue if it is still there.
 *
 * <p>Null elements are not permitted.
 *
 * <p><b>Stamps.</b> A queue built with {@link Hooks} stamps every insertion and every take with
 * a time. The clock is read before the lock is taken (or when a parked thread wakes), and under
 * the lock each stamp is raised, if need be, to one nanosecond past the one before: a queue's
 * stamps rise strictly in the order the queue saw its operations, while the lock is held for no
 * clock read on the fast path. A stamp is at most the time the thread waited for the lock early.
 *
 * <p>Implementation note: one {@link ReentrantLock} guards all state (each helper that needs it
 * asserts that it holds it, where {@code ArrayBlockingQueue} leaves the assert as a comment; the
 * tests run with assertions on), with the two classic
 * conditions {@code notFull} and {@code notEmpty}. Elements live in an {@link ArrayDeque}, which
 * grows as needed, so the bound is a number that can change rather than an array length.
 *
 * @param <E> the type of elements held
 */
public class ObservedQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    /** Capacity value meaning "no bound". */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<E> items;
    private final QueueObserver observer;
    private final NanoClock clock;
    private final Hooks<? super E> hooks;
    /** False for a queue without hooks: then no clock is read outside parks. */
    private final boolean hooked;

    // All below: guarded by lock.
    private int capacity;
    private long attempts;
    private long puts;
    private long takes;
    private long refused;
    private long timedOut;
    private long evicted;
    private long abandoned;
    private long closedRefusals;
    private long discardedOnClose;
    private boolean receiverDropped;
    private boolean sendersFinished;
    private long producerParks;
    private long producerParkedNanos;
    private int producersParked;
    private long producerParkStartSum;
    private long consumerParks;
    private long consumerParkedNanos;
    private int consumersParked;
    private long consumerParkStartSum;
    private int maxFill;
    /** Items × nanoseconds the queue has held, up to {@code fillSince} (hooked queues only). */
    private double fillItemNanos;
    private long fillSince;
    /** The latest stamp given (see {@link #stamp}). */
    private long lastStamp = Long.MIN_VALUE;
    /** When the queue's clock stopped ({@link #freeze}); no time after it is counted. Lock held. */
    private long frozenAt = Long.MAX_VALUE;
    /**
     * The sojourn books (hooked queues): the total time, ns, that items spent in the queue, from
     * their insertion stamp to the stamp at which they left it (taken, evicted, removed or
     * discarded) or, for those still in it at the freeze, to the freeze; and how many items that
     * covers. With the same stamps as the fill integral, so (fill integral) = (this total): that
     * is Little's law, L = λW, over the queue's life. Lock held.
     */
    private double sojournNanos;
    private long sojourns;
    /**
     * The queued items that carry a stamp: how many, and the sum of their stamps less
     * {@link #origin}, so that their total age at any instant t is {@code count × (t − origin) −
     * sum}, in O(1). Lock held.
     */
    private long stampedQueued;
    private double stampedQueuedSum;
    /** Where the queue's time starts (its creation); stamps are summed relative to it. */
    private final long origin;
    /** The stamp of the latest take, read by its taker before it releases the lock. */
    private long lastTaken;
    /**
     * A demand queue's replenish rule ({@link #useDemand}), or null: then only the capacity bounds
     * insertions. With one, an insertion also needs outstanding demand, which the taking side
     * renews through {@link #subscription()}. Lock held for all the demand fields.
     */
    private Demand demand;
    /** Demand requested and not yet used by an insertion. */
    private long outstanding;
    /** The lowest {@link #outstanding} has been since demand was switched on. */
    private long minOutstanding;
    /** Items taken since the taking side last requested. */
    private int takenSinceRequest;
    /** All the demand requested, and how many requests that took. */
    private long requested;
    private long requests;
    /** Outstanding demand × nanoseconds, up to {@code fillSince} (hooked queues), as the fill integral. */
    private double demandItemNanos;
    /** The Reactive Streams face of a demand queue's demand: what the taking side requests through. */
    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            if (n <= 0) { // Reactive Streams rule 3.9
                throw new IllegalArgumentException("a subscriber requests a positive number of items; got " + n);
            }
            lock.lock();
            try {
                if (demand == null) {
                    throw new IllegalStateException("not a demand queue");
                }
                accrueNow();
                addDemand(n);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            dropReceiver();
        }
    };

    /** A queue with the given bound, no observer and the system clock. */
    public ObservedQueue(int capacity) {
        this(capacity, QueueObserver.NONE, NanoClock.SYSTEM);
    }

    /**
     * A queue with the given bound that reports parks to {@code observer}, timing them with
     * {@code clock}.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public ObservedQueue(int capacity, QueueObserver observer, NanoClock clock) {
        this(capacity, observer, clock, null);
    }

    /**
     * As {@link #ObservedQueue(int, QueueObserver, NanoClock)}, and stamps every insertion and
     * every take or poll that returns an element, telling {@code hooks} (see {@link Hooks} for
     * which call runs under the lock). Stamps, and the times of the park events, rise strictly in
     * the order the queue saw them: an element's insertion is always stamped before its take, and
     * events recorded with these stamps sort into the queue's own order.
     *
     * @param hooks told of every stamped insertion and take, or null for a queue without stamps
     */
    public ObservedQueue(int capacity, QueueObserver observer, NanoClock clock, Hooks<? super E> hooks) {
        requireValidCapacity(capacity);
        this.capacity = capacity;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooked = hooks != null;
        this.hooks = hooks;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
        this.fillSince = hooked ? clock.nanoTime() : 0;
        this.origin = fillSince;
    }

    /**
     * What a stamping queue tells about each element it stamps. Every call runs on the inserting
     * or taking thread, must be short and must not call back into the queue.
     *
     * @param <E> the type of elements
     */
    public interface Hooks<E> {

        /**
         * With the lock held, just before {@code e} becomes visible to takers: write the stamp
         * into {@code e} (a field), and nothing slower. Does nothing by default.
         */
        default void stamp(E e, long atNanos) { }

        /**
         * The stamp {@link #stamp} wrote into {@code e}, read back under the lock when {@code e}
         * leaves, for the sojourn books; {@code Long.MIN_VALUE} (the default) keeps none.
         */
        default long stampOf(E e) {
            return Long.MIN_VALUE;
        }

        /** After the lock is released: {@code e} entered the queue at {@code atNanos}. */
        void entered(E e, long atNanos);

        /** After the lock is released: {@code e} left the queue (take or poll) at {@code atNanos}. */
        void left(E e, long atNanos);
    }

    /**
     * The stamp for a clock reading {@code read} taken by the thread now holding the lock: the
     * reading, or one nanosecond past the latest stamp if the reading is not later (another
     * thread stamped while this one waited for the lock). Call with the lock held.
     */
    private long stamp(long read) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        long s = read > lastStamp ? read : lastStamp + 1;
        lastStamp = s;
        return s;
    }

    /** A stamp read now, under the lock (slow paths and parks). */
    private long stampNow() {
        return stamp(clock.nanoTime());
    }

    /**
     * Adds the current fill over the time since the last change to the fill integral; call with
     * the lock held just before the fill changes (hooked queues only: they read the clock anyway).
     */
    private void accrue(long now) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        long until = Math.min(now, frozenAt);
        if (until > fillSince) {
            fillItemNanos += (double) items.size() * (until - fillSince);
            if (demand != null) {
                demandItemNanos += (double) outstanding * (until - fillSince);
            }
            fillSince = until;
        }
    }

    /**
     * Stops this queue's clock at {@code at}: the fill integral and the parked and waiting times
     * count nothing after it, however long the queue is read afterwards or whatever it still
     * holds. A run ends its links this way when it ends, so every figure made from them (the
     * mean fill, the shares of time) stands still from the end on. Items may still move after
     * it (workers winding down); only the time is frozen. Any thread; once.
     */
    public void freeze(long at) {
        lock.lock();
        try {
            if (hooked) {
                accrue(at);
                if (frozenAt == Long.MAX_VALUE) {
                    censorQueued(at); // what is still queued is counted up to the end
                }
            }
            frozenAt = Math.min(frozenAt, at);
        } finally {
            lock.unlock();
        }
    }

    /** {@code end - start} cut at the freeze, never negative. Lock held. */
    private long until(long start, long end) {
        return Math.max(0, Math.min(end, frozenAt) - start);
    }

    /** Accrues the fill up to a stamp read now and returns that stamp (0 without hooks). Lock held. */
    private long accrueNow() {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        if (!hooked) {
            return 0L;
        }
        long at = stampNow();
        accrue(at);
        return at;
    }

    /**
     * {@code e} left the queue at {@code at} (taken, evicted, removed or discarded): its time in
     * it joins the sojourn books. Before a freeze only: {@link #freeze} counts what is still in
     * the queue then, up to the freeze. Lock held.
     */
    private void departed(E e, long at) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        if (!hooked) {
            return;
        }
        long in = hooks.stampOf(e);
        if (in == Long.MIN_VALUE) {
            return;
        }
        stampedQueued--;
        stampedQueuedSum -= in - origin;
        if (frozenAt == Long.MAX_VALUE) {
            countSojourn(in, at);
        }
    }

    /** One item's stay, from its stamp {@code in} to {@code out}, joins the sojourn books. Lock held. */
    private void countSojourn(long in, long out) {
        sojournNanos += Math.max(0, out - in);
        sojourns++;
    }

    /** {@link #departed} for every queued item, all leaving at {@code at}. Lock held. */
    private void allDeparted(long at) {
        for (E e : items) {
            departed(e, at);
        }
    }

    /** Counts the time of every item still queued up to {@code at} into the sojourn books (the freeze). Lock held. */
    private void censorQueued(long at) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        for (E e : items) {
            long in = hooks.stampOf(e);
            if (in != Long.MIN_VALUE) {
                countSojourn(in, at);
            }
        }
    }

    private static void requireValidCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1; got " + capacity);
        }
    }

    // ---------------------------------------------------------------- capacity and demand

    /** True if an insertion must wait or fail now: no room, or (a demand queue) no demand. Lock held. */
    private boolean full() {
        return items.size() >= capacity || demand != null && outstanding <= 0;
    }

    /**
     * Makes this a demand queue: its capacity becomes the prefetch, which the taking side requests
     * at once, and from then on an insertion needs outstanding demand as well as room; each
     * {@code rule.batch(capacity)} items taken, the taking side requests that many again through
     * {@link #subscription()}. Call before any thread uses the queue.
     *
     * @throws IllegalStateException if the queue is unbounded, already a demand queue, or in use
     */
    public void useDemand(Demand rule) {
        Objects.requireNonNull(rule, "rule");
        lock.lock();
        try {
            if (demand != null || capacity == UNBOUNDED || puts > 0 || attempts > 0) {
                throw new IllegalStateException("demand is switched on once, on a bounded queue not yet used");
            }
            accrueNow();
            demand = rule;
            minOutstanding = capacity;
            addDemand(capacity);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The Reactive Streams subscription through which a demand queue's taking side requests
     * items ({@link Flow.Subscription#request}: positive only, summed up to {@code Long.MAX_VALUE};
     * {@link Flow.Subscription#cancel}: {@link #dropReceiver}). The queue itself requests on the
     * taking thread as items are taken; a test or a custom subscriber may request more.
     */
    public Flow.Subscription subscription() {
        return subscription;
    }

    /** Adds {@code n} to the outstanding demand and wakes as many parked senders. Lock held, accrued. */
    private void addDemand(long n) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        outstanding = outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n; // rule 3.17: saturate
        requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        requests++;
        observer.demandRequested(hooked ? lastStamp : 0L, n, outstanding);
        long wake = Math.min(n, Math.max(0, capacity - items.size()));
        for (long i = 0; i < wake && producersParked > 0 && i < Integer.MAX_VALUE; i++) {
            notFull.signal();
        }
    }

    /**
     * A demand queue's prefetch changed (its capacity, moved live): a larger one requests the
     * difference at once; a smaller one withdraws demand not yet used, down to what the new
     * prefetch leaves after the items queued and taken since the last request (a Reactive
     * Streams subscriber cannot withdraw demand; the lab's slider can). Lock held.
     */
    private void resizeDemand(int newCapacity) {
        accrueNow();
        int old = capacity;
        capacity = newCapacity;
        if (newCapacity > old) {
            addDemand(newCapacity - old);
        } else {
            outstanding = Math.max(0, Math.min(outstanding, (long) newCapacity - items.size() - takenSinceRequest));
            minOutstanding = Math.min(minOutstanding, outstanding);
        }
        int batch = demand.batch(capacity);
        if (takenSinceRequest >= batch) {
            takenSinceRequest -= batch;
            addDemand(batch);
        }
    }

    /** The current bound, or {@link #UNBOUNDED}. */
    public int capacity() {
        lock.lock();
        try {
            return capacity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the bound. Growing releases parked producers at once; shrinking keeps queued
     * items, and producers park until the fill drops below the new bound.
     *
     * @throws IllegalArgumentException if {@code newCapacity < 1}
     */
    public void setCapacity(int newCapacity) {
        requireValidCapacity(newCapacity);
        lock.lock();
        try {
            int old = capacity;
            if (demand != null) {
                resizeDemand(newCapacity);
                return;
            }
            capacity = newCapacity;
            if (newCapacity > old && items.size() < newCapacity) {
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- insertion

    /**
     * Inserts {@code e}, waiting for space if the queue is full.
     *
     * @throws InterruptedException if interrupted while waiting; nothing is inserted then
     */
    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e);
        long read = hooked ? clock.nanoTime() : 0L;
        long at;
        lock.lockInterruptibly();
        try {
            beginAttempt();
            if (full()) {
                awaitSpace(-1L);
            }
            at = enqueue(e, read);
        } finally {
            lock.unlock();
        }
        entered(e, at);
    }

    /** After the lock is released: tells the hooks {@code e} entered at {@code at}. */
    private void entered(E e, long at) {
        if (hooked) {
            hooks.entered(e, at);
        }
    }

    /** After the lock is released: tells the hooks {@code e} left at {@code at}, if it is an element. */
    private E left(E e, long at) {
        if (hooked && e != null) {
            hooks.left(e, at);
        }
        return e;
    }

    /** Counts an insertion attempt; refuses it if the receiver was dropped. Call with lock held. */
    private void beginAttempt() {
        attempts++;
        if (receiverDropped) {
            closedRefusals++;
            throw new QueueClosedException(QueueClosedException.Side.RECEIVER_DROPPED);
        }
    }

    /** Inserts {@code e} if there is space now; returns false (and counts a refusal) if full. */
    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e);
        long read = hooked ? clock.nanoTime() : 0L;
        long at;
        lock.lock();
        try {
            beginAttempt();
            if (full()) {
                refused++;
                return false;
            }
            at = enqueue(e, read);
        } finally {
            lock.unlock();
        }
        entered(e, at);
        return true;
    }

    /**
     * Inserts {@code e} at once, first discarding the oldest element if the queue is full
     * (the DROP_OLDEST policy). Never waits.
     *
     * @return the discarded element, or null if there was space
     * @throws QueueClosedException if the receiver was dropped
     */
    public E offerEvictingOldest(E e) {
        Objects.requireNonNull(e);
        long read = hooked ? clock.nanoTime() : 0L;
        long at;
        E old = null;
        lock.lock();
        try {
            beginAttempt();
            if (demand != null) {
                throw new IllegalStateException("a demand queue evicts nothing: its items were requested");
            }
            if (items.size() >= capacity) {
                long out = 0L;
                if (hooked) {
                    out = stamp(read);
                    accrue(out);
                }
                old = items.pollFirst();
                if (old != null) {
                    departed(old, out);
                    evicted++;
                }
            }
            at = enqueue(e, read);
        } finally {
            lock.unlock();
        }
        entered(e, at);
        return old;
    }

    /**
     * Inserts {@code e}, waiting up to the timeout for space.
     *
     * @return false if the timeout elapsed with the queue still full (counted as a refusal)
     */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e);
        long nanos = clock.realNanos(unit.toNanos(timeout));
        long read = hooked ? clock.nanoTime() : 0L;
        long at;
        lock.lockInterruptibly();
        try {
            beginAttempt();
            if (full()) {
                if (nanos <= 0L || !awaitSpace(nanos)) {
                    timedOut++;
                    return false;
                }
            }
            at = enqueue(e, read);
        } finally {
            lock.unlock();
        }
        entered(e, at);
        return true;
    }

    /**
     * Parks the calling producer until there is space, reporting the park. Call with lock held
     * and the queue full.
     *
     * @param nanos the most to wait, or a negative number to wait without limit
     * @return true if there is space now; false on timeout
     */
    private boolean awaitSpace(long nanos) throws InterruptedException {
        boolean timed = nanos >= 0L;
        long start = stampNow();
        producerParks++;
        producersParked++;
        producerParkStartSum += start;
        observer.producerParked(start, items.size(), capacity);
        boolean gotSpace = false;
        boolean interrupted = true;
        try {
            while (full()) {
                if (receiverDropped) {
                    interrupted = false;
                    closedRefusals++;
                    throw new QueueClosedException(QueueClosedException.Side.RECEIVER_DROPPED);
                }
                if (!timed) {
                    notFull.await();
                } else if (nanos > 0L) {
                    nanos = notFull.awaitNanos(nanos);
                } else {
                    interrupted = false;
                    return false;
                }
            }
            if (receiverDropped) {
                interrupted = false;
                closedRefusals++;
                throw new QueueClosedException(QueueClosedException.Side.RECEIVER_DROPPED);
            }
            gotSpace = true;
            interrupted = false;
            return true;
        } finally {
            if (interrupted) {
                abandoned++;
            }
            long end = stampNow(); // so the insertion that follows is stamped after the wait
            long parked = end - start;
            producersParked--;
            producerParkStartSum -= start;
            producerParkedNanos += until(start, end);
            observer.producerUnparked(end, parked, items.size(), gotSpace);
            if (!gotSpace && !full()) {
                // We may have swallowed a signal meant for a producer that can still use it.
                notFull.signal();
            }
        }
    }

    /**
     * Call with lock held and space available; {@code read} is the clock as the caller read it
     * before taking the lock (hooked queues only).
     *
     * @return the insertion's stamp (0 for a queue without hooks)
     */
    private long enqueue(E e, long read) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        long at = 0L;
        if (hooked) {
            at = stamp(read);
            accrue(at);
            hooks.stamp(e, at);
            if (hooks.stampOf(e) != Long.MIN_VALUE) {
                stampedQueued++;
                stampedQueuedSum += at - origin;
            }
        }
        items.addLast(e);
        puts++;
        if (demand != null) {
            outstanding--;
            minOutstanding = Math.min(minOutstanding, outstanding);
        }
        int size = items.size();
        if (size > maxFill) {
            maxFill = size;
        }
        notEmpty.signal();
        return at;
    }

    // ---------------------------------------------------------------- removal

    /**
     * Removes the head, waiting for an element if the queue is empty.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public E take() throws InterruptedException {
        long read = hooked ? clock.nanoTime() : 0L;
        E e;
        long at;
        lock.lockInterruptibly();
        try {
            if (items.isEmpty() && sendersFinished) {
                throw new QueueClosedException(QueueClosedException.Side.SENDERS_FINISHED);
            }
            if (items.isEmpty()) {
                awaitItem(-1L);
            }
            e = dequeue(read);
            at = lastTaken;
        } finally {
            lock.unlock();
        }
        return left(e, at);
    }

    @Override
    public E poll() {
        long read = hooked ? clock.nanoTime() : 0L;
        E e;
        long at;
        lock.lock();
        try {
            e = items.isEmpty() ? null : dequeue(read);
            at = lastTaken;
        } finally {
            lock.unlock();
        }
        return left(e, at);
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = clock.realNanos(unit.toNanos(timeout));
        long read = hooked ? clock.nanoTime() : 0L;
        E e;
        long at;
        lock.lockInterruptibly();
        try {
            if (items.isEmpty() && (sendersFinished || nanos <= 0L || !awaitItem(nanos))) {
                return null;
            }
            e = dequeue(read);
            at = lastTaken;
        } finally {
            lock.unlock();
        }
        return left(e, at);
    }

    /** Call with lock held and the queue empty. Same contract as {@link #awaitSpace}. */
    private boolean awaitItem(long nanos) throws InterruptedException {
        boolean timed = nanos >= 0L;
        long start = stampNow();
        consumerParks++;
        consumersParked++;
        consumerParkStartSum += start;
        observer.consumerParked(start);
        boolean gotItem = false;
        try {
            while (items.isEmpty()) {
                if (sendersFinished) {
                    if (!timed) {
                        throw new QueueClosedException(QueueClosedException.Side.SENDERS_FINISHED);
                    }
                    return false;
                }
                if (!timed) {
                    notEmpty.await();
                } else if (nanos > 0L) {
                    nanos = notEmpty.awaitNanos(nanos);
                } else {
                    return false;
                }
            }
            gotItem = true;
            return true;
        } finally {
            long end = stampNow(); // so the take that follows is stamped after the wait
            long parked = end - start;
            consumersParked--;
            consumerParkStartSum -= start;
            consumerParkedNanos += until(start, end);
            observer.consumerUnparked(end, parked, gotItem);
            if (!gotItem && !items.isEmpty()) {
                notEmpty.signal();
            }
        }
    }

    /**
     * Call with lock held and the queue non-empty; {@code read} as for {@link #enqueue}. Leaves
     * the take's stamp in {@link #lastTaken}.
     */
    private E dequeue(long read) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        long at = 0L;
        if (hooked) {
            at = stamp(read);
            accrue(at);
            lastTaken = at;
        }
        E e = items.pollFirst();
        departed(e, at);
        takes++;
        if (demand != null) {
            // The taking side renews demand by the batch once a batch has been taken (Reactor's limitRate).
            int batch = demand.batch(capacity);
            if (++takenSinceRequest >= batch) {
                takenSinceRequest -= batch;
                subscription.request(batch);
            }
        } else if (items.size() < capacity) {
            notFull.signal();
        }
        return e;
    }

    /** Wakes as many producers as slots were freed by removing {@code removed} elements. */
    private void signalFreed(int removed) {
        assert lock.isHeldByCurrentThread() : "called without the queue's lock";
        int free = capacity == UNBOUNDED ? removed : Math.min(removed, capacity - items.size());
        for (int i = 0; i < free; i++) {
            notFull.signal();
        }
    }

    @Override
    public E peek() {
        lock.lock();
        try {
            return items.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c);
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        lock.lock();
        try {
            int n = Math.min(maxElements, items.size());
            long at = accrueNow();
            int moved = 0;
            try {
                while (moved < n) {
                    c.add(items.peekFirst());
                    departed(items.pollFirst(), at);
                    moved++;
                }
            } finally {
                // Keep the queue consistent even if c.add threw part-way.
                takes += moved;
                signalFreed(moved);
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        lock.lock();
        try {
            long at = accrueNow();
            Iterator<E> it = items.iterator();
            while (it.hasNext()) {
                E e = it.next();
                if (e.equals(o)) {
                    it.remove();
                    departed(e, at);
                    takes++;
                    signalFreed(1);
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Removes exactly this element (by identity), if still queued. */
    private void removeIdentical(Object o) {
        lock.lock();
        try {
            long at = accrueNow();
            Iterator<E> it = items.iterator();
            while (it.hasNext()) {
                E e = it.next();
                if (e == o) {
                    it.remove();
                    departed(e, at);
                    takes++;
                    signalFreed(1);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            int n = items.size();
            allDeparted(accrueNow());
            items.clear();
            takes += n;
            signalFreed(n);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- inspection

    @Override
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            int room = capacity == UNBOUNDED ? Integer.MAX_VALUE : Math.max(0, capacity - items.size());
            return demand == null ? room : (int) Math.min(room, outstanding);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        lock.lock();
        try {
            return items.contains(o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object[] toArray() {
        lock.lock();
        try {
            return items.toArray();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T[] toArray(T[] a) {
        lock.lock();
        try {
            return items.toArray(a);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<E> iterator() {
        Object[] snapshot = toArray();
        return new Iterator<>() {
            private int next;
            private int last = -1;

            @Override
            public boolean hasNext() {
                return next < snapshot.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                last = next;
                return (E) snapshot[next++];
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException();
                }
                removeIdentical(snapshot[last]);
                last = -1;
            }
        };
    }

    /**
     * The receiver is gone: every queued item is discarded (and counted), every parked producer
     * wakes, and every later insert throws {@link QueueClosedException} ("receiver dropped").
     */
    public void dropReceiver() {
        lock.lock();
        try {
            receiverDropped = true;
            discardedOnClose += items.size();
            allDeparted(accrueNow());
            items.clear();
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every sender has finished: takers drain what is queued, then {@link #take()} throws
     * {@link QueueClosedException} instead of waiting for ever.
     */
    public void finishSending() {
        lock.lock();
        try {
            sendersFinished = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads all counters at one instant. Reading changes nothing, so any number of readers may
     * call it. Parked time includes waits still in progress.
     */
    public QueueStats stats() {
        lock.lock();
        try {
            long now = clock.nanoTime();
            // Not before a stamp a waiting thread was given, nor after the freeze.
            long since = Math.min(Math.max(now, lastStamp), frozenAt);
            int fill = items.size();
            // Waits in progress, each counted from its start to `since` (none starts after a freeze
            // counts: such a wait adds start - since < 0, so the sum is cut at 0).
            long producerWaiting = Math.max(0, (long) producersParked * since - producerParkStartSum);
            long consumerWaiting = Math.max(0, (long) consumersParked * since - consumerParkStartSum);
            return QueueStats.builder().atNanos(now).fill(fill).capacity(capacity).maxFill(maxFill)
                    .attempts(attempts).puts(puts).takes(takes).refused(refused).timedOut(timedOut)
                    .evicted(evicted).abandoned(abandoned).closedRefusals(closedRefusals)
                    .discardedOnClose(discardedOnClose)
                    .producerParks(producerParks)
                    .producerParkedNanos(producerParkedNanos + producerWaiting)
                    .producersParked(producersParked)
                    .consumerParks(consumerParks)
                    .consumerParkedNanos(consumerParkedNanos + consumerWaiting)
                    .consumerWaitingNanos(consumerWaiting)
                    .consumersParked(consumersParked)
                    .fillItemSeconds(hooked ? (fillItemNanos + (double) fill * Math.max(0, since - fillSince)) / 1e9 : Double.NaN)
                    .sojournSeconds(hooked ? sojournNanos / 1e9 : Double.NaN).sojourns(sojourns)
                    .queuedAgeSeconds(!hooked ? Double.NaN : frozenAt != Long.MAX_VALUE ? 0
                            : Math.max(0, (stampedQueued * (double) (since - origin) - stampedQueuedSum) / 1e9))
                    .demand(demand == null ? -1 : outstanding).demandMin(demand == null ? -1 : minOutstanding)
                    .demandItemSeconds(demand == null || !hooked ? Double.NaN
                            : (demandItemNanos + (double) outstanding * Math.max(0, since - fillSince)) / 1e9)
                    .requested(requested).requests(requests)
                    .build();
        } finally {
            lock.unlock();
        }
    }
}
