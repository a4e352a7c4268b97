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
                if (next.hops().size() == r.started.hops().size()) {
                    for (int h = 0; h < next.hops().size(); h++) {
                        if (r.started.hops().get(h).policy().bounded()) {
                            r.links[h + 1].setCapacity(next.hops().get(h).capacity());
                        }
                    }
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
     * Adds the waits (enqueue to take, nanoseconds) in link {@code link} recorded since the
     * previous call to {@code into}. Call from one thread at a time. Nothing for a link the
     * current run does not have.
     */
    public void drainLinkQueueWait(int link, Histogram into) {
        Run r = run;
        if (r != null && link >= 0 && link < r.links.length) {
            synchronized (r.linkWaits[link]) {
                r.linkIntervals[link] = r.linkIntervals[link] == null ? r.linkWaits[link].getIntervalHistogram()
                        : r.linkWaits[link].getIntervalHistogram(r.linkIntervals[link]);
                into.add(r.linkIntervals[link]);
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
        /** The link next to the source: the classic run's one buffer. Same as {@code links[0]}. */
        final ObservedQueue<Item> queue;
        /** Every link, from the source on; link {@code i} feeds hop {@code i} (or the sink). */
        final ObservedQueue<Item>[] links;
        /** Queue waits per link (enqueue to take). */
        final Recorder[] linkWaits;
        final Histogram[] linkIntervals;
        final EventRing<TelemetryEvent> events = new EventRing<>(EVENT_BUFFER);
        final LongAdder consumed = new LongAdder();
        /** Items each middle stage has finished working on (index: hop). */
        final LongAdder[] relayed;
        /** Workers of each middle stage still running (index: hop). */
        final AtomicInteger[] relaysLeft;
        /** Each middle stage's workers, and a decoupled stage's writer (index: hop). */
        final List<List<Thread>> relayThreads;
        /** A decoupled stage's own buffer between its workers and its writer; null if coupled. */
        final java.util.concurrent.BlockingQueue<Item>[] stageBuffers;
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
            int hops = c.hops().size();
            @SuppressWarnings("unchecked")
            ObservedQueue<Item>[] chain = new ObservedQueue[hops + 1];
            chain[0] = new ObservedQueue<>(c.effectiveCapacity(), this, clock, Item::markEnqueued);
            for (int h = 0; h < hops; h++) {
                chain[h + 1] = new ObservedQueue<>(c.hops().get(h).effectiveCapacity(), new LinkObserver(h + 1), clock,
                        Item::markEnqueued);
            }
            this.links = chain;
            this.queue = chain[0];
            this.linkWaits = new Recorder[hops + 1];
            this.linkIntervals = new Histogram[hops + 1];
            for (int l = 0; l <= hops; l++) {
                linkWaits[l] = new Recorder(3);
            }
            @SuppressWarnings("unchecked")
            java.util.concurrent.BlockingQueue<Item>[] buffers = new java.util.concurrent.BlockingQueue[hops];
            for (int h = 0; h < hops; h++) {
                buffers[h] = c.hops().get(h).coupled() ? null : new java.util.concurrent.LinkedBlockingQueue<>();
            }
            this.stageBuffers = buffers;
            this.relayed = new LongAdder[hops];
            this.relaysLeft = new AtomicInteger[hops];
            for (int h = 0; h < hops; h++) {
                relayed[h] = new LongAdder();
                relaysLeft[h] = new AtomicInteger(c.hops().get(h).workers());
            }
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
            List<List<Thread>> stages = new ArrayList<>(hops);
            for (int h = 0; h < hops; h++) {
                int hop = h;
                List<Thread> stage = new ArrayList<>();
                for (int i = 1; i <= c.hops().get(h).workers(); i++) {
                    int worker = i;
                    RandomGenerator random = seeds.split();
                    stage.add(builder.name("stage-" + (h + 1) + "-" + i).unstarted(
                            () -> ScopedValue.where(WORKER_ID, worker).run(() -> relay(this, hop, worker, random))));
                }
                if (!c.hops().get(h).coupled()) {
                    stage.add(builder.name("stage-" + (h + 1) + "-writer").unstarted(() -> write(this, hop)));
                }
                all.addAll(stage);
                stages.add(List.copyOf(stage));
            }
            this.relayThreads = List.copyOf(stages);
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
            links[links.length - 1].dropReceiver(); // the sink's input; upstream stages see it at their next send
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
            // Each link's counters are read under its own lock, the sink's first. Each link's books
            // balance within its own read; an item a stage holds between two links is derived as
            // (taken from its input) - (sent to its output), so the whole run balances exactly too.
            // The consumed count is read first, so an item consumed meanwhile is still "taken".
            long consumedNow = consumed.sum();
            QueueStats[] q = new QueueStats[links.length];
            for (int l = links.length - 1; l >= 0; l--) {
                q[l] = links[l].stats();
            }
            List<dev.backflow.telemetry.LinkCounts> linkCounts = new ArrayList<>(links.length);
            long fill = 0;
            long capacity = 0;
            int maxFill = 0;
            long rejected = 0;
            long dropped = 0;
            long timedOut = 0;
            long sending = 0;
            long abandoned = 0;
            long lostOnClose = 0;
            for (int l = 0; l < links.length; l++) {
                SendPolicy policy = policyOf(l);
                QueueStats s = q[l];
                long linkRejected = policy.refusalsAreRejections() ? s.refused() : 0;
                long linkDropped = (policy.refusalsAreRejections() ? 0 : s.refused()) + s.evicted();
                linkCounts.add(new dev.backflow.telemetry.LinkCounts(l, s.capacity(), s.fill(), s.maxFill(), s.attempts(),
                        s.takes(), linkRejected, linkDropped, s.timedOut(), s.producersParked(), s.abandoned(),
                        s.closedRefusals() + s.discardedOnClose(), s.producerParks(), s.producerParkedNanos(),
                        s.consumerParkedNanos()));
                fill += s.fill();
                capacity = s.capacity() == ObservedQueue.UNBOUNDED || capacity == ObservedQueue.UNBOUNDED
                        ? ObservedQueue.UNBOUNDED : capacity + s.capacity();
                maxFill = Math.max(maxFill, s.maxFill());
                rejected += linkRejected;
                dropped += linkDropped;
                timedOut += s.timedOut();
                sending += s.producersParked();
                abandoned += s.abandoned();
                lostOnClose += s.closedRefusals() + s.discardedOnClose();
            }
            // Stages: the source, each hop, the sink. An item a worker has taken and not yet
            // passed on is "in service" at that stage.
            List<dev.backflow.telemetry.StageCounts> stageCounts = new ArrayList<>(links.length + 1);
            long inService = 0;
            stageCounts.add(new dev.backflow.telemetry.StageCounts(0, "source", producers, q[0].attempts(), 0,
                    -1, q[0].producerParkedNanos()));
            for (int h = 0; h < relayed.length; h++) {
                Hop hop = started.hops().get(h);
                long held = q[h].takes() - q[h + 1].attempts();
                inService += held;
                // A decoupled stage's workers never wait on its output (its writer does): they are
                // busy or idle, and what they run ahead shows as items held.
                stageCounts.add(new dev.backflow.telemetry.StageCounts(h + 1, hop.name(), hop.workers(), relayed[h].sum(),
                        held, q[h].consumerParkedNanos(), hop.coupled() ? q[h + 1].producerParkedNanos() : 0));
            }
            QueueStats last = q[links.length - 1];
            long sinkHeld = last.takes() - consumedNow;
            inService += sinkHeld;
            stageCounts.add(new dev.backflow.telemetry.StageCounts(links.length, "sink", consumers, consumedNow, sinkHeld,
                    last.consumerParkedNanos(), 0));
            RunOutcome ended = outcome;
            long at = ended != null ? endNanos : q[0].atNanos();
            return Counts.builder().runId(id).atNanos(at).startNanos(startNanos)
                    .producers(producers).consumers(consumers)
                    .fill((int) Math.min(Integer.MAX_VALUE, fill)).capacity((int) Math.min(Integer.MAX_VALUE, capacity))
                    .maxFill(maxFill)
                    .offered(q[0].attempts()).produced(q[0].puts()).taken(consumedNow + inService).consumed(consumedNow)
                    .rejected(rejected).dropped(dropped).timedOut(timedOut)
                    .sending(sending).abandoned(abandoned).lostOnClose(lostOnClose)
                    .producerParks(q[0].producerParks()).producerParkedNanos(q[0].producerParkedNanos())
                    .producersParked(q[0].producersParked())
                    .consumerParks(last.consumerParks()).consumerParkedNanos(last.consumerParkedNanos())
                    .memoryBytes(fill * started.itemSizeBytes()).memoryBudgetBytes(started.memoryBudgetBytes())
                    .eventsLost(events.lost()).outcome(ended)
                    .links(linkCounts).stages(stageCounts)
                    .build();
        }

        /** The policy of link {@code link}: the experiment's for the first, its hop's for the others. */
        SendPolicy policyOf(int link) {
            return link == 0 ? started.policy() : started.hops().get(link - 1).policy();
        }

        /** A middle stage's worker ended; the last one closes the stage's output (end of stream). */
        void relayLeft(int hop) {
            if (relaysLeft[hop].decrementAndGet() == 0 && !stopping) {
                if (stageBuffers[hop] == null) {
                    links[hop + 1].finishSending();
                } else {
                    stageBuffers[hop].add(END_OF_STREAM); // the writer drains the stage, then closes
                }
            }
        }

        /**
         * The stage after hop {@code hop}'s output is gone: this stage's input is closed in turn,
         * so the stage upstream sees "receiver dropped" at its next send, and its workers stop.
         */
        void relayReceiverDropped(int hop) {
            links[hop].dropReceiver();
            for (Thread t : relayThreads.get(hop)) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }

        /** Kills an unbounded run whose queued items exceed the memory budget. Any worker. */
        void checkMemory() {
            long queued = 0;
            for (java.util.concurrent.BlockingQueue<Item> b : stageBuffers) {
                queued += b == null ? 0 : b.size(); // a decoupled stage's own buffer has no bound
            }
            for (int l = 0; l < links.length; l++) {
                SendPolicy policy = policyOf(l);
                if (!policy.bounded()) {
                    queued += links[l].size();
                }
            }
            long memory = queued * started.itemSizeBytes();
            if (memory > started.memoryBudgetBytes()) {
                finish(RunOutcome.KILLED_OUT_OF_MEMORY, "killed: out of memory ("
                        + Units.number(memory) + " bytes queued, budget "
                        + Units.number(started.memoryBudgetBytes()) + ")");
            }
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

        /** Park events of a link past the first, with the link they happened on. Queue lock held. */
        final class LinkObserver implements QueueObserver {
            private final int link;

            LinkObserver(int link) {
                this.link = link;
            }

            @Override
            public void producerParked(long atNanos, int fill, int capacity) {
                events.offer(new TelemetryEvent.ProducerParked(atNanos, WORKER_ID.orElse(0), fill, capacity, link));
            }

            @Override
            public void producerUnparked(long atNanos, long parked, int fill, boolean gotSpace) {
                events.offer(new TelemetryEvent.ProducerUnparked(atNanos, WORKER_ID.orElse(0), parked, gotSpace, link));
            }

            @Override
            public void consumerParked(long atNanos) {
                events.offer(new TelemetryEvent.ConsumerParked(atNanos, WORKER_ID.orElse(0), link));
            }

            @Override
            public void consumerUnparked(long atNanos, long parked, boolean gotItem) {
                events.offer(new TelemetryEvent.ConsumerUnparked(atNanos, WORKER_ID.orElse(0), parked, gotItem, link));
            }
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
     * Sends one item into the first link under the run's policy ({@link SendPolicy#send}
     * decides) and records what became of it ({@link #recordSent}).
     */
    private void send(Run r, ExperimentConfig c, int worker, Item item) throws InterruptedException {
        SendPolicy policy = r.started.policy();
        recordSent(r, 0, worker, item, policy.send(r.queue, item, c.timeoutNanos()));
        if (!policy.bounded()) {
            r.checkMemory();
        }
    }

    /** Records what became of one send into link {@code link}: one event per outcome, exhaustively. */
    private void recordSent(Run r, int link, int worker, Item item, SendPolicy.Sent<Item> sent) {
        long now = clock.nanoTime();
        switch (sent.outcome()) {
            case SENT -> r.events.offer(new TelemetryEvent.Produced(now, worker, item.sequence(), link));
            case REJECTED -> r.events.offer(new TelemetryEvent.ItemRejected(now, worker, item.sequence(), link));
            case TIMED_OUT -> r.events.offer(new TelemetryEvent.ItemTimedOut(now, worker, item.sequence(), link));
            case DROPPED_NEWEST -> r.events.offer(new TelemetryEvent.ItemDropped(now, worker, item.sequence(), false, link));
            case SENT_EVICTING_OLDEST -> {
                r.events.offer(new TelemetryEvent.Produced(now, worker, item.sequence(), link));
                r.events.offer(new TelemetryEvent.ItemDropped(now, worker, sent.evicted().sequence(), true, link));
            }
        }
    }

    /** Most lateness a busy consumer makes up for (longer stalls, like a pause, are forgotten). */
    static final long CONSUMER_CATCH_UP_NANOS = 10_000_000L;

    /** What a stage does with an item once its service is over; false stops the worker. */
    private interface Handoff {
        boolean passOn(Item item) throws InterruptedException;
    }

    /**
     * The loop every stage after the source runs: take an item from link {@code in}, serve it for
     * its drawn time, pass it on. Ends when the link is closed and drained, the run stops, or
     * {@code handoff} says so.
     *
     * @param meanNanos the mean service time, read per item so a live change applies at once
     * @param sink      true for the last stage: it records the item's consumption and total wait
     */
    private void serve(Run r, int in, int worker, RandomGenerator random, Distribution service,
                       java.util.function.LongSupplier meanNanos, boolean sink, Handoff handoff) throws InterruptedException {
        ObservedQueue<Item> queue = r.links[in];
        long previousDeadline = Long.MIN_VALUE;
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
            Item item = queue.poll();
            boolean busy = item != null;
            try {
                if (item == null) {
                    item = queue.take();
                }
            } catch (QueueClosedException closed) {
                return; // every sender upstream finished and the link is drained
            }
            long now = clock.nanoTime();
            long start = busy && previousDeadline != Long.MIN_VALUE
                    ? Math.max(previousDeadline, now - CONSUMER_CATCH_UP_NANOS) : now;
            long waited = Math.max(0, now - item.enqueuedNanos());
            item.addQueued(waited);
            r.linkWaits[in].recordValue(waited);
            if (sink) {
                r.waitRecorder.recordValue(item.queuedNanos());
                r.events.offer(new TelemetryEvent.Consumed(now, worker, item.sequence(), waited, in));
            }
            double factor = service.factor(random);
            long deadline;
            while (true) {
                deadline = start + Math.round(meanNanos.getAsLong() * factor);
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
            if (!handoff.passOn(item)) {
                return;
            }
        }
    }

    /** A sink worker (a consumer): serves items from the last link. */
    private void consume(Run r, int worker, RandomGenerator random) {
        try {
            serve(r, r.links.length - 1, worker, random, r.started.service(), () -> config.consumerDelayNanos(), true,
                    item -> {
                        r.consumed.increment();
                        return true;
                    });
        } catch (InterruptedException stopRequested) {
            // Stop (or a dropped receiver) interrupts a consumer parked on an empty buffer.
        } finally {
            r.consumerLeft();
        }
    }

    /**
     * A middle stage's worker: serves items from link {@code hop}, then sends each into link
     * {@code hop + 1} under that link's policy, holding it while the send is blocked.
     */
    private void relay(Run r, int hop, int worker, RandomGenerator random) {
        Hop started = r.started.hops().get(hop);
        ObservedQueue<Item> out = r.links[hop + 1];
        try {
            java.util.concurrent.BlockingQueue<Item> own = r.stageBuffers[hop];
            serve(r, hop, worker, random, started.service(), () -> liveHop(r, hop).serviceNanos(), false, item -> {
                r.relayed[hop].increment();
                if (own != null) {
                    own.add(item); // decoupled: the writer sends it; this worker reads on
                    r.checkMemory();
                    return true;
                }
                item.markEnqueued(clock.nanoTime());
                try {
                    recordSent(r, hop + 1, worker, item, started.policy().send(out, item, config.timeoutNanos()));
                } catch (QueueClosedException receiverGone) {
                    r.relayReceiverDropped(hop);
                    return false;
                }
                if (!started.policy().bounded()) {
                    r.checkMemory();
                }
                return true;
            });
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a worker parked on an empty input or a full output.
        } finally {
            r.relayLeft(hop);
        }
    }

    /** Marks the end of a decoupled stage's input in its own buffer. */
    private static final Item END_OF_STREAM = new Item(-1, 0);

    /**
     * A decoupled stage's writer: sends what the stage's workers put in its buffer into link
     * {@code hop + 1}; it alone parks when that link is full, while the workers read on.
     */
    private void write(Run r, int hop) {
        Hop started = r.started.hops().get(hop);
        ObservedQueue<Item> out = r.links[hop + 1];
        java.util.concurrent.BlockingQueue<Item> buffer = r.stageBuffers[hop];
        try {
            while (!r.stopping) {
                if (r.paused && !r.awaitRunning()) {
                    return;
                }
                Item item = buffer.take();
                if (item == END_OF_STREAM) {
                    out.finishSending();
                    return;
                }
                item.markEnqueued(clock.nanoTime());
                try {
                    recordSent(r, hop + 1, 1, item, started.policy().send(out, item, config.timeoutNanos()));
                } catch (QueueClosedException receiverGone) {
                    r.relayReceiverDropped(hop);
                    return;
                }
                if (!started.policy().bounded()) {
                    r.checkMemory();
                }
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a writer waiting for items or parked on a full link.
        }
    }

    /** Hop {@code hop} as configured now (live service time), or as started if the shape changed. */
    private Hop liveHop(Run r, int hop) {
        List<Hop> now = config.hops();
        return now.size() == r.started.hops().size() ? now.get(hop) : r.started.hops().get(hop);
    }
}
