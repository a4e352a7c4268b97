package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.EventRing;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.telemetry.TelemetrySource;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs producers and consumers on virtual (or platform) threads over one {@link ObservedQueue}.
 *
 * <p><b>Lifecycle.</b> {@code IDLE --start--> RUNNING <--pause/resume--> PAUSED}. A run ends by
 * {@link #stop()} ({@code STOPPED}), or by itself ({@code FINISHED}): a finite run whose consumers
 * drained the buffer, an unbounded buffer over its memory budget, or producers that stopped after
 * the receiver was dropped. {@link #outcome()} says which. Counters stay readable after the end;
 * {@code start} begins a fresh run; {@code reset} discards it. No lifecycle call blocks:
 * {@link #awaitTermination} waits for the workers.
 *
 * <p><b>Workers.</b> Each producer sends items at its share of the total rate, paced to absolute
 * deadlines ({@link Pacer}) with gaps drawn from the arrival {@link Distribution}, using the
 * run's {@link SendPolicy}. Each consumer takes an item and spends the (drawn) service time on it.
 * A paused worker finishes the step it is in, then waits.
 *
 * <p><b>Reconfiguring.</b> {@link #reconfigure} swaps the whole config atomically. Capacity,
 * rate, delay and timeout reach a running experiment at once: every worker is woken and
 * recomputes its deadline (even mid-way through a 5-second sleep). The other settings (counts,
 * policy, distributions, finite-run limits, seed, item size, budget, thread kind) apply at the
 * next {@link #start()}.
 *
 * <p>Thread-safety: all public methods may be called from any thread; lifecycle calls are
 * serialized on an internal monitor and are short.
 */
public final class Engine implements TelemetrySource, AutoCloseable {

    /** Where a run is in its life. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPED, FINISHED }

    /** Identifies the worker running the current code, for telemetry (1-based). */
    static final ScopedValue<Integer> WORKER_ID = ScopedValue.newInstance();

    /** Events buffered between two drains before new ones are counted as lost. */
    static final int EVENT_BUFFER = 1 << 17;

    private final NanoClock clock;
    private final Object control = new Object();
    private volatile ExperimentConfig config;
    private volatile State state = State.IDLE;
    private volatile Run run;
    private long lastRunId;

    /** An idle engine on the system clock. */
    public Engine(ExperimentConfig initial) {
        this(initial, NanoClock.SYSTEM);
    }

    /** An idle engine timing everything with {@code clock}. */
    public Engine(ExperimentConfig initial, NanoClock clock) {
        this.config = Objects.requireNonNull(initial, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The config in force. */
    public ExperimentConfig config() {
        return config;
    }

    /** The config the current (or last) run started with, or the config in force if none. */
    public ExperimentConfig runConfig() {
        Run r = run;
        return r == null ? config : r.started;
    }

    /** Where the engine is in its lifecycle. */
    public State state() {
        return state;
    }

    /** How the last run ended, or null if none has ended. */
    public RunOutcome outcome() {
        Run r = run;
        return r == null ? null : r.outcome;
    }

    /** Why the last run ended, in words, or "" while it runs. */
    public String outcomeReason() {
        Run r = run;
        return r == null || r.reason == null ? "" : r.reason;
    }

    /**
     * Applies {@code next} at once, also to a running experiment. Sleeping workers are woken so a
     * new rate or delay applies without waiting for the old sleep to end.
     */
    public void reconfigure(ExperimentConfig next) {
        Objects.requireNonNull(next, "config");
        synchronized (control) {
            config = next;
            Run r = run;
            if (r != null && isActive()) {
                if (r.started.policy().bounded()) {
                    r.queue.setCapacity(next.capacity());
                }
                r.wakeAll();
            }
        }
    }

    private boolean isActive() {
        return state == State.RUNNING || state == State.PAUSED;
    }

    /** Starts a new run from IDLE, STOPPED or FINISHED; resumes if PAUSED; nothing if RUNNING. */
    public void start() {
        synchronized (control) {
            switch (state) {
                case RUNNING -> { }
                case PAUSED -> resume();
                case IDLE, STOPPED, FINISHED -> {
                    // Build the whole run (every worker, the launcher) before publishing it: the
                    // lock-free readers (liveWorkers, awaitTermination, counts) then never see
                    // a half-built one.
                    Run r = new Run(++lastRunId, config);
                    r.launcher.start();
                    run = r;
                    state = State.RUNNING;
                }
            }
        }
    }

    /** RUNNING to PAUSED: workers finish their current step, then wait. */
    public void pause() {
        synchronized (control) {
            if (state == State.RUNNING) {
                run.paused = true;
                state = State.PAUSED;
            }
        }
    }

    /** PAUSED to RUNNING. */
    public void resume() {
        synchronized (control) {
            if (state == State.PAUSED) {
                run.paused = false;
                state = State.RUNNING;
                run.wakeAll();
            }
        }
    }

    /** Ends the run: every worker is interrupted and ends. Counters stay readable. Never blocks. */
    public void stop() {
        Run r;
        synchronized (control) {
            r = run;
            if (!isActive()) {
                return;
            }
        }
        r.finish(RunOutcome.STOPPED, "stopped");
    }

    /**
     * Drops the receiver, as when a channel's receiving end is dropped: consumers stop, queued
     * items are discarded, and every producer's next send fails with "receiver dropped", after
     * which it stops. The run then ends as {@link RunOutcome#RECEIVER_DROPPED}.
     */
    public void dropConsumers() {
        Run r;
        synchronized (control) {
            r = run;
            if (!isActive()) {
                return;
            }
            if (state == State.PAUSED) {
                resume(); // producers must run to discover the drop
            }
        }
        r.dropReceiver();
    }

    /**
     * Stops any run and discards its counters, in one step: a {@link #start()} racing with it
     * either runs before (and its run is stopped here) or after (and starts afresh).
     */
    public void reset() {
        synchronized (control) {
            Run r = run;
            if (r != null && isActive()) {
                r.finish(RunOutcome.STOPPED, "stopped");
            }
            run = null;
            state = State.IDLE;
        }
    }

    /**
     * Waits until every worker of the latest run has ended.
     *
     * @return true if none is left alive
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Run r = run;
        return r == null || r.join(timeout);
    }

    /**
     * Waits until the latest run has ended (by itself or by stop).
     *
     * @return true if it ended within the timeout
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isActive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (control) {
                if (isActive()) {
                    control.wait(Math.max(1, Math.min(left / 1_000_000, 100)));
                }
            }
        }
        return true;
    }

    /** Threads of the latest run that are still alive (empty once a stopped run has ended). */
    public List<Thread> liveWorkers() {
        Run r = run;
        if (r == null) {
            return List.of();
        }
        return r.workers.stream().filter(Thread::isAlive).toList();
    }

    /** Workers of the current run, for tests and diagnostics. */
    List<Thread> workers() {
        Run r = run;
        return r == null ? List.of() : List.copyOf(r.workers);
    }

    /** The object a worker waiting out a pause parks on, or null. For tests. */
    Object pauseGate() {
        Run r = run;
        return r == null ? null : r.pauseGate;
    }

    @Override
    public Counts counts() {
        Run r = run;
        if (r == null) {
            return Counts.none(clock.nanoTime(), config.effectiveCapacity());
        }
        return r.counts();
    }

    @Override
    public int drainEvents(Consumer<? super TelemetryEvent> sink, int max) {
        Run r = run;
        return r == null ? 0 : r.events.drain(sink, max);
    }

    @Override
    public void drainQueueWait(Histogram into) {
        Run r = run;
        if (r != null) {
            synchronized (r.waitRecorder) {
                r.interval = r.interval == null ? r.waitRecorder.getIntervalHistogram()
                        : r.waitRecorder.getIntervalHistogram(r.interval);
                into.add(r.interval);
            }
        }
    }

    /**
     * How long it took to start every worker thread of the latest run, in milliseconds (0
     * before any run, and while they are still being started): the cost that virtual threads
     * make small.
     */
    public double workerStartMillis() {
        Run r = run;
        return r == null ? 0 : r.launchNanos / 1e6;
    }

    /** Parks and parked time per producer of the latest run (index 0 is producer 1). */
    public ProducerStats[] perProducer() {
        Run r = run;
        if (r == null) {
            return new ProducerStats[0];
        }
        r.queue.stats(); // parks are recorded under the queue lock; this orders our reads after them
        ProducerStats[] out = new ProducerStats[r.producers];
        for (int i = 0; i < r.producers; i++) {
            out[i] = new ProducerStats(i + 1, r.parks[i], r.parkedNanos[i]);
        }
        return out;
    }

    /**
     * One producer's parking record.
     *
     * @param producer    1-based producer number
     * @param parks       times it parked
     * @param parkedNanos total time parked (completed parks)
     */
    public record ProducerStats(int producer, long parks, long parkedNanos) {
    }

    /** Stops the run and waits briefly for its workers. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitTermination(Duration.ofSeconds(10));
    }

    // ---------------------------------------------------------------- one run

    /** The threads, queue and counters of one run. */
    private final class Run implements QueueObserver {
        final long id;
        final ExperimentConfig started;
        final long startNanos;
        final int producers;
        final int consumers;
        final ObservedQueue<Item> queue;
        final EventRing<TelemetryEvent> events = new EventRing<>(EVENT_BUFFER);
        final LongAdder consumed = new LongAdder();
        final AtomicLong sequence = new AtomicLong();
        final AtomicLong tickets = new AtomicLong();
        final AtomicInteger producersLeft;
        final AtomicInteger consumersLeft;
        final Recorder waitRecorder = new Recorder(3);
        Histogram interval;
        final long[] parks;          // guarded by the queue lock (written in callbacks)
        final long[] parkedNanos;    // guarded by the queue lock
        /** Every worker thread, created (not started) in the constructor; never changes. */
        final List<Thread> workers;
        final List<Thread> consumerThreads;
        /** Starts the workers from its own thread, so {@link #start()} never blocks its caller. */
        final Thread launcher;
        /** Blocker object of workers waiting out a pause (visible to LockSupport.getBlocker). */
        final Object pauseGate = new Object();
        volatile boolean paused;
        volatile boolean stopping;
        volatile boolean receiverDropped;
        volatile RunOutcome outcome;
        volatile String reason;
        /** How long creating and starting every worker thread took (set once, at launch). */
        volatile long launchNanos;
        /** When the run ended (engine clock); the run's time stands still from then on. */
        volatile long endNanos;

        Run(long id, ExperimentConfig c) {
            this.id = id;
            this.started = c;
            this.producers = c.producers();
            this.consumers = c.consumers();
            this.queue = new ObservedQueue<>(c.effectiveCapacity(), this, clock, Item::markEnqueued);
            this.startNanos = clock.nanoTime();
            this.producersLeft = new AtomicInteger(producers);
            this.consumersLeft = new AtomicInteger(consumers);
            this.parks = new long[producers];
            this.parkedNanos = new long[producers];
            // Every worker is created here (cheap) and started by the launcher thread: starting
            // 20,000 platform threads takes tens of seconds, and the caller may be the FX thread.
            Thread.Builder builder = c.threads() == ThreadKind.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
            // Seeds are split in a fixed order, so each worker's draws depend only on the seed.
            SplittableRandom seeds = new SplittableRandom(c.seed());
            List<Thread> all = new ArrayList<>(producers + consumers);
            for (int i = 1; i <= consumers; i++) {
                int worker = i;
                RandomGenerator random = seeds.split();
                all.add(builder.name("consumer-" + i).unstarted(
                        () -> ScopedValue.where(WORKER_ID, worker).run(() -> consume(this, worker, random))));
            }
            for (int i = 1; i <= producers; i++) {
                int worker = i;
                RandomGenerator random = seeds.split();
                all.add(builder.name("producer-" + i).unstarted(
                        () -> ScopedValue.where(WORKER_ID, worker).run(() -> produce(this, worker, random))));
            }
            this.workers = List.copyOf(all);
            this.consumerThreads = workers.subList(0, consumers);
            // The launcher starts every worker, then stays (parked) until the run ends, and then
            // interrupts them all: interrupting 20,000 platform threads takes seconds, which
            // must not be spent in stop() on its caller (the FX thread).
            this.launcher = Thread.ofPlatform().daemon().name("backflow-launcher-" + id).unstarted(() -> {
                long t0 = System.nanoTime();
                for (Thread t : workers) {
                    if (stopping) {
                        break; // a stop during launch: the rest never start
                    }
                    t.start();
                }
                launchNanos = System.nanoTime() - t0;
                while (!stopping) {
                    LockSupport.park(this);
                }
                for (Thread t : workers) {
                    t.interrupt();
                }
            });
        }

        void wakeAll() {
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
        }

        /** Ends the run once; the first outcome wins. Any thread. */
        void finish(RunOutcome how, String why) {
            synchronized (control) {
                if (outcome != null) {
                    return;
                }
                endNanos = clock.nanoTime();
                outcome = how;
                reason = why;
                stopping = true;
                if (run == this) {
                    state = how == RunOutcome.STOPPED ? State.STOPPED : State.FINISHED;
                }
                control.notifyAll();
            }
            events.offer(new TelemetryEvent.RunEnded(clock.nanoTime(), how, why));
            LockSupport.unpark(launcher); // it interrupts every worker
        }

        void dropReceiver() {
            receiverDropped = true;
            queue.dropReceiver();
            for (Thread t : consumerThreads) {
                t.interrupt();
            }
        }

        void producerLeft() {
            if (producersLeft.decrementAndGet() == 0) {
                if (receiverDropped) {
                    finish(RunOutcome.RECEIVER_DROPPED, "receiver dropped: every producer's send failed and it stopped");
                } else {
                    queue.finishSending(); // consumers drain what is left, then end
                }
            }
        }

        void consumerLeft() {
            if (consumersLeft.decrementAndGet() == 0 && producersLeft.get() == 0 && !stopping && !receiverDropped) {
                finish(RunOutcome.COMPLETED, "completed: producers finished and consumers drained the buffer");
            }
        }

        boolean join(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            // The launcher first: once it is done, no worker can start any more and every one was
            // interrupted. It ends only after the run has ended.
            if (!launcher.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                return false;
            }
            for (Thread t : workers) {
                if (t.getState() == Thread.State.NEW) {
                    continue; // skipped by the launcher after a stop: it will never run
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return workers.stream().noneMatch(Thread::isAlive);
                }
            }
            return true;
        }

        Counts counts() {
            QueueStats q = queue.stats();
            long refusedAsRejected = started.policy().refusalsAreRejections() ? q.refused() : 0;
            long refusedAsDropped = started.policy().refusalsAreRejections() ? 0 : q.refused();
            RunOutcome ended = outcome;
            long at = ended != null ? endNanos : q.atNanos();
            return Counts.builder().runId(id).atNanos(at).startNanos(startNanos)
                    .producers(producers).consumers(consumers)
                    .fill(q.fill()).capacity(q.capacity()).maxFill(q.maxFill())
                    .offered(q.attempts()).produced(q.puts()).taken(q.takes()).consumed(consumed.sum())
                    .rejected(refusedAsRejected).dropped(refusedAsDropped + q.evicted()).timedOut(q.timedOut())
                    .sending(q.producersParked()).abandoned(q.abandoned())
                    .lostOnClose(q.closedRefusals() + q.discardedOnClose())
                    .producerParks(q.producerParks()).producerParkedNanos(q.producerParkedNanos())
                    .producersParked(q.producersParked())
                    .consumerParks(q.consumerParks()).consumerParkedNanos(q.consumerParkedNanos())
                    .memoryBytes((long) q.fill() * started.itemSizeBytes()).memoryBudgetBytes(started.memoryBudgetBytes())
                    .eventsLost(events.lost()).outcome(ended)
                    .build();
        }

        /** Blocks while paused; returns true if the worker should carry on. */
        boolean awaitRunning() {
            while (paused && !stopping) {
                LockSupport.park(pauseGate);
            }
            return !stopping;
        }

        // QueueObserver: called with the queue lock held, so only count and enqueue a record.

        @Override
        public void producerParked(long atNanos, int fill, int capacity) {
            int p = WORKER_ID.orElse(0);
            if (p >= 1 && p <= producers) {
                parks[p - 1]++;
            }
            events.offer(new TelemetryEvent.ProducerParked(atNanos, p, fill, capacity));
        }

        @Override
        public void producerUnparked(long atNanos, long parked, int fill, boolean gotSpace) {
            int p = WORKER_ID.orElse(0);
            if (p >= 1 && p <= producers) {
                parkedNanos[p - 1] += parked;
            }
            events.offer(new TelemetryEvent.ProducerUnparked(atNanos, p, parked, gotSpace));
        }

        @Override
        public void consumerParked(long atNanos) {
            events.offer(new TelemetryEvent.ConsumerParked(atNanos, WORKER_ID.orElse(0)));
        }

        @Override
        public void consumerUnparked(long atNanos, long parked, boolean gotItem) {
            events.offer(new TelemetryEvent.ConsumerUnparked(atNanos, WORKER_ID.orElse(0), parked, gotItem));
        }
    }

    // ---------------------------------------------------------------- worker loops

    /** Mean gap between two items of one producer under {@code c}. */
    private static long meanGap(ExperimentConfig c, Run r) {
        double rate = r.started.arrivals() instanceof Distribution.Bursty b ? b.burstRate() : c.producerRate();
        return Math.max(1L, Math.round(1e9 * r.producers / rate));
    }

    private void produce(Run r, int worker, RandomGenerator random) {
        ExperimentConfig seen = config;
        Distribution arrivals = r.started.arrivals();
        long gap = meanGap(seen, r);
        Pacer pacer = new Pacer(gap, r.startNanos + gap * (worker - 1) / r.producers);
        long endNanos = r.started.durationSeconds() > 0
                ? r.startNanos + Math.round(r.started.durationSeconds() * 1e9) : Long.MAX_VALUE;
        try {
            while (!r.stopping) {
                if (r.paused) {
                    if (!r.awaitRunning()) {
                        return;
                    }
                    pacer.restartAt(clock.nanoTime());
                }
                ExperimentConfig c = config;
                if (c != seen) {
                    pacer.changePeriod(meanGap(c, r));
                    seen = c;
                }
                if (arrivals instanceof Distribution.Bursty b) {
                    pacer.deferTo(r.startNanos + b.nextOnTime(pacer.nextDue() - r.startNanos));
                }
                long now = clock.nanoTime();
                if (pacer.nextDue() >= endNanos && now >= endNanos - 1) {
                    return; // a timed run is over for this producer
                }
                long wait = Math.min(pacer.nextDue(), endNanos) - now;
                if (wait > 0) {
                    LockSupport.parkNanos(r, wait);
                    continue; // re-check stop, pause and config after every wake-up
                }
                if (r.started.items() > 0 && r.tickets.getAndIncrement() >= r.started.items()) {
                    return; // a finite run's items are all claimed
                }
                Item item = new Item(r.sequence.getAndIncrement(), worker);
                item.markEnqueued(clock.nanoTime()); // corrected by the queue if the send has to wait
                send(r, c, worker, item);
                pacer.emitted(clock.nanoTime(), arrivals.factor(random));
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts parked producers; the item being sent was not inserted.
        } catch (QueueClosedException receiverGone) {
            r.events.offer(new TelemetryEvent.ReceiverDropped(clock.nanoTime(), worker));
        } finally {
            if (!r.stopping) {
                r.events.offer(new TelemetryEvent.ProducerFinished(clock.nanoTime(), worker));
            }
            r.producerLeft();
        }
    }

    /**
     * Sends one item under the run's policy ({@link SendPolicy#send} decides), and records what
     * became of it: an exhaustive switch over the outcomes, so a new one does not compile until
     * it has its event.
     */
    private void send(Run r, ExperimentConfig c, int worker, Item item) throws InterruptedException {
        SendPolicy policy = r.started.policy();
        SendPolicy.Sent<Item> sent = policy.send(r.queue, item, c.timeoutNanos());
        long now = clock.nanoTime();
        switch (sent.outcome()) {
            case SENT -> r.events.offer(new TelemetryEvent.Produced(now, worker, item.sequence()));
            case REJECTED -> r.events.offer(new TelemetryEvent.ItemRejected(now, worker, item.sequence()));
            case TIMED_OUT -> r.events.offer(new TelemetryEvent.ItemTimedOut(now, worker, item.sequence()));
            case DROPPED_NEWEST -> r.events.offer(new TelemetryEvent.ItemDropped(now, worker, item.sequence(), false));
            case SENT_EVICTING_OLDEST -> {
                r.events.offer(new TelemetryEvent.Produced(now, worker, item.sequence()));
                r.events.offer(new TelemetryEvent.ItemDropped(now, worker, sent.evicted().sequence(), true));
            }
        }
        if (!policy.bounded()) {
            long memory = (long) r.queue.size() * r.started.itemSizeBytes();
            if (memory > r.started.memoryBudgetBytes()) {
                r.finish(RunOutcome.KILLED_OUT_OF_MEMORY, "killed: out of memory ("
                        + Units.number(memory) + " bytes queued, budget "
                        + Units.number(r.started.memoryBudgetBytes()) + ")");
            }
        }
    }

    /** Most lateness a busy consumer makes up for (longer stalls, like a pause, are forgotten). */
    static final long CONSUMER_CATCH_UP_NANOS = 10_000_000L;

    private void consume(Run r, int worker, RandomGenerator random) {
        Distribution service = r.started.service();
        long previousDeadline = Long.MIN_VALUE;
        try {
            while (!r.stopping) {
                if (r.paused) {
                    if (!r.awaitRunning()) {
                        return;
                    }
                    previousDeadline = Long.MIN_VALUE;
                }
                // An item that was already waiting starts its service when the previous one's
                // was due to end, not when this thread happened to wake: like the producers'
                // absolute deadlines, this keeps sleep overshoot from adding up item after item.
                Item item = r.queue.poll();
                boolean busy = item != null;
                try {
                    if (item == null) {
                        item = r.queue.take();
                    }
                } catch (QueueClosedException closed) {
                    return; // every producer finished and the buffer is drained
                }
                long now = clock.nanoTime();
                long start = busy && previousDeadline != Long.MIN_VALUE
                        ? Math.max(previousDeadline, now - CONSUMER_CATCH_UP_NANOS) : now;
                long waited = now - item.enqueuedNanos();
                r.waitRecorder.recordValue(Math.max(0, waited));
                r.events.offer(new TelemetryEvent.Consumed(now, worker, item.sequence(), waited));
                double factor = service.factor(random);
                long deadline;
                while (true) {
                    deadline = start + Math.round(config.consumerDelayNanos() * factor);
                    long left = deadline - clock.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(r, left);
                    if (r.stopping || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                previousDeadline = deadline;
                r.consumed.increment();
            }
        } catch (InterruptedException stopRequested) {
            // Stop (or a dropped receiver) interrupts a consumer parked on an empty buffer.
        } finally {
            r.consumerLeft();
        }
    }
}
