package dev.backflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Ends many virtual threads' timed waits on the ticks of one timer thread: a hashed timing wheel.
 *
 * <p>Why: a virtual thread's {@code parkNanos} hands a timer task to its scheduler's delay
 * thread (JDK 25's {@code DelayScheduler}), and that thread is woken for nearly every one.
 * 10,000 producers and 10,000 consumers pacing 100,000 items a second make about 200,000 such
 * waits a second; the delay thread alone then used 80 % of a core here, and the engine 175 % of a core in
 * all, on a 2-core machine where the window needs one (docs/BENCHMARKS.md). A wait parked here
 * instead costs an entry in a lock-free queue and an untimed park; the timer thread wakes once a
 * tick ({@link #TICK_NANOS}), whatever the number of sleepers, and unparks every thread that is
 * due. With 20 ms services the same run then takes 40-50 % of that CPU.
 *
 * <p>What it costs: a wait ends at the first tick at or after its due time, so up to one tick
 * late, on top of the wake-up's own latency. Workers pace to absolute deadlines and books that
 * use them ({@link Pacer}, {@link Taker}), so rates and service times stay exact; the lateness
 * is real and shows in the wake-up latency figures. Waits that end within one tick are let go
 * together, so the engine uses it only where that grain is too fine to matter: in runs with
 * {@link #MANY_WORKERS} or more virtual workers whose every stage serves an item in
 * {@link #SERVICE_TICKS} ticks or more on average, and for waits of at least {@link #MIN_NANOS}.
 * Shorter waits, faster services and smaller runs keep the JDK's precise timed park.
 *
 * <p>Like any park, {@link #park} may return early (a spurious wake-up, an unpark from elsewhere,
 * an interrupt); callers re-check their deadline and their run's state, as they do after
 * {@code parkNanos}. A thread that returned early may later receive the tick's unpark: a
 * spurious wake-up that every park in the JDK already tolerates.
 */
final class WakeTimer {

    /** The timer's resolution: a wait ends at most this long after it was due. */
    static final long TICK_NANOS = 250_000L;
    /** Waits shorter than this keep the precise timed park: ticks would add too much to them. */
    static final long MIN_NANOS = 2 * TICK_NANOS;
    /**
     * The timer serves a run only while each stage's mean service time is at least this many
     * ticks: the ticks bunch waits that end within one tick, which a queue served in less time
     * than that would feel as bursts.
     */
    static final int SERVICE_TICKS = 10;
    /** A run with this many virtual workers or more paces its waits on the timer. */
    static final int MANY_WORKERS = 1_000;
    /**
     * {@code -Dbackflow.wakeTimer=false} keeps every wait on the JDK's timed park, to measure the
     * difference ({@code EngineBench cpu}); on otherwise.
     */
    static final boolean ENABLED = !"false".equals(System.getProperty("backflow.wakeTimer"));
    /** Slots of the wheel: one turn is SLOTS ticks (about a second); later waits go round again. */
    private static final int SLOTS = 4096;
    /**
     * The longest a single park lasts (a longer wait returns then, and its caller parks again):
     * no deadline overflows, and a stopped run's entries hold its threads no longer than this.
     */
    static final long MAX_NANOS = 10_000_000_000L;

    private record Sleeper(Thread thread, long due) {
    }

    private static final class Shared {
        static final WakeTimer TIMER = new WakeTimer(TICK_NANOS, "backflow-wake-timer");
    }

    /** The one timer every run shares, its thread started on first use. */
    static WakeTimer shared() {
        return Shared.TIMER;
    }

    private final long tick;
    private final ConcurrentLinkedQueue<Sleeper>[] slots;
    /** The last tick whose slot the timer has begun to empty. */
    private volatile long reached;
    /** Sleepers in the slots; the timer thread parks without a deadline while there are none. */
    private final AtomicInteger sleepers = new AtomicInteger();
    /** Threads unparked by ticks so far (for tests and the bench). */
    private final AtomicLong woken = new AtomicLong();
    private final Thread thread;

    /** Lets a sleeper go ({@code LockSupport::unpark} but in stress tests, which record it). */
    private final Consumer<Thread> unparker;

    /** A timer with its own thread, named {@code name}, ticking every {@code tickNanos}. */
    WakeTimer(long tickNanos, String name) {
        this(tickNanos, SLOTS, Objects.requireNonNull(name), LockSupport::unpark);
    }

    /**
     * With {@code name} null, a timer without a thread, at tick 0, whose ticks its caller runs
     * ({@link #wake(long)}): for stress tests of the race between a sleeper and its tick, which
     * need few {@code slots} (one turn of the wheel is that many ticks).
     */
    @SuppressWarnings("unchecked")
    WakeTimer(long tickNanos, int slots, String name, Consumer<Thread> unparker) {
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tick must be positive; got " + tickNanos);
        }
        this.tick = tickNanos;
        this.unparker = unparker;
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive; got " + slots);
        }
        this.slots = new ConcurrentLinkedQueue[slots];
        for (int i = 0; i < slots; i++) {
            this.slots[i] = new ConcurrentLinkedQueue<>();
        }
        this.reached = name == null ? 0 : Math.floorDiv(System.nanoTime(), tick);
        this.thread = name == null ? null : Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /**
     * Parks the current thread for about {@code nanos} (at most {@link #MAX_NANOS}): until the
     * first tick at or after it is due, an unpark or interrupt, or spuriously. {@code blocker}
     * is shown as for any park.
     */
    void park(Object blocker, long nanos) {
        if (nanos <= 0) {
            return;
        }
        if (enlist(Thread.currentThread(), System.nanoTime() + Math.min(nanos, MAX_NANOS))) {
            LockSupport.park(blocker);
        }
    }

    /**
     * Puts {@code sleeper} on the wheel, to be let go at the first tick at or after {@code due};
     * false if the timer reached that tick as it arrived (and so may have missed it), when the
     * sleeper must not park. The entry then leaves the wheel a turn later. Any thread.
     */
    boolean enlist(Thread sleeper, long due) {
        long at = Math.floorDiv(due, tick) + (Math.floorMod(due, tick) == 0 ? 0 : 1);
        slots[(int) Math.floorMod(at, (long) slots.length)].add(new Sleeper(sleeper, due));
        if (sleepers.getAndIncrement() == 0 && thread != null) {
            LockSupport.unpark(thread); // it may be parked with nobody to wake
        }
        // The slot was written before `reached` is read, and the timer writes `reached` before it
        // empties the slot: if this read misses the tick, the tick sees the entry.
        return reached < at;
    }

    /** How many threads the ticks have unparked so far. */
    long woken() {
        return woken.get();
    }

    /** The timer thread (for tests: it must be a daemon that never stops a JVM from exiting). */
    Thread thread() {
        return thread;
    }

    private void loop() {
        long done = reached;
        List<Sleeper> due = new ArrayList<>();
        List<Sleeper> later = new ArrayList<>();
        while (true) {
            try {
                done = turn(done, due, later);
            } catch (Throwable e) {
                // Never let the timer die: every paced worker of a large run would sleep forever
                // (an OutOfMemoryError growing a list, say). Whoever it held is let go now (an
                // early wake-up: each re-checks its deadline and parks again); then on it goes.
                int held = due.size() + later.size();
                due.forEach(sleeper -> unparker.accept(sleeper.thread()));
                later.forEach(sleeper -> unparker.accept(sleeper.thread()));
                sleepers.addAndGet(-held);
                due.clear();
                later.clear();
                System.getLogger(WakeTimer.class.getName()).log(System.Logger.Level.ERROR, "wake timer tick failed", e);
                LockSupport.parkNanos(this, tick);
            }
        }
    }

    /** Waits for the next tick (or for a sleeper), then wakes what is due; returns the last tick done. */
    private long turn(long done, List<Sleeper> due, List<Sleeper> later) {
        if (sleepers.get() == 0) {
            LockSupport.park(this);
        }
        long now = System.nanoTime();
        long current = Math.floorDiv(now, tick);
        // After a long idle spell one turn of the wheel visits every slot.
        long from = Math.max(done + 1, current - slots.length + 1);
        for (long t = from; t <= current; t++) {
            wake(t, due, later);
        }
        if (sleepers.get() > 0) {
            LockSupport.parkNanos(this, (current + 1) * tick - System.nanoTime());
        }
        return Math.max(done, current);
    }

    /** Runs tick {@code t}: lets go of every sleeper due by then; returns how many. Timer thread (or a stress test). */
    int wake(long t) {
        return wake(t, new ArrayList<>(), new ArrayList<>());
    }

    private int wake(long t, List<Sleeper> due, List<Sleeper> later) {
        reached = t;
        ConcurrentLinkedQueue<Sleeper> slot = slots[(int) Math.floorMod(t, (long) slots.length)];
        long edge = t * tick;
        for (Sleeper s; (s = slot.poll()) != null; ) {
            (s.due() <= edge ? due : later).add(s); // else due on a later turn of the wheel
        }
        if (!later.isEmpty()) {
            slot.addAll(later);
            later.clear();
        }
        int n = due.size();
        if (n > 0) {
            // Counted before they run, so a woken thread never sees itself uncounted.
            sleepers.addAndGet(-n);
            woken.addAndGet(n);
            for (Sleeper s : due) {
                unparker.accept(s.thread());
            }
            due.clear();
        }
        return n;
    }
}
