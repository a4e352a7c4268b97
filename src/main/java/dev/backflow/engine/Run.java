package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.EventRing;
import dev.backflow.telemetry.EventSlots;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.units.Units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of a pipeline: its {@link Link}s and {@link Stage}s, built whole by
 * {@link Engine#start()}, and its lifecycle: launch, pause, end once, join. What each stage does
 * is in its own class ({@link SourceStage}, {@link MiddleStage}, {@link SinkStage}), what a link
 * does in {@link Link}, and the books in {@link Books}.
 *
 * <p><b>End.</b> End of stream travels downstream (each stage closes its output when its last
 * worker ends); a dropped receiver travels upstream (each stage's input is dropped when its
 * output's receiver is gone). The first call of {@link #finish} wins.
 */
final class Run {

    /** Told, under the engine's monitor, that a run has ended. */
    interface EndListener {
        void ended(Run run, RunOutcome how);
    }

    /** Identifies the worker running the current code, for telemetry (1-based within its stage). */
    static final ScopedValue<Integer> WORKER_ID = ScopedValue.newInstance();

    /** Events buffered between two drains before new ones are counted as lost. */
    static final int EVENT_BUFFER = 1 << 17;

    final NanoClock clock;
    /** The config in force now (live settings are read through it on every step). */
    private final Supplier<ExperimentConfig> live;
    private final Object control;
    private final EndListener onEnd;

    final long id;
    final ExperimentConfig started;
    final long startNanos;
    /** Every link, from the source on; link {@code i} feeds stage {@code i + 1}. */
    final Link[] links;
    /** Every stage: the source, the middle stages, the sink. */
    final List<Stage> stages;
    final SourceStage source;
    final SinkStage sink;
    /** The source's callers, or null in an open-loop run ({@link Callers#closedLoop()}). */
    final CallerPool callers;
    /** The scheduled changes' driver, or null without any. */
    final Changes changes;
    /** The run's events as they happen, kept as primitives: recording one allocates nothing. */
    final EventSlots slots = new EventSlots(EVENT_BUFFER);
    /** The one event with an object in it (why the run ended), after every other. */
    final EventRing<TelemetryEvent> events = new EventRing<>(16);
    /** Each item's whole time in the links, recorded as it leaves the last one. */
    final Intervals totalWait = new Intervals();
    /** The thread kind of this run's workers. */
    final Thread.Builder builder;
    /** Every worker thread: created in the constructor, started by the launcher; grows when a stage gains workers. */
    final List<Thread> workers;
    /** Wakes one worker ({@code LockSupport::unpark} but in tests, which count who is woken). */
    private final Consumer<Thread> unparker;
    /** Starts one worker thread ({@code Thread::start} but in tests). */
    private final Consumer<Thread> starter;
    /** Starts the workers from its own thread, so {@link Engine#start()} never blocks its caller. */
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
    /**
     * Whether its paced waits end on the shared {@link WakeTimer}'s ticks: a run of
     * {@link WakeTimer#MANY_WORKERS} or more virtual workers (set again when a stage gains some).
     */
    private volatile boolean onTicks;

    Run(long id, ExperimentConfig c, NanoClock clock, Supplier<ExperimentConfig> live, Object control,
        EndListener onEnd, Consumer<Thread> starter, Consumer<Thread> unparker) {
        this.id = id;
        this.starter = starter;
        this.unparker = unparker;
        this.clock = clock;
        this.live = live;
        this.control = control;
        this.onEnd = onEnd;
        this.started = c;
        int hops = c.hops().size();
        this.links = new Link[hops + 1];
        for (int l = 0; l <= hops; l++) {
            int senders = l == 0 ? c.producers() : c.hops().get(l - 1).workers();
            links[l] = new Link(l, c, clock, slots, senders, l == hops ? totalWait : null);
        }
        this.startNanos = clock.nanoTime();
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
        this.callers = c.callers().closedLoop() ? new CallerPool(this, c.callers()) : null;
        if (callers != null) {
            for (Link l : links) {
                l.onShed = callers::refused; // an attempt CoDel sheds is turned away, as by a full link
            }
        }
        this.changes = c.changes().isEmpty() ? null : new Changes(this, c.changes());
        this.sink = new SinkStage(this, c, links[hops], serviceSeeds);
        this.source = new SourceStage(this, c, links[0], arrivalSeeds);
        List<Stage> all = new ArrayList<>(hops + 2);
        all.add(source);
        for (int h = 0; h < hops; h++) {
            all.add(new MiddleStage(this, c, h, links[h], links[h + 1], root.split()));
        }
        all.add(sink);
        this.stages = List.copyOf(all);
        // Launch order: the consumers first, then the producers, then the middle stages.
        List<Thread> order = new ArrayList<>(sink.threads);
        if (changes != null) {
            order.add(changes.thread);
        }
        order.addAll(source.threads);
        for (int s = 1; s <= hops; s++) {
            order.addAll(stages.get(s).threads);
        }
        this.workers = new CopyOnWriteArrayList<>(order);
        this.onTicks = manyVirtualWorkers();
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
                    for (Stage s : stages) {
                        if (s instanceof MiddleStage m && !stopping) {
                            m.grow();
                        }
                    }
                }
            } catch (WorkerStartFailed alreadyEnded) {
                // startWorker ended the run with its reason; the rest never start
            } finally {
                for (Thread t : workers) {
                    t.interrupt();
                }
                if (callers != null) {
                    for (Thread t : callers.threads) {
                        t.interrupt();
                    }
                }
            }
        });
    }

    /** The config in force now. */
    ExperimentConfig live() {
        ExperimentConfig base = live.get();
        return changes == null ? base : changes.over(base);
    }

    /** The config the engine holds now, without the scheduled changes in force. */
    ExperimentConfig engineConfig() {
        return live.get();
    }

    /**
     * Link {@code link}'s policy now: its parameters (a timeout's deadline) are live, its kind is
     * the one the run started with (a new kind applies at the next start).
     */
    SendPolicy livePolicy(int link) {
        ExperimentConfig now = live();
        return now.links() == started.links() ? now.policyOf(link) : started.policyOf(link);
    }

    /**
     * Sends {@code item} into {@code link} under {@code now} ({@link Link#send}), records what
     * became of it (one event per outcome, exhaustively), and checks the memory budget after a
     * send into an unbounded link.
     */
    void send(Link link, SendPolicy now, int worker, Item item) throws InterruptedException {
        Attempt a = item.attempt();
        if (link.limiter != null) {
            // The stage's adaptive limit first: above it the send is refused at once (an HTTP 429).
            var hold = link.limiter.acquire(null);
            if (hold.isEmpty()) {
                link.limited.increment();
                slots.offer(EventSlots.Kind.LIMITED, clock.nanoTime(), worker, item.sequence(), link.limiter.getLimit(),
                        link.index, false);
                if (callers != null) {
                    callers.refused(item);
                }
                return;
            }
            item.limitHold = hold.get();
        }
        // A caller with a deadline waits at a full first link only until its deadline.
        boolean untilDeadline = a != null && link.index == 0 && a.deadlineNanos != Long.MAX_VALUE
                && link.policy.whenFull() == SendPolicy.Full.WAITS;
        SendPolicy.Sent<Item> sent = untilDeadline ? link.sendBefore(item, a.deadlineNanos) : link.send(now, item);
        long at = clock.nanoTime();
        int number = a == null ? 0 : a.number;
        switch (sent.outcome()) {
            case SENT -> { } // recorded by the link as the item entered it
            case REJECTED -> slots.offer(EventSlots.Kind.REJECTED, at, worker, item.sequence(), number, link.index, false);
            case TIMED_OUT -> slots.offer(EventSlots.Kind.TIMED_OUT, at, worker, item.sequence(), number, link.index, false);
            case DROPPED_NEWEST -> slots.offer(EventSlots.Kind.DROPPED, at, worker, item.sequence(), number, link.index, false);
            case SENT_EVICTING_OLDEST -> slots.offer(EventSlots.Kind.DROPPED, at, worker, sent.evicted().sequence(),
                    sent.evicted().attempt() == null ? 0 : sent.evicted().attempt().number, link.index, true);
        }
        // What a refusal means beyond the link: a drop for the stage's limit to back off on (it let
        // the item in), and a refused attempt for its caller (or, at its deadline, an expired one).
        switch (sent.outcome()) {
            case SENT -> { }
            case SENT_EVICTING_OLDEST -> {
                Link.release(sent.evicted(), false);
                if (callers != null) {
                    callers.refused(sent.evicted());
                }
            }
            case REJECTED, TIMED_OUT, DROPPED_NEWEST -> {
                Link.release(item, false);
                if (callers != null && untilDeadline && sent.outcome() == SendPolicy.Outcome.TIMED_OUT) {
                    callers.expired(item); // its caller's deadline passed at the door
                } else if (callers != null) {
                    callers.refused(item);
                }
            }
        }
        if (!link.policy.bounded()) {
            checkMemory();
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
        for (Link l : links) {
            if (!l.policy.bounded()) {
                l.queue.dropReceiver();
            }
        }
        for (Stage s : stages) {
            if (s instanceof MiddleStage m && m.buffer != null) {
                m.buffer.clear();
            }
        }
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

    /** Starts a worker a stage gained while running. Launcher thread only. */
    void launch(Thread t) {
        workers.add(t);
        onTicks = manyVirtualWorkers();
        startWorker(t, workers.size(), workers.size());
    }

    private boolean manyVirtualWorkers() {
        return WakeTimer.ENABLED && started.threads() == ThreadKind.VIRTUAL && workers.size() >= WakeTimer.MANY_WORKERS;
    }

    /** Whether the run's paced waits end on the wake timer's ticks ({@link #pace}). */
    boolean onTicks() {
        return onTicks;
    }

    /**
     * Parks a worker for a paced wait of {@code realNanos} (a producer's gap, a service time):
     * a timed park, or a park on the shared {@link WakeTimer} in a run of many virtual workers,
     * for waits of {@link WakeTimer#MIN_NANOS} or more, while every stage's mean service time
     * is at least {@link WakeTimer#SERVICE_TICKS} ticks (so the ticks' grain is too fine for any
     * queue to feel). May return early, as any park: the caller re-checks its deadline and the
     * run's state. Worker threads only.
     */
    void pace(long realNanos) {
        if (onTicks && realNanos >= WakeTimer.MIN_NANOS && servicesAllowTicks()) {
            WakeTimer.shared().park(this, realNanos);
        } else {
            LockSupport.parkNanos(this, realNanos);
        }
    }

    /** Whether the config in force has only services long enough for the wake timer's ticks. */
    private boolean servicesAllowTicks() {
        ExperimentConfig c = live();
        TickFit fit = tickFit;
        if (fit == null || fit.config() != c) {
            long shortest = c.consumerDelayNanos();
            for (Hop h : c.hops()) {
                shortest = Math.min(shortest, h.serviceNanos());
            }
            fit = new TickFit(c, clock.realNanos(shortest) >= WakeTimer.SERVICE_TICKS * WakeTimer.TICK_NANOS);
            tickFit = fit; // racing workers work out the same answer for the same config
        }
        return fit.fits();
    }

    /** Whether {@code config}'s services are long enough for the wake timer. */
    private record TickFit(ExperimentConfig config, boolean fits) {
    }

    private volatile TickFit tickFit;

    /** Unwinds the launcher after {@link #startWorker} ended the run. */
    private static final class WorkerStartFailed extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        WorkerStartFailed() {
            super(null, null, false, false);
        }
    }

    void wakeAll() {
        for (Thread t : workers) {
            unparker.accept(t);
        }
    }

    /**
     * Applies live setting {@code s}, changed in {@code now} (already published): pushes a
     * capacity into its link, has the launcher start a middle stage's new workers, and wakes only
     * the workers of the stage that waits on it. Under the engine's monitor.
     */
    void apply(LiveSetting s, ExperimentConfig engineNow) {
        if (engineNow.links() != started.links()) {
            return; // a new shape applies at the next start
        }
        ExperimentConfig now = changes == null ? engineNow : changes.over(engineNow); // a scheduled change stays in force
        if (s instanceof LiveSetting.LinkCapacity(int link) && links[link].policy.bounded()) {
            links[link].queue.setCapacity(now.capacitySettingOf(link));
        }
        int stage = s.wakes(now);
        if (stage >= 0) {
            for (Thread t : stages.get(stage).threads) {
                unparker.accept(t);
            }
        }
        if (s instanceof LiveSetting.StageWorkers) {
            LockSupport.unpark(launcher); // a middle stage given more workers gets them from the launcher (after the wake: they need none)
        }
    }

    /** A scheduled change came into force or ended: applies its setting as the engine would. Changes' thread. */
    void applyScheduled(LiveSetting s) {
        synchronized (control) {
            if (!stopping) {
                apply(s, live.get());
            }
        }
    }

    /** Ends the run once; the first outcome wins. Any thread. */
    void finish(RunOutcome how, String why) {
        synchronized (control) {
            if (outcome != null) {
                return;
            }
            endNanos = clock.nanoTime();
            for (Link link : links) {
                link.queue.freeze(endNanos); // the run's time stands still from here: no figure drifts on
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
        links[links.length - 1].queue.dropReceiver(); // the sink's input; upstream stages see it at their next send
        for (Thread t : sink.threads) {
            t.interrupt();
        }
    }

    /** The source's last producer ended. */
    void sourceEnded() {
        if (receiverDropped) {
            finish(RunOutcome.RECEIVER_DROPPED, "receiver dropped: every producer's send failed and it stopped");
        } else {
            links[0].queue.finishSending(); // the stages downstream drain what is left, then end
        }
    }

    /** The sink's last consumer ended. */
    void sinkEnded() {
        if (source.left.get() == 0 && !stopping && !receiverDropped) {
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
        if (callers != null) {
            for (Thread t : List.copyOf(callers.threads)) {
                t.interrupt(); // one started after the launcher's last look
                long left = deadline - System.nanoTime();
                if (t.getState() != Thread.State.NEW && (left <= 0 || !t.join(Duration.ofNanos(left)))) {
                    return callers.threads.stream().noneMatch(Thread::isAlive);
                }
            }
        }
        return true;
    }

    /**
     * The books now. Each link's counters are read under its own lock, the sink's first, after the
     * consumed count, so an item consumed meanwhile is still "taken" ({@link Books}).
     */
    Counts counts() {
        dev.backflow.telemetry.CallerCounts calls = callers == null ? null : callers.counts();
        long consumed = sink.consumed.sum();
        long expiredAtSink = sink.expired.sum(); // with consumed: both before the link's takes
        long[] shed = new long[links.length]; // likewise: each shed item was taken before it was counted
        long[] limited = new long[links.length];
        for (int l = 0; l < links.length; l++) {
            shed[l] = links[l].codelDrops.sum();
            limited[l] = links[l].limited.sum();
        }
        QueueStats[] q = new QueueStats[links.length];
        for (int l = links.length - 1; l >= 0; l--) {
            q[l] = links[l].queue.stats();
        }
        List<Books.LinkBooks> linkBooks = new ArrayList<>(links.length);
        for (int l = 0; l < links.length; l++) {
            linkBooks.add(new Books.LinkBooks(links[l].policy, q[l], links[l].idle(q[l]), shed[l], limited[l],
                    links[l].limitAndInflight()));
        }
        RunOutcome ended = outcome;
        long until = ended != null ? endNanos : q[0].atNanos();
        List<Books.StageBooks> stageBooks = new ArrayList<>(stages.size());
        for (Stage s : stages) {
            stageBooks.add(switch (s) {
                case SourceStage p -> new Books.StageBooks(p.name, p.producers, q[0].attempts(), p.workerNanos(until), true);
                case MiddleStage m -> new Books.StageBooks(m.name, m.left.get(), m.served.sum(), m.workerNanos(until), m.coupled,
                        m.expired.sum());
                case SinkStage k -> new Books.StageBooks(k.name, k.consumers, consumed, k.workerNanos(until), true,
                        expiredAtSink);
            });
        }
        return new Books(id, startNanos, until, ended, linkBooks, stageBooks, consumed, started.heapBytesPerItem(),
                started.memoryBudgetBytes(), slots.lost() + events.lost(), calls).counts();
    }

    /** Kills a run whose unbounded queues exceed the memory budget. Any worker. */
    void checkMemory() {
        long queued = 0;
        for (Stage s : stages) {
            if (s instanceof MiddleStage m) {
                queued += m.buffered(); // a decoupled stage's own buffer has no bound
            }
        }
        for (Link l : links) {
            if (!l.policy.bounded()) {
                queued += l.queue.size();
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
}
