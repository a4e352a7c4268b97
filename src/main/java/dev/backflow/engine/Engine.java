package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.EventRing;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.telemetry.TelemetrySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs producers and consumers on virtual threads over one {@link ObservedQueue}.
 *
 * <p><b>Lifecycle.</b> {@code IDLE --start--> RUNNING <--pause/resume--> PAUSED}; {@code stop}
 * ends the run ({@code STOPPED}, counters kept for reading); {@code start} after a stop begins a
 * fresh run; {@code reset} discards the run and returns to {@code IDLE}. None of these calls
 * blocks: {@link #stop()} interrupts the workers and returns; {@link #awaitTermination} waits for
 * them to end.
 *
 * <p><b>Workers.</b> Each producer offers items at its share of the total rate, paced to absolute
 * deadlines ({@link Pacer}), and {@code put}s them, parking while the buffer is full. Each
 * consumer {@code take}s an item and spends the configured delay on it. A paused worker finishes
 * the step it is in, then waits.
 *
 * <p><b>Reconfiguring.</b> {@link #reconfigure} swaps the whole config atomically. Capacity
 * changes reach the queue at once; rate and delay changes reach sleeping workers at once because
 * every worker is woken and recomputes its deadline (even mid-way through a 5-second sleep).
 * Producer and consumer counts take effect at the next {@link #start()}.
 *
 * <p>Thread-safety: all public methods may be called from any thread; lifecycle calls are
 * serialized on an internal monitor and are short.
 */
public final class Engine implements TelemetrySource, AutoCloseable {

    /** Where a run is in its life. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPED }

    /** Identifies the worker running the current code, for telemetry (1-based). */
    static final ScopedValue<Integer> WORKER_ID = ScopedValue.newInstance();

    /** Events buffered between two drains before new ones are counted as lost. */
    static final int EVENT_BUFFER = 1 << 16;

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

    /** Where the engine is in its lifecycle. */
    public State state() {
        return state;
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
            if (r != null && !r.stopping) {
                r.queue.setCapacity(next.capacity());
                r.wakeAll();
            }
        }
    }

    /** Starts a new run from IDLE or STOPPED; resumes if PAUSED; does nothing if RUNNING. */
    public void start() {
        synchronized (control) {
            switch (state) {
                case RUNNING -> { }
                case PAUSED -> resume();
                case IDLE, STOPPED -> {
                    Run r = new Run(++lastRunId, config);
                    run = r;
                    state = State.RUNNING;
                    r.launch();
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
        synchronized (control) {
            if (state == State.RUNNING || state == State.PAUSED) {
                run.halt();
                state = State.STOPPED;
            }
        }
    }

    /** Stops any run and discards its counters. */
    public void reset() {
        synchronized (control) {
            stop();
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
        Run r;
        synchronized (control) {
            r = run;
        }
        return r == null || r.join(timeout);
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

    /** The current run's queue, or null. For tests. */
    ObservedQueue<Item> queue() {
        Run r = run;
        return r == null ? null : r.queue;
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
            return Counts.none(clock.nanoTime(), config.capacity());
        }
        return r.counts();
    }

    @Override
    public int drainEvents(Consumer<? super TelemetryEvent> sink, int max) {
        Run r = run;
        return r == null ? 0 : r.events.drain(sink, max);
    }

    /** Stops the run and waits briefly for its workers. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitTermination(Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------- one run

    /** The threads, queue and counters of one run. */
    private final class Run implements QueueObserver {
        final long id;
        final long startNanos;
        final int producers;
        final int consumers;
        final ObservedQueue<Item> queue;
        final EventRing<TelemetryEvent> events = new EventRing<>(EVENT_BUFFER);
        final LongAdder consumed = new LongAdder();
        final AtomicLong sequence = new AtomicLong();
        final List<Thread> workers;
        /** Blocker object of workers waiting out a pause (visible to LockSupport.getBlocker). */
        final Object pauseGate = new Object();
        volatile boolean paused;
        volatile boolean stopping;

        Run(long id, ExperimentConfig c) {
            this.id = id;
            this.producers = c.producers();
            this.consumers = c.consumers();
            this.queue = new ObservedQueue<>(c.capacity(), this, clock);
            this.startNanos = clock.nanoTime();
            this.workers = new ArrayList<>(producers + consumers);
        }

        void launch() {
            Thread.Builder builder = Thread.ofVirtual();
            for (int i = 1; i <= consumers; i++) {
                int worker = i;
                workers.add(builder.name("consumer-" + i).unstarted(
                        () -> ScopedValue.where(WORKER_ID, worker).run(() -> consume(this))));
            }
            for (int i = 1; i <= producers; i++) {
                int worker = i;
                workers.add(builder.name("producer-" + i).unstarted(
                        () -> ScopedValue.where(WORKER_ID, worker).run(() -> produce(this, worker))));
            }
            workers.forEach(Thread::start);
        }

        void wakeAll() {
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
        }

        void halt() {
            stopping = true;
            for (Thread t : workers) {
                t.interrupt();
            }
        }

        boolean join(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return workers.stream().noneMatch(Thread::isAlive);
                }
            }
            return true;
        }

        Counts counts() {
            QueueStats q = queue.stats();
            return new Counts(id, q.atNanos(), startNanos, producers, consumers, q.fill(), q.capacity(),
                    q.maxFill(), q.puts(), q.takes(), consumed.sum(), q.producerParks(),
                    q.producerParkedNanos(), q.producersParked(), q.consumerParks(),
                    q.consumerParkedNanos(), events.lost());
        }

        /** Blocks while paused; returns true if the worker should carry on. */
        boolean awaitRunning() {
            while (paused && !stopping) {
                LockSupport.park(pauseGate);
            }
            return !stopping;
        }

        // QueueObserver: called with the queue lock held, so only enqueue a record.

        @Override
        public void producerParked(long atNanos, int fill, int capacity) {
            events.offer(new TelemetryEvent.ProducerParked(atNanos, WORKER_ID.orElse(0), fill, capacity));
        }

        @Override
        public void producerUnparked(long atNanos, long parkedNanos, int fill, boolean gotSpace) {
            events.offer(new TelemetryEvent.ProducerUnparked(atNanos, WORKER_ID.orElse(0), parkedNanos, gotSpace));
        }

        @Override
        public void consumerParked(long atNanos) {
            events.offer(new TelemetryEvent.ConsumerParked(atNanos, WORKER_ID.orElse(0)));
        }

        @Override
        public void consumerUnparked(long atNanos, long parkedNanos, boolean gotItem) {
            events.offer(new TelemetryEvent.ConsumerUnparked(atNanos, WORKER_ID.orElse(0), parkedNanos, gotItem));
        }
    }

    // ---------------------------------------------------------------- worker loops

    private long producerPeriod(ExperimentConfig c, Run r) {
        return Math.max(1L, Math.round(1e9 * r.producers / c.producerRate()));
    }

    private void produce(Run r, int worker) {
        ExperimentConfig seen = config;
        long period = producerPeriod(seen, r);
        // Stagger producers across one period so N producers do not fire in lock-step.
        Pacer pacer = new Pacer(period, clock.nanoTime() + period * (worker - 1) / r.producers);
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
                    pacer.changePeriod(producerPeriod(c, r));
                    seen = c;
                }
                long wait = pacer.nextDue() - clock.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(r, wait);
                    continue; // re-check stop, pause and config after every wake-up
                }
                r.queue.put(new Item(r.sequence.getAndIncrement(), worker, clock.nanoTime()));
                pacer.emitted(clock.nanoTime());
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts parked producers; the item being put was not inserted.
        }
    }

    private void consume(Run r) {
        try {
            while (!r.stopping) {
                if (r.paused && !r.awaitRunning()) {
                    return;
                }
                r.queue.take();
                long start = clock.nanoTime();
                while (true) {
                    long left = start + config.consumerDelayNanos() - clock.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(r, left);
                    if (r.stopping) {
                        return;
                    }
                }
                r.consumed.increment();
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a consumer parked on an empty buffer.
        }
    }
}
