package dev.backflow.engine;

import dev.backflow.telemetry.CallerCounts;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * A run's callers ({@link Callers}): each request the source makes gets a virtual thread that
 * sends its item, waits for its fate ({@link Attempt}), and on a failure asks resilience4j's
 * {@link Retry} (its {@code AsyncContext}: the library decides whether another attempt is due and
 * how long to wait, the caller waits on the engine's clock, so slow motion and test clocks apply)
 * and then the retry budget, if any. The books here count attempts and requests; the items'
 * own books ({@link Books}) count the same items as every other run does.
 */
final class CallerPool {

    /** What a failed attempt tells resilience4j: one shared instance, no stack trace. */
    private static final Exception FAILED = new Exception("attempt failed", null, false, false) {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
    };

    private final Run run;
    final Callers settings;
    private final Retry retry;
    private final RetryBudget.Bucket bucket;
    private final long deadlineNanos;
    /** Live callers, so the launcher can stop them and {@link Run#join} wait for them. */
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Callers started and not yet done (a finite run's source ends when its producers and these are). */
    private final AtomicInteger working = new AtomicInteger();
    private volatile boolean producersDone;
    private final java.util.concurrent.atomic.AtomicBoolean sourceEnded = new java.util.concurrent.atomic.AtomicBoolean();

    final LongAdder requests = new LongAdder();
    /** Each request's first attempt (with {@link #retries}, every attempt: two counters, so each read is consistent). */
    final LongAdder firstAttempts = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder good = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    private final AtomicInteger mostAttempts = new AtomicInteger();
    /** First attempt to success, including parks, queueing, service and backoff: each succeeded request. */
    final Intervals endToEnd = new Intervals();

    CallerPool(Run run, Callers settings) {
        this.run = run;
        this.settings = settings;
        this.deadlineNanos = settings.deadlineNanos();
        this.retry = Retry.of("backflow-run-" + run.id, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(settings.backoff().intervalFunction())
                .retryOnException(e -> true)
                .build());
        this.bucket = settings.budget() == null ? null : new RetryBudget.Bucket(settings.budget());
    }

    /** The library's own view of the callers (its metrics), for tests and the curious. */
    Retry retry() {
        return retry;
    }

    /**
     * Starts a caller for a new request of producer {@code worker}, drawing its backoff jitter
     * from {@code random}. The producer's thread; never blocks.
     */
    void call(int worker, RandomGenerator random) {
        Backoff.Draws draws = new Backoff.Draws(random);
        Thread t = Thread.ofVirtual().name("caller-" + worker).unstarted(run.guarded(() -> ScopedValue
                .where(Run.WORKER_ID, worker).where(Backoff.CALLER, draws).run(() -> serve(worker))));
        threads.add(t);
        if (run.stopping) {
            threads.remove(t);
            return;
        }
        requests.increment();
        working.incrementAndGet();
        t.start();
    }

    /**
     * The source's last producer ended: the source ends once its last caller has too (a caller
     * may still retry into the first link). Producer's thread.
     */
    void producersDone() {
        producersDone = true;
        endSourceIfDone();
    }

    private void endSourceIfDone() {
        if (producersDone && working.get() == 0 && sourceEnded.compareAndSet(false, true)) {
            run.sourceEnded();
        }
    }

    private void serve(int worker) {
        NanoClock clock = run.clock;
        Retry.AsyncContext<Void> context = retry.asyncContext();
        long first = clock.nanoTime();
        Thread me = Thread.currentThread();
        int n = 0;
        try {
            while (!run.stopping) {
                if (run.paused && !run.awaitRunning()) {
                    return;
                }
                n++;
                (n == 1 ? firstAttempts : retries).increment();
                mostAttempts.accumulateAndGet(n, Math::max);
                long now = clock.nanoTime();
                Attempt a = new Attempt(me, n, deadlineNanos > 0 ? now + deadlineNanos : Long.MAX_VALUE);
                Item item = new Item(run.source.sequence.getAndIncrement(), worker, a);
                run.send(run.links[0], run.live().policy(), worker, item);
                int fate = await(a);
                if (fate < 0) {
                    return; // the run is over
                }
                if (fate == Attempt.GOOD) {
                    context.onComplete();
                    if (bucket != null) {
                        bucket.success();
                    }
                    succeeded.increment();
                    endToEnd.record(clock.nanoTime() - first);
                    return;
                }
                boolean budgetAllows = bucket == null || bucket.failureMayRetry();
                long waitMillis = context.onError(FAILED); // resilience4j: -1 once the attempts are used up
                if (waitMillis < 0) {
                    failed.increment();
                    return;
                }
                if (!budgetAllows) {
                    bucket.denied();
                    failed.increment();
                    return;
                }
                if (!backOff(waitMillis * 1_000_000L)) {
                    return;
                }
            }
        } catch (InterruptedException stopped) {
            // Stop interrupts a caller parked in a send.
        } catch (QueueClosedException receiverGone) {
            // the run is ending
        } finally {
            threads.remove(me);
            working.decrementAndGet();
            endSourceIfDone();
        }
    }

    /**
     * Waits for attempt {@code a}'s fate: settled by a stage or link, or {@link Attempt#ABANDONED}
     * once its deadline passes. A pause moves the deadline on by its length. -1 if the run ended.
     */
    private int await(Attempt a) {
        NanoClock clock = run.clock;
        while (true) {
            int f = a.fate();
            if (f != Attempt.IN_FLIGHT) {
                return f;
            }
            if (run.stopping || Thread.currentThread().isInterrupted()) {
                return -1;
            }
            long now = clock.nanoTime();
            if (run.paused) {
                if (!run.awaitRunning()) {
                    return -1;
                }
                if (a.deadlineNanos != Long.MAX_VALUE) {
                    a.deadlineNanos += clock.nanoTime() - now;
                }
                continue;
            }
            long deadline = a.deadlineNanos;
            if (now >= deadline) {
                if (a.settle(Attempt.IN_FLIGHT, Attempt.ABANDONED)) {
                    return Attempt.ABANDONED;
                }
                continue; // settled meanwhile
            }
            if (deadline == Long.MAX_VALUE) {
                LockSupport.park(a);
            } else {
                LockSupport.parkNanos(a, clock.realNanos(deadline - now));
            }
        }
    }

    /** Waits {@code nanos} of engine time before a retry; false if the run ended meanwhile. */
    private boolean backOff(long nanos) {
        NanoClock clock = run.clock;
        long due = clock.nanoTime() + nanos;
        while (!run.stopping && !Thread.currentThread().isInterrupted()) {
            long now = clock.nanoTime();
            if (run.paused) {
                if (!run.awaitRunning()) {
                    return false;
                }
                due += clock.nanoTime() - now;
                continue;
            }
            if (now >= due) {
                return true;
            }
            LockSupport.parkNanos(this, clock.realNanos(due - now));
        }
        return false;
    }

    // ------------------------------------------------------------ fates, settled where they are learnt

    /** The sink finished {@code item} at {@code now}: good if its caller still waits, else late. */
    void served(Item item, long now) {
        Attempt a = item.attempt();
        if (a == null) {
            return;
        }
        if (!a.expiredAt(now) && a.settle(Attempt.IN_FLIGHT, Attempt.GOOD)) {
            good.increment();
            LockSupport.unpark(a.caller);
        } else if (a.settle(Attempt.IN_FLIGHT, Attempt.LATE) || a.settle(Attempt.ABANDONED, Attempt.LATE)) {
            late.increment();
            LockSupport.unpark(a.caller);
        }
    }

    /** A link turned {@code item} away (rejected, timed out, dropped, evicted). */
    void refused(Item item) {
        settle(item, Attempt.REFUSED, refused);
    }

    /** {@code item}'s deadline passed before anyone served it: at the door, or at a stage that checks. */
    void expired(Item item) {
        settle(item, Attempt.EXPIRED, expired);
    }

    private static void settle(Item item, int fate, LongAdder count) {
        Attempt a = item.attempt();
        if (a == null) {
            return;
        }
        if (a.settle(Attempt.IN_FLIGHT, fate) || a.settle(Attempt.ABANDONED, fate)) {
            count.increment();
            LockSupport.unpark(a.caller);
        }
    }

    /** The callers' books now, read in an order that never shows more ended than started. */
    CallerCounts counts() {
        // Ends before starts: an attempt that ends meanwhile was already started.
        long g = good.sum();
        long l = late.sum();
        long r = refused.sum();
        long e = expired.sum();
        long ok = succeeded.sum();
        long no = failed.sum();
        long tries = retries.sum();
        long firsts = firstAttempts.sum(); // before the requests: each request is counted before its first attempt
        long asked = requests.sum();
        return new CallerCounts(asked, firsts + tries, tries, g, l, r, e, ok, no,
                bucket == null ? 0 : bucket.deniedCount(), bucket == null ? Double.NaN : bucket.tokensMin(),
                mostAttempts.get());
    }
}
