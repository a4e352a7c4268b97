package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.telemetry.TelemetrySource;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The lifecycle of an experiment: it holds the config in force, starts a {@link Run} (a pipeline
 * of links and stages, one bounded queue in the classic case), and pauses, resumes, stops, drops
 * and resets it. What the workers do lives in {@link Run}; how a send is decided, in
 * {@link SendPolicy}.
 *
 * <p><b>Lifecycle.</b> {@code IDLE --start--> RUNNING <--pause/resume--> PAUSED}. A run ends by
 * {@link #stop()} ({@code STOPPED}), or by itself ({@code FINISHED}): a finite run whose consumers
 * drained the buffer, an unbounded buffer over its memory budget, or producers that stopped after
 * the receiver was dropped. {@link #outcome()} says which. Counters stay readable after the end;
 * {@code start} begins a fresh run; {@code reset} discards it. No lifecycle call blocks:
 * {@link #awaitTermination} waits for the workers.
 *
 * <p><b>Reconfiguring.</b> {@link #reconfigure} swaps the whole config atomically. Capacities,
 * rate, service times, a middle stage's worker count and the timeout reach a running experiment
 * at once: every worker is woken and recomputes its deadline (even mid-way through a 5-second
 * sleep). The other settings (the source's and sink's counts, policies, the pipeline's shape,
 * distributions, finite-run limits, seed, item size, budget, thread kind) apply at the next
 * {@link #start()}.
 *
 * <p>Thread-safety: all public methods may be called from any thread; lifecycle calls are
 * serialized on an internal monitor and are short.
 */
public final class Engine implements TelemetrySource, AutoCloseable {

    /** Where a run is in its life. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPED, FINISHED }

    private final TimeScale clock;
    private final Consumer<Thread> starter;
    private final Consumer<Thread> unparker;
    private final Object control = new Object();
    private volatile ExperimentConfig config;
    private volatile State state = State.IDLE;
    private volatile Run run;

    /** The current run, or null (this package: its tests look inside). */
    Run run() {
        return run;
    }
    private long lastRunId;

    /** An idle engine on the system clock. */
    public Engine(ExperimentConfig initial) {
        this(initial, NanoClock.SYSTEM);
    }

    /** An idle engine timing everything with {@code clock}. */
    public Engine(ExperimentConfig initial, NanoClock clock) {
        this(initial, clock, Thread::start);
    }

    /**
     * An idle engine whose worker threads are started by {@code starter} (for tests: a starter
     * that fails like a system at its thread limit).
     */
    Engine(ExperimentConfig initial, NanoClock clock, Consumer<Thread> starter) {
        this(initial, clock, starter, LockSupport::unpark);
    }

    /** As above, waking workers with {@code unparker} (for tests: one that counts who is woken). */
    Engine(ExperimentConfig initial, NanoClock clock, Consumer<Thread> starter, Consumer<Thread> unparker) {
        this.config = Objects.requireNonNull(initial, "config");
        this.clock = new TimeScale(Objects.requireNonNull(clock, "clock"));
        this.starter = Objects.requireNonNull(starter, "starter");
        this.unparker = Objects.requireNonNull(unparker, "unparker");
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

    /**
     * The settings the current run actually works under: the per-run settings it started with,
     * and the live ones (capacities, rate, service times, a middle stage's workers, the timeout)
     * in force now, a scheduled change's too while it lasts. Before any run, the config in force.
     */
    public ExperimentConfig effectiveConfig() {
        Run r = run;
        if (r == null) {
            return config;
        }
        ExperimentConfig now = r.live(); // the engine's config with the run's scheduled changes over it
        return r.started == now ? now : LiveSetting.overlay(r.started, now);
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
     * Applies {@code next} at once, also to a running experiment: the new config is published
     * once (workers read it at their next step), then each live setting that changed
     * ({@link LiveSetting#changed}) is applied: a capacity is pushed into its link, and only the
     * stage whose workers wait on a changed setting is woken (a new rate wakes the producers, a
     * stage's new service time that stage's workers), so a change to one stage of a 20,000-worker
     * pipeline does not unpark the other 19,999. Per-run settings apply at the next start.
     */
    public void reconfigure(ExperimentConfig next) {
        Objects.requireNonNull(next, "config");
        synchronized (control) {
            ExperimentConfig before = config;
            config = next;
            Run r = run;
            if (r != null && isActive()) {
                for (LiveSetting s : LiveSetting.changed(before, next)) {
                    r.apply(s, next);
                }
            }
        }
    }

    /**
     * Slow motion: from now on the experiment runs {@code slowdown} times more slowly on the wall
     * (1 = real time), also a run that is going. Every rate, delay, timeout and duration keeps its
     * value in the experiment's own time, and so does every figure measured (see
     * {@link TimeScale}): at ×1/10 a 10-second run takes 100 real seconds and ends with the same
     * counts. Workers mid-step are woken so each waits out the rest of its step at the new speed.
     *
     * @throws IllegalArgumentException outside 1..{@link TimeScale#MAX_SLOWDOWN}
     */
    public void slowMotion(int slowdown) {
        synchronized (control) {
            if (slowdown == clock.slowdown()) {
                return;
            }
            clock.slowdown(slowdown);
            Run r = run;
            if (r != null && isActive()) {
                r.wakeAll();
            }
        }
    }

    /** How many times slower than real time the experiment runs (1 = real time). */
    public int slowMotion() {
        return clock.slowdown();
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
                    Run r = new Run(++lastRunId, config, clock, this::config, control, this::runEnded, starter, unparker);
                    if (config.usesMemoryBudget()) {
                        // A budget the heap cannot hold would end in a real OutOfMemoryError:
                        // the run ends at once, saying so, and no worker starts.
                        Limits.heapProblem(config.memoryBudgetBytes())
                                .ifPresent(why -> r.finish(RunOutcome.FAILED, why));
                    }
                    r.launcher.start();
                    run = r;
                    state = r.outcome == null ? State.RUNNING : State.FINISHED;
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
        if (r == null) {
            return 0;
        }
        int n = r.slots.drain(sink, max);
        // The run's end comes after everything else it recorded: only once those are all out.
        return n < max && r.slots.size() == 0 ? n + r.events.drain(sink, max - n) : n;
    }

    @Override
    public void drainQueueWait(Histogram into) {
        Run r = run;
        if (r != null) {
            r.totalWait.drainInto(into);
        }
    }

    @Override
    public void drainServiceTime(Histogram into) {
        Run r = run;
        if (r != null) {
            r.sink.service.drainInto(into);
        }
    }

    @Override
    public void drainWakeLatency(Histogram into) {
        Run r = run;
        if (r != null) {
            r.links[r.links.length - 1].wakeLatency.drainInto(into);
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
            r.links[link].waits.drainInto(into);
        }
    }

    /**
     * Moves the callers' end-to-end latencies recorded since the last call (first attempt to
     * success, each succeeded request, ns) into {@code into}; nothing for an open-loop run.
     */
    @Override
    public void drainEndToEnd(Histogram into) {
        Run r = run;
        if (r != null && r.callers != null) {
            r.callers.endToEnd.drainInto(into);
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

    /**
     * The latest run's offered arrival times: per producer (index 0 is producer 1), its first
     * ones in ns after the start, on the workload's own schedule (before any wait for space,
     * pauses apart). Two runs with the same seed, producers, rate and arrival distribution
     * offer the same ones, whatever their buffers, policies or consumers: what an A/B
     * comparison checks. Empty before any run. Any thread.
     */
    public long[][] arrivalSchedule() {
        Run r = run;
        return r == null ? new long[0][] : r.source.arrivalSchedule();
    }

    /** Parks and parked time per producer of the latest run (index 0 is producer 1). */
    public ProducerStats[] perProducer() {
        Run r = run;
        if (r == null) {
            return new ProducerStats[0];
        }
        Link first = r.links[0];
        first.queue.stats(); // parks are recorded under the queue lock; this orders our reads after them
        ProducerStats[] out = new ProducerStats[r.source.producers];
        for (int i = 0; i < out.length; i++) {
            out[i] = new ProducerStats(i + 1, first.parks[i], first.parkedNanos[i]);
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

    /** A run ended (called under {@code control}): the engine's state follows its current run. */
    private void runEnded(Run r, RunOutcome how) {
        if (run == r) {
            state = how == RunOutcome.STOPPED ? State.STOPPED : State.FINISHED;
        }
    }
}
