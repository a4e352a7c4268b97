package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.EventRing;
import dev.backflow.telemetry.EventSlots;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.StageCounts;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.units.Units;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One run of a pipeline: its links (one {@link ObservedQueue} each), its stages' worker threads,
 * and their counters. Built whole by {@link Engine#start()}, which owns the lifecycle; a run
 * only knows how to work, end once, and report.
 *
 * <p><b>Stages.</b> The source's producers send paced items into link 0 under the run's
 * {@link SendPolicy}. Each middle stage ({@link Hop}) takes from its input link, serves the item
 * for its drawn time, and sends it into its output link under that link's policy, holding it
 * while the send is blocked (or, decoupled, hands it to its own writer). The sink's consumers
 * take from the last link and serve. Every stage after the source runs one loop, {@link #serve}.
 *
 * <p><b>End.</b> End of stream travels downstream (each stage closes its output when its last
 * worker ends); a dropped receiver travels upstream (each stage's input is dropped when its
 * output's receiver is gone). The first call of {@link #finish} wins.
 */
final class Run implements QueueObserver {

    /** Told, under the engine's monitor, that a run has ended. */
    interface EndListener {
        void ended(Run run, RunOutcome how);
    }

    /** Identifies the worker running the current code, for telemetry (1-based). */
    static final ScopedValue<Integer> WORKER_ID = ScopedValue.newInstance();

    /**
     * A taking worker's timeline, shared with the link's dequeue hook on the same thread:
     * {@code [PREVIOUS_DEADLINE]} is set by the worker, {@code [START]} and {@code [LATE]} by the
     * hook (see {@link #left}).
     */
    static final ScopedValue<long[]> TAKER = ScopedValue.newInstance();
    private static final int PREVIOUS_DEADLINE = 0;
    private static final int START = 1;
    private static final int LATE = 2;
    /** When the worker became free, if not at a previous deadline: its start, or a resume. */
    private static final int FREE_SINCE = 3;

    /** Events buffered between two drains before new ones are counted as lost. */
    static final int EVENT_BUFFER = 1 << 17;

    private final NanoClock clock;
    /** The config in force now (live settings are read through it on every step). */
    private final Supplier<ExperimentConfig> live;
    private final Object control;
    private final EndListener onEnd;

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
    /** The run's events as they happen, kept as primitives: recording one allocates nothing. */
    final EventSlots slots = new EventSlots(EVENT_BUFFER);
    /** The one event with an object in it (why the run ended), after every other. */
    final EventRing<TelemetryEvent> events = new EventRing<>(16);
    final LongAdder consumed = new LongAdder();
    /** Items each middle stage has finished working on (index: hop). */
    final LongAdder[] relayed;
    /** Workers of each middle stage still running (index: hop). */
    final AtomicInteger[] relaysLeft;
    /** Each middle stage's workers, and a decoupled stage's writer (index: hop); grows live. */
    final List<List<Thread>> relayThreads;
    /** The number the next worker a middle stage gains will have (index: hop). */
    final AtomicInteger[] nextRelayWorker;
    /** Where a middle stage's workers draw their seeds from (its first ones, then the launcher thread's). */
    final SplittableRandom[] relaySeeds;
    /** How many offered arrival times the run keeps in all (see {@link #arrivalSchedule()}). */
    static final int ARRIVAL_LOG = 4096;
    /** The most a single producer keeps. */
    static final int MAX_ARRIVALS_PER_PRODUCER = 256;
    final int arrivalsPerProducer;
    /**
     * Producer {@code p}'s first offered arrival times, ns after the start, at
     * {@code [p * arrivalsPerProducer, ...)}; each producer writes only its own slots.
     */
    final long[] arrivalLog;
    /** How many of its slots each producer has written (written by that producer only). */
    final java.util.concurrent.atomic.AtomicIntegerArray arrivalsLogged;
    /** Per middle stage: worker time of workers that have ended, ns. */
    final LongAdder[] relayEndedNanos;
    /** Per middle stage: workers running now, and the sum of their start times (engine clock). */
    final LongAdder[] relayAlive;
    final LongAdder[] relayStartSum;
    /** The thread kind of this run's workers. */
    final Thread.Builder builder;
    /** A decoupled stage's own buffer between its workers and its writer; null if coupled. */
    final BlockingQueue<Item>[] stageBuffers;
    final AtomicLong sequence = new AtomicLong();
    final AtomicLong tickets = new AtomicLong();
    final AtomicInteger producersLeft;
    final AtomicInteger consumersLeft;
    final Recorder waitRecorder = new Recorder(3);
    /** Per link: how late its takers started on an item after it became available to them, ns. */
    final Recorder[] wakeLatency;
    /**
     * Per link: its takers' finished idle spells, each from the end of a worker's previous service
     * (or its start, or a resume) to the arrival of the item it then served. Measured on the
     * engine's timeline, like service, so idle + busy adds up to the worker's time whatever its
     * thread's wake-up latency; waits still in progress come from the link ({@link #idle}).
     */
    final LongAdder[] idleNanos;
    /** The sink's achieved service times (its start to its deadline), ns. */
    final Recorder serviceRecorder = new Recorder(3);
    private Histogram serviceInterval;
    private Histogram wakeInterval;
    Histogram interval;
    final long[] parks;          // guarded by the queue lock (written in callbacks)
    final long[] parkedNanos;    // guarded by the queue lock
    /** Every worker thread, created (not started) in the constructor; never changes. */
    final List<Thread> workers;
    final List<Thread> consumerThreads;
    final List<Thread> producerThreads;
    /** Wakes one worker ({@code LockSupport::unpark} but in tests, which count who is woken). */
    private final Consumer<Thread> unparker;
    /** Starts one worker thread ({@code Thread::start} but in tests). */
    private final Consumer<Thread> starter;
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

    Run(long id, ExperimentConfig c, NanoClock clock, Supplier<ExperimentConfig> live, Object control,
        EndListener onEnd, Consumer<Thread> starter, Consumer<Thread> unparker) {
        this.id = id;
        this.unparker = unparker;
        this.starter = starter;
        this.clock = clock;
        this.live = live;
        this.control = control;
        this.onEnd = onEnd;
        this.started = c;
        this.producers = c.producers();
        this.consumers = c.consumers();
        int hops = c.hops().size();
        @SuppressWarnings("unchecked")
        ObservedQueue<Item>[] chain = new ObservedQueue[hops + 1];
        this.linkWaits = new Recorder[hops + 1];
        this.wakeLatency = new Recorder[hops + 1];
        this.idleNanos = new LongAdder[hops + 1];
        for (int l = 0; l <= hops; l++) {
            wakeLatency[l] = new Recorder(3);
            idleNanos[l] = new LongAdder();
        }
        for (int l = 0; l <= hops; l++) {
            int link = l;
            boolean last = l == hops;
            chain[l] = new ObservedQueue<>(c.capacityOf(l),
                    l == 0 ? this : new LinkObserver(l), clock, new ObservedQueue.Hooks<Item>() {
                        @Override
                        public void stamp(Item item, long at) {
                            item.markEnqueued(at);
                        }

                        @Override
                        public long stampOf(Item item) {
                            return item.enqueuedNanos();
                        }

                        @Override
                        public void entered(Item item, long at) {
                            Run.this.entered(link, item, at);
                        }

                        @Override
                        public void left(Item item, long at) {
                            Run.this.left(link, last, item, at);
                        }
                    });
        }
        this.links = chain;
        this.queue = chain[0];
        this.linkIntervals = new Histogram[hops + 1];
        for (int l = 0; l <= hops; l++) {
            linkWaits[l] = new Recorder(3);
        }
        @SuppressWarnings("unchecked")
        BlockingQueue<Item>[] buffers = new BlockingQueue[hops];
        for (int h = 0; h < hops; h++) {
            buffers[h] = c.hops().get(h).coupled() ? null : new LinkedBlockingQueue<>();
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
        this.builder = c.threads() == ThreadKind.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        // Each stage draws from its own stream, split from the seed in a fixed order (producers,
        // consumers, then each middle stage), and each worker from its stage's: a worker's draws
        // depend only on the seed and its place, so two runs with one seed offer the same
        // arrivals however many consumers or stages either has.
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom arrivalSeeds = root.split();
        SplittableRandom serviceSeeds = root.split();
        this.relaySeeds = new SplittableRandom[hops];
        for (int h = 0; h < hops; h++) {
            relaySeeds[h] = root.split();
        }
        this.arrivalsPerProducer = Math.max(1, Math.min(MAX_ARRIVALS_PER_PRODUCER, ARRIVAL_LOG / producers));
        this.arrivalLog = new long[producers * arrivalsPerProducer];
        this.arrivalsLogged = new java.util.concurrent.atomic.AtomicIntegerArray(producers);
        RandomGenerator[] producerDraws = new RandomGenerator[producers];
        for (int i = 0; i < producers; i++) {
            producerDraws[i] = arrivalSeeds.split();
        }
        List<Thread> all = new ArrayList<>(producers + consumers);
        for (int i = 1; i <= consumers; i++) {
            int worker = i;
            RandomGenerator random = serviceSeeds.split();
            all.add(builder.name("consumer-" + i).unstarted(
                    guarded(() -> ScopedValue.where(WORKER_ID, worker).where(TAKER, new long[4]).run(() -> consume(worker, random)))));
        }
        for (int i = 1; i <= producers; i++) {
            int worker = i;
            RandomGenerator random = producerDraws[i - 1];
            all.add(builder.name("producer-" + i).unstarted(
                    guarded(() -> ScopedValue.where(WORKER_ID, worker).run(() -> produce(worker, random)))));
        }
        List<List<Thread>> stages = new ArrayList<>(hops);
        this.nextRelayWorker = new AtomicInteger[hops];
        this.relayEndedNanos = new LongAdder[hops];
        this.relayAlive = new LongAdder[hops];
        this.relayStartSum = new LongAdder[hops];
        for (int h = 0; h < hops; h++) {
            relayEndedNanos[h] = new LongAdder();
            relayAlive[h] = new LongAdder();
            relayStartSum[h] = new LongAdder();
            List<Thread> stage = new ArrayList<>();
            for (int i = 1; i <= c.hops().get(h).workers(); i++) {
                stage.add(relayThread(h, i, relaySeeds[h].split()));
            }
            nextRelayWorker[h] = new AtomicInteger(c.hops().get(h).workers() + 1);
            if (!c.hops().get(h).coupled()) {
                int hop = h;
                stage.add(builder.name("stage-" + (h + 1) + "-writer").unstarted(
                        guarded(() -> ScopedValue.where(WORKER_ID, 1).run(() -> write(hop)))));
            }
            all.addAll(stage);
            stages.add(new CopyOnWriteArrayList<>(stage));
        }
        this.relayThreads = List.copyOf(stages);
        // Grows only on the launcher thread (a middle stage given more workers live); readers
        // iterate a snapshot.
        this.workers = new CopyOnWriteArrayList<>(all);
        this.consumerThreads = List.copyOf(all.subList(0, consumers));
        this.producerThreads = List.copyOf(all.subList(consumers, consumers + producers));
        // The launcher starts every worker, then stays (parked) until the run ends, and then
        // interrupts them all: interrupting 20,000 platform threads takes seconds, which
        // must not be spent in stop() on its caller (the FX thread).
        this.launcher = Thread.ofPlatform().daemon().name("backflow-launcher-" + id).unstarted(() -> {
            try {
                long t0 = System.nanoTime();
                int n = 0;
                for (Thread t : workers) {
                    if (stopping) {
                        break; // a stop during launch: the rest never start
                    }
                    n++;
                    startWorker(t, n, workers.size());
                }
                launchNanos = System.nanoTime() - t0;
                while (!stopping) {
                    LockSupport.park(this);
                    if (!stopping) {
                        growStages();
                    }
                }
            } catch (WorkerStartFailed alreadyEnded) {
                // startWorker ended the run with its reason; the rest never start
            } finally {
                for (Thread t : workers) {
                    t.interrupt();
                }
            }
        });
    }

    /**
     * An item entered link {@code link} at {@code at} (on the sending thread, after the link's
     * lock is released; the item was stamped under it): its send is recorded with the link's
     * stamp, and the link's stamps rise in the order it saw things, so the sampler's sort by time
     * puts a link's events back in that order.
     */
    private void entered(int link, Item item, long at) {
        slots.offer(EventSlots.Kind.PRODUCED, at, WORKER_ID.orElse(0), item.sequence(), 0, link, false);
    }

    /**
     * An item left link {@code link} at {@code at} (on the taking thread, after the lock). Its
     * service starts when it became available to the taker: when it entered the link, or when
     * the taker's previous service was due to end ({@link #serve}); its wait in the link ends
     * there too, so the wait is what queueing theory calls the wait, and the taker's wake-up
     * after that moment is recorded as latency instead.
     */
    private void left(int link, boolean last, Item item, long at) {
        long[] taker = TAKER.isBound() ? TAKER.get() : null;
        long available = taker == null ? item.enqueuedNanos() : Math.max(item.enqueuedNanos(), taker[PREVIOUS_DEADLINE]);
        long start = Math.max(available, at - CONSUMER_CATCH_UP_NANOS);
        if (taker != null) {
            taker[START] = start;
            taker[LATE] = at - available;
            long free = taker[PREVIOUS_DEADLINE] != Long.MIN_VALUE ? taker[PREVIOUS_DEADLINE] : taker[FREE_SINCE];
            if (item.enqueuedNanos() > free) {
                idleNanos[link].add(item.enqueuedNanos() - free); // free until the item arrived
            }
        }
        long waited = Math.max(0, start - item.enqueuedNanos());
        item.addQueued(waited);
        linkWaits[link].recordValue(waited);
        if (last) {
            waitRecorder.recordValue(item.queuedNanos());
            slots.offer(EventSlots.Kind.CONSUMED, at, WORKER_ID.orElse(0), item.sequence(), waited, link, false);
        }
    }

    /** Adds the sink's service times since the previous call to {@code into}. One caller at a time. */
    synchronized void drainService(Histogram into) {
        serviceInterval = serviceRecorder.getIntervalHistogram(serviceInterval);
        into.add(serviceInterval);
    }

    /** Adds the sink's wake-up latencies since the previous call to {@code into}. One caller at a time. */
    synchronized void drainWake(Histogram into) {
        wakeInterval = wakeLatency[links.length - 1].getIntervalHistogram(wakeInterval);
        into.add(wakeInterval);
    }

    /** Worker {@code worker} of middle stage {@code hop}, created, not started. */
    private Thread relayThread(int hop, int worker, RandomGenerator random) {
        return builder.name("stage-" + (hop + 1) + "-" + worker).unstarted(
                guarded(() -> ScopedValue.where(WORKER_ID, worker).where(TAKER, new long[4]).run(() -> relay(hop, worker, random))));
    }

    /**
     * Starts worker {@code t}, the {@code n}th of {@code total}. If the system refuses the thread
     * (its thread limit: the JVM throws {@code OutOfMemoryError: unable to create native thread}),
     * the run ends as {@link RunOutcome#FAILED} with a sentence that says which one, and the
     * launcher then stops everything started so far. Launcher thread only.
     */
    private void startWorker(Thread t, int n, int total) {
        try {
            starter.accept(t);
        } catch (OutOfMemoryError | RuntimeException e) {
            finish(RunOutcome.FAILED, "could not start thread " + Units.number(n) + " of " + Units.number(total)
                    + ": the system's thread limit (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); everything started was stopped");
            throw new WorkerStartFailed();
        }
    }

    /**
     * A worker's body, made safe: a real {@code OutOfMemoryError} (the heap, not the simulated
     * budget) ends the run as {@link RunOutcome#KILLED_OUT_OF_MEMORY}, any other unexpected
     * failure as {@link RunOutcome#FAILED}, instead of killing one thread and leaving the run
     * waiting for it for ever. The unbounded links are emptied first so the rest of the program
     * has heap to report with.
     */
    Runnable guarded(Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (OutOfMemoryError e) {
                releaseUnboundedLinks();
                finish(RunOutcome.KILLED_OUT_OF_MEMORY, "killed: the JVM ran out of heap memory (maximum heap "
                        + Units.bytes(Runtime.getRuntime().maxMemory()) + ")");
            } catch (RuntimeException | Error e) {
                finish(RunOutcome.FAILED, "failed: " + Thread.currentThread().getName() + " stopped on " + e);
            }
        };
    }

    /** Discards what the unbounded links and decoupled stages hold, to give the heap back. */
    private void releaseUnboundedLinks() {
        for (int l = 0; l < links.length; l++) {
            if (!policyOf(l).bounded()) {
                links[l].dropReceiver();
            }
        }
        for (BlockingQueue<Item> b : stageBuffers) {
            if (b != null) {
                b.clear();
            }
        }
    }

    /** Unwinds the launcher after {@link #startWorker} ended the run. */
    private static final class WorkerStartFailed extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        WorkerStartFailed() {
            super(null, null, false, false);
        }
    }

    /**
     * Tells the launcher the config changed: a middle stage that now wants more workers than it
     * has gets them (from the launcher's thread, so the caller never waits for thread starts).
     * One that wants fewer loses them as its workers finish their current item.
     */
    void workersChanged() {
        LockSupport.unpark(launcher);
    }

    /** Starts the workers each middle stage is short of. Launcher thread only. */
    private void growStages() {
        for (int h = 0; h < relaysLeft.length && !stopping; h++) {
            int target = liveHop(h).workers();
            while (!stopping) {
                int now = relaysLeft[h].get();
                if (now == 0 || now >= target) {
                    break; // an ended stage stays ended; a big enough one stays as it is
                }
                if (relaysLeft[h].compareAndSet(now, now + 1)) {
                    Thread t = relayThread(h, nextRelayWorker[h].getAndIncrement(), relaySeeds[h].split());
                    relayThreads.get(h).add(t);
                    workers.add(t);
                    startWorker(t, workers.size(), workers.size());
                }
            }
        }
    }

    /**
     * Whether a worker of middle stage {@code hop} should leave because the stage has more than
     * it is configured for now; if so it is already counted out (the stage's last worker never
     * leaves this way, so end of stream is unaffected).
     */
    private boolean retire(int hop) {
        int target = liveHop(hop).workers();
        while (true) {
            int now = relaysLeft[hop].get();
            if (now <= Math.max(1, target)) {
                return false;
            }
            if (relaysLeft[hop].compareAndSet(now, now - 1)) {
                return true;
            }
        }
    }

    /** Total time the workers of middle stage {@code hop} have been running, up to {@code now}. */
    private long relayWorkerNanos(int hop, long now) {
        return relayEndedNanos[hop].sum() + relayAlive[hop].sum() * now - relayStartSum[hop].sum();
    }

    void wakeAll() {
        for (Thread t : workers) {
            unparker.accept(t);
        }
    }

    /**
     * Applies live setting {@code s}, changed in {@code now} (already published): pushes a
     * capacity into its link, starts or retires a middle stage's workers, and wakes only the
     * workers of the stage that waits on it. Under the engine's monitor.
     */
    void apply(LiveSetting s, ExperimentConfig now) {
        if (now.links() != started.links()) {
            return; // a new shape applies at the next start
        }
        if (s instanceof LiveSetting.LinkCapacity(int link) && policyOf(link).bounded()) {
            links[link].setCapacity(now.capacitySettingOf(link));
        }
        int stage = s.wakes(now);
        if (stage >= 0) {
            for (Thread t : stageThreads(stage)) {
                unparker.accept(t);
            }
        }
        if (s instanceof LiveSetting.StageWorkers) {
            workersChanged(); // a middle stage given more workers gets them from the launcher
        }
    }

    /** The threads of stage {@code stage}: 0 the producers, then each middle stage (its writer too), last the consumers. */
    private List<Thread> stageThreads(int stage) {
        if (stage == 0) {
            return producerThreads;
        }
        return stage <= relayThreads.size() ? relayThreads.get(stage - 1) : consumerThreads;
    }

    /** Ends the run once; the first outcome wins. Any thread. */
    void finish(RunOutcome how, String why) {
        synchronized (control) {
            if (outcome != null) {
                return;
            }
            endNanos = clock.nanoTime();
            for (ObservedQueue<Item> link : links) {
                link.freeze(endNanos); // the run's time stands still from here: no figure drifts on
            }
            outcome = how;
            reason = why;
            stopping = true;
            onEnd.ended(this, how);
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
        List<LinkCounts> linkCounts = new ArrayList<>(links.length);
        long fill = 0;
        long capacity = 0;
        long peaks = 0; // each link's own exact peak, summed: never below the links' mean fill together
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
            linkCounts.add(new LinkCounts(l, s.capacity(), s.fill(), s.maxFill(), s.attempts(),
                    s.takes(), linkRejected, linkDropped, s.timedOut(), s.producersParked(), s.abandoned(),
                    s.closedRefusals() + s.discardedOnClose(), s.producerParks(), s.producerParkedNanos(),
                    idle(l, s), s.fillItemSeconds(), s.puts(), s.sojournSeconds(), s.sojourns(),
                    s.queuedAgeSeconds()));
            fill += s.fill();
            capacity = s.capacity() == ObservedQueue.UNBOUNDED || capacity == ObservedQueue.UNBOUNDED
                    ? ObservedQueue.UNBOUNDED : capacity + s.capacity();
            peaks += s.maxFill();
            rejected += linkRejected;
            dropped += linkDropped;
            timedOut += s.timedOut();
            sending += s.producersParked();
            abandoned += s.abandoned();
            lostOnClose += s.closedRefusals() + s.discardedOnClose();
        }
        // Stages: the source, each hop, the sink. An item a worker has taken and not yet
        // passed on is "in service" at that stage.
        List<StageCounts> stageCounts = new ArrayList<>(links.length + 1);
        long inService = 0;
        long until = outcome != null ? endNanos : q[0].atNanos();
        long elapsed = Math.max(0, until - startNanos);
        stageCounts.add(new StageCounts(0, started.sourceName(), producers, q[0].attempts(), 0,
                -1, q[0].producerParkedNanos(), producers * elapsed));
        for (int h = 0; h < relayed.length; h++) {
            Hop hop = started.hops().get(h);
            long held = q[h].takes() - q[h + 1].attempts();
            inService += held;
            // A decoupled stage's workers never wait on its output (its writer does): they are
            // busy or idle, and what they run ahead shows as items held.
            stageCounts.add(new StageCounts(h + 1, hop.name(), Math.max(0, relaysLeft[h].get()), relayed[h].sum(),
                    held, idle(h, q[h]), hop.coupled() ? q[h + 1].producerParkedNanos() : 0,
                    relayWorkerNanos(h, until)));
        }
        QueueStats last = q[links.length - 1];
        long sinkHeld = last.takes() - consumedNow;
        inService += sinkHeld;
        stageCounts.add(new StageCounts(links.length, started.sinkName(), consumers, consumedNow, sinkHeld,
                idle(links.length - 1, last), 0, consumers * elapsed));
        RunOutcome ended = outcome;
        long at = ended != null ? endNanos : q[0].atNanos();
        return Counts.builder().runId(id).atNanos(at).startNanos(startNanos)
                .producers(producers).consumers(consumers)
                .fill((int) Math.min(Integer.MAX_VALUE, fill)).capacity((int) Math.min(Integer.MAX_VALUE, capacity))
                // One link: its exact peak. A pipeline: the sum of its links' peaks (the peak of their
                // sum could only be sampled, and a sampled peak can fall below the exact mean).
                .maxFill((int) Math.min(Integer.MAX_VALUE, peaks))
                .offered(q[0].attempts()).produced(q[0].puts()).taken(consumedNow + inService).consumed(consumedNow)
                .rejected(rejected).dropped(dropped).timedOut(timedOut)
                .sending(sending).abandoned(abandoned).lostOnClose(lostOnClose)
                .producerParks(q[0].producerParks()).producerParkedNanos(q[0].producerParkedNanos())
                .producersParked(q[0].producersParked())
                .consumerParks(last.consumerParks()).consumerParkedNanos(idle(links.length - 1, last))
                .memoryBytes(fill * started.heapBytesPerItem()).memoryBudgetBytes(started.memoryBudgetBytes())
                .eventsLost(slots.lost() + events.lost()).outcome(ended)
                .links(linkCounts).stages(stageCounts).fillItemSeconds(Arrays.stream(q).mapToDouble(QueueStats::fillItemSeconds).sum())
                .build();
    }

    /**
     * How long link {@code link}'s takers were idle: their finished idle spells, and the waits on
     * the link still in progress.
     */
    private long idle(int link, QueueStats s) {
        return idleNanos[link].sum() + s.consumerWaitingNanos();
    }

    /** The policy of link {@code link} as the run started. */
    SendPolicy policyOf(int link) {
        return started.policyOf(link);
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
        for (BlockingQueue<Item> b : stageBuffers) {
            queued += b == null ? 0 : b.size(); // a decoupled stage's own buffer has no bound
        }
        for (int l = 0; l < links.length; l++) {
            SendPolicy policy = policyOf(l);
            if (!policy.bounded()) {
                queued += links[l].size();
            }
        }
        long memory = queued * started.heapBytesPerItem();
        if (memory > started.memoryBudgetBytes()) {
            finish(RunOutcome.KILLED_OUT_OF_MEMORY, "killed: out of memory ("
                    + Units.number(memory) + " bytes queued, budget "
                    + Units.number(started.memoryBudgetBytes()) + ")");
        }
    }

    /**
     * Blocks while paused; returns true if the worker should carry on, false if it should end:
     * the run is stopping, or the worker was interrupted (a stop, or its receiver dropped).
     *
     * <p>Never spins: {@code park} returns at once for an interrupted thread, so an interrupt is
     * taken as the end it means (the flag stays set for the caller) instead of waited through;
     * a spurious wake-up just loops back to park.
     */
    boolean awaitRunning() {
        while (paused && !stopping) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.park(pauseGate);
        }
        return !stopping && !Thread.currentThread().isInterrupted();
    }

    // QueueObserver: called with the queue lock held, so only count and enqueue a record.

    @Override
    public void producerParked(long atNanos, int fill, int capacity) {
        int p = WORKER_ID.orElse(0);
        if (p >= 1 && p <= producers) {
            parks[p - 1]++;
        }
        slots.offer(EventSlots.Kind.PRODUCER_PARKED, atNanos, p, fill, capacity, 0, false);
    }

    @Override
    public void producerUnparked(long atNanos, long parked, int fill, boolean gotSpace) {
        int p = WORKER_ID.orElse(0);
        if (p >= 1 && p <= producers) {
            parkedNanos[p - 1] += parked;
        }
        slots.offer(EventSlots.Kind.PRODUCER_UNPARKED, atNanos, p, parked, 0, 0, gotSpace);
    }

    @Override
    public void consumerParked(long atNanos) {
        slots.offer(EventSlots.Kind.CONSUMER_PARKED, atNanos, WORKER_ID.orElse(0), 0, 0, 0, false);
    }

    @Override
    public void consumerUnparked(long atNanos, long parked, boolean gotItem) {
        slots.offer(EventSlots.Kind.CONSUMER_UNPARKED, atNanos, WORKER_ID.orElse(0), parked, 0, 0, gotItem);
    }

    /** Park events of a link past the first, with the link they happened on. Queue lock held. */
    final class LinkObserver implements QueueObserver {
        private final int link;

        LinkObserver(int link) {
            this.link = link;
        }

        @Override
        public void producerParked(long atNanos, int fill, int capacity) {
            slots.offer(EventSlots.Kind.PRODUCER_PARKED, atNanos, WORKER_ID.orElse(0), fill, capacity, link, false);
        }

        @Override
        public void producerUnparked(long atNanos, long parked, int fill, boolean gotSpace) {
            slots.offer(EventSlots.Kind.PRODUCER_UNPARKED, atNanos, WORKER_ID.orElse(0), parked, 0, link, gotSpace);
        }

        @Override
        public void consumerParked(long atNanos) {
            slots.offer(EventSlots.Kind.CONSUMER_PARKED, atNanos, WORKER_ID.orElse(0), 0, 0, link, false);
        }

        @Override
        public void consumerUnparked(long atNanos, long parked, boolean gotItem) {
            slots.offer(EventSlots.Kind.CONSUMER_UNPARKED, atNanos, WORKER_ID.orElse(0), parked, 0, link, gotItem);
        }
    }

    // ---------------------------------------------------------------- worker loops

    /** Mean gap between two items of one producer under {@code c}. */
    private long meanGap(ExperimentConfig c) {
        double rate = started.arrivals() instanceof Distribution.Bursty b ? b.burstRate() : c.producerRate();
        return Math.max(1L, Math.round(1e9 * producers / rate));
    }

    private void produce(int worker, RandomGenerator random) {
        ExperimentConfig seen = live.get();
        Distribution arrivals = started.arrivals();
        long gap = meanGap(seen);
        Pacer pacer = new Pacer(gap, startNanos + gap * (worker - 1) / producers);
        long endNanos = started.durationSeconds() > 0
                ? startNanos + Math.round(started.durationSeconds() * 1e9) : Long.MAX_VALUE;
        try {
            while (!stopping) {
                if (paused) {
                    if (!awaitRunning()) {
                        return;
                    }
                    pacer.restartAt(clock.nanoTime());
                }
                ExperimentConfig c = live.get();
                if (c != seen) {
                    pacer.changePeriod(meanGap(c));
                    seen = c;
                }
                if (arrivals instanceof Distribution.Bursty b) {
                    pacer.deferTo(startNanos + b.nextOnTime(pacer.nextDue() - startNanos));
                    pacer.deferOfferedTo(startNanos + b.nextOnTime(pacer.offered() - startNanos));
                }
                long now = clock.nanoTime();
                if (pacer.nextDue() >= endNanos && now >= endNanos - 1) {
                    return; // a timed run is over for this producer
                }
                long wait = Math.min(pacer.nextDue(), endNanos) - now;
                if (wait > 0) {
                    LockSupport.parkNanos(this, clock.realNanos(wait));
                    continue; // re-check stop, pause and live.get() after every wake-up
                }
                if (started.items() > 0 && tickets.getAndIncrement() >= started.items()) {
                    return; // a finite run's items are all claimed
                }
                Item item = new Item(sequence.getAndIncrement(), worker);
                logArrival(worker, pacer.offered());
                send(c, worker, item);
                pacer.emitted(clock.nanoTime(), arrivals.factor(random));
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts parked producers; the item being sent was not inserted.
        } catch (QueueClosedException receiverGone) {
            slots.offer(EventSlots.Kind.RECEIVER_DROPPED, clock.nanoTime(), worker, 0, 0, 0, false);
        } finally {
            if (!stopping) {
                slots.offer(EventSlots.Kind.PRODUCER_FINISHED, clock.nanoTime(), worker, 0, 0, 0, false);
            }
            producerLeft();
        }
    }

    /** Keeps producer {@code worker}'s offered arrival time, while it has slots left. Its own thread only. */
    private void logArrival(int worker, long offeredNanos) {
        int p = worker - 1;
        int n = arrivalsLogged.getPlain(p);
        if (n < arrivalsPerProducer) {
            arrivalLog[p * arrivalsPerProducer + n] = offeredNanos - startNanos;
            arrivalsLogged.setRelease(p, n + 1);
        }
    }

    /**
     * Each producer's first offered arrival times (at most {@value #ARRIVAL_LOG} in all), ns
     * after the start: when it meant to send each item on the workload's own schedule, before
     * any wait for space and apart from pauses. They depend only on the seed, the producers,
     * the rate and the arrival distribution, so two runs that share those offer the same
     * arrivals whatever their buffers, policies or consumers. Any thread.
     */
    long[][] arrivalSchedule() {
        long[][] out = new long[producers][];
        for (int p = 0; p < producers; p++) {
            int n = arrivalsLogged.getAcquire(p);
            out[p] = java.util.Arrays.copyOfRange(arrivalLog, p * arrivalsPerProducer, p * arrivalsPerProducer + n);
        }
        return out;
    }

    /**
     * Sends one item into the first link under the run's policy ({@link SendPolicy#send}
     * decides) and records what became of it ({@link #recordSent}).
     */
    private void send(ExperimentConfig c, int worker, Item item) throws InterruptedException {
        SendPolicy policy = livePolicy(c, 0);
        recordSent(0, worker, item, policy.send(queue, item));
        if (!policy.bounded()) {
            checkMemory();
        }
    }

    /** Records what became of one send into link {@code link}: one event per outcome, exhaustively. */
    private void recordSent(int link, int worker, Item item, SendPolicy.Sent<Item> sent) {
        long now = clock.nanoTime();
        switch (sent.outcome()) {
            case SENT -> { } // recorded by the link as the item entered it (see entered)
            case REJECTED -> slots.offer(EventSlots.Kind.REJECTED, now, worker, item.sequence(), 0, link, false);
            case TIMED_OUT -> slots.offer(EventSlots.Kind.TIMED_OUT, now, worker, item.sequence(), 0, link, false);
            case DROPPED_NEWEST -> slots.offer(EventSlots.Kind.DROPPED, now, worker, item.sequence(), 0, link, false);
            case SENT_EVICTING_OLDEST ->
                    slots.offer(EventSlots.Kind.DROPPED, now, worker, sent.evicted().sequence(), 0, link, true);
        }
    }

    /**
     * Most lateness a taker makes up for by starting an item's service before it woke (longer
     * stalls, like a pause or a starved carrier thread, are forgotten).
     */
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
    private void serve(int in, int worker, RandomGenerator random, Distribution service,
                       LongSupplier meanNanos, boolean sink, Handoff handoff) throws InterruptedException {
        ObservedQueue<Item> queue = links[in];
        long[] timeline = TAKER.get();
        timeline[PREVIOUS_DEADLINE] = Long.MIN_VALUE;
        timeline[FREE_SINCE] = clock.nanoTime();
        boolean waiting = false;
        try {
            while (!stopping) {
                if (paused) {
                    if (!awaitRunning()) {
                        return;
                    }
                    timeline[PREVIOUS_DEADLINE] = Long.MIN_VALUE;
                    timeline[FREE_SINCE] = clock.nanoTime();
                }
                // Service starts when the item became available to this worker: when it entered
                // the link, or when the worker's previous service was due to end if it was busy.
                // Not when the thread happened to wake: like the producers' absolute deadlines,
                // this keeps wake-up latency and sleep overshoot out of the service time, busy or
                // idle. The latency itself is real, and recorded on its own.
                waiting = true;
                Item item = queue.poll();
                try {
                    if (item == null) {
                        item = queue.take();
                    }
                } catch (QueueClosedException closed) {
                    return; // every sender upstream finished and the link is drained
                }
                waiting = false;
                // The link's dequeue hook has worked out when this item's service starts (left).
                long start = timeline[START];
                long late = timeline[LATE];
                if (late > 0) {
                    wakeLatency[in].recordValue(late);
                }
                double factor = service.factor(random);
                long deadline;
                while (true) {
                    deadline = start + Math.round(meanNanos.getAsLong() * factor);
                    long left = deadline - clock.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, clock.realNanos(left));
                    if (stopping || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                timeline[PREVIOUS_DEADLINE] = deadline;
                if (sink) {
                    serviceRecorder.recordValue(Math.max(0, deadline - start));
                }
                if (!handoff.passOn(item)) {
                    return;
                }
            }
        } finally {
            if (waiting) {
                // Idle from its last service to its end (or the run's, if that came first).
                long end = outcome != null ? Math.min(endNanos, clock.nanoTime()) : clock.nanoTime();
                long free = timeline[PREVIOUS_DEADLINE] != Long.MIN_VALUE ? timeline[PREVIOUS_DEADLINE] : timeline[FREE_SINCE];
                if (end > free) {
                    idleNanos[in].add(end - free);
                }
            }
        }
    }

    /** A sink worker (a consumer): serves items from the last link. */
    private void consume(int worker, RandomGenerator random) {
        try {
            serve(links.length - 1, worker, random, started.service(), () -> live.get().consumerDelayNanos(), true,
                    item -> {
                        consumed.increment();
                        return true;
                    });
        } catch (InterruptedException stopRequested) {
            // Stop (or a dropped receiver) interrupts a consumer parked on an empty buffer.
        } finally {
            consumerLeft();
        }
    }

    /**
     * A middle stage's worker: serves items from link {@code hop}, then sends each into link
     * {@code hop + 1} under that link's policy, holding it while the send is blocked.
     */
    private void relay(int hop, int worker, RandomGenerator random) {
        Hop stage = started.hops().get(hop);
        ObservedQueue<Item> out = links[hop + 1];
        long born = clock.nanoTime();
        relayStartSum[hop].add(born);
        relayAlive[hop].increment();
        boolean[] retired = {false};
        try {
            BlockingQueue<Item> own = stageBuffers[hop];
            serve(hop, worker, random, stage.service(), () -> liveHop(hop).serviceNanos(), false, item -> {
                relayed[hop].increment();
                if (own != null) {
                    own.add(item); // decoupled: the writer sends it; this worker reads on
                    checkMemory();
                    return !(retired[0] = retire(hop));
                }
                try {
                    recordSent(hop + 1, worker, item, livePolicy(live.get(), hop + 1).send(out, item));
                } catch (QueueClosedException receiverGone) {
                    relayReceiverDropped(hop);
                    return false;
                }
                if (!stage.policy().bounded()) {
                    checkMemory();
                }
                return !(retired[0] = retire(hop));
            });
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a worker parked on an empty input or a full output.
        } finally {
            long died = clock.nanoTime();
            relayAlive[hop].decrement();
            relayStartSum[hop].add(-born);
            relayEndedNanos[hop].add(died - born);
            if (!retired[0]) {
                relayLeft(hop);
            }
        }
    }

    /** Marks the end of a decoupled stage's input in its own buffer. */
    private static final Item END_OF_STREAM = new Item(-1, 0);

    /**
     * A decoupled stage's writer: sends what the stage's workers put in its buffer into link
     * {@code hop + 1}; it alone parks when that link is full, while the workers read on.
     */
    private void write(int hop) {
        Hop stage = started.hops().get(hop);
        ObservedQueue<Item> out = links[hop + 1];
        BlockingQueue<Item> buffer = stageBuffers[hop];
        try {
            while (!stopping) {
                if (paused && !awaitRunning()) {
                    return;
                }
                Item item = buffer.take();
                if (item == END_OF_STREAM) {
                    out.finishSending();
                    return;
                }
                try {
                    recordSent(hop + 1, 1, item, livePolicy(live.get(), hop + 1).send(out, item));
                } catch (QueueClosedException receiverGone) {
                    relayReceiverDropped(hop);
                    return;
                }
                if (!stage.policy().bounded()) {
                    checkMemory();
                }
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a writer waiting for items or parked on a full link.
        }
    }

    /**
     * Link {@code link}'s policy under {@code now}: its parameters (a timeout's deadline) are live,
     * its kind is the one the run started with (a new kind applies at the next start).
     */
    private SendPolicy livePolicy(ExperimentConfig now, int link) {
        SendPolicy first = started.policyOf(link);
        if (now == started || now.links() != started.links()) {
            return first;
        }
        SendPolicy p = now.policyOf(link);
        return p.sameKind(first) ? p : first;
    }

    /** Hop {@code hop} as configured now (live service time), or as started if the shape changed. */
    private Hop liveHop(int hop) {
        List<Hop> now = live.get().hops();
        return now.size() == started.hops().size() ? now.get(hop) : started.hops().get(hop);
    }
}
