package dev.backflow.engine;

import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stage between two links ({@link Hop} is its setting). A <b>coupled</b> stage's workers take
 * an item, serve it, and send it on under the output link's policy, holding it while the send is
 * blocked: backpressure travels upstream. A <b>decoupled</b> stage's workers hand served items to
 * the stage's own unbounded buffer, and one writer sends from it: a full output parks only the
 * writer. Its workers can grow and shrink live ({@link LiveSetting.StageWorkers}).
 */
final class MiddleStage extends Stage {

    /** Marks the end of a decoupled stage's input in its own buffer. */
    private static final Item END_OF_STREAM = new Item(-1, 0);

    /** Its place among the middle stages: 0 for the first ({@code index - 1}). */
    final int hop;
    final Link in;
    final Link out;
    final boolean coupled;
    /** Items its workers have finished serving. */
    final LongAdder served = new LongAdder();
    /** Items skipped because their caller's deadline had passed (a stage that checks deadlines). */
    final LongAdder expired = new LongAdder();
    /** A decoupled stage's own buffer between its workers and its writer; null if coupled. */
    final BlockingQueue<Item> buffer;
    private final SplittableRandom seeds;
    /** The number the next worker it gains will have. */
    private final AtomicInteger nextWorker;
    /** Worker time of workers that have ended, ns; workers running now, and the sum of their start times. */
    private final LongAdder endedNanos = new LongAdder();
    private final LongAdder alive = new LongAdder();
    private final LongAdder startSum = new LongAdder();

    MiddleStage(Run run, ExperimentConfig c, int hop, Link in, Link out, SplittableRandom seeds) {
        super(run, hop + 1, c.hops().get(hop).name(), c.hops().get(hop).workers());
        Hop setting = c.hops().get(hop);
        this.hop = hop;
        this.in = in;
        this.out = out;
        this.coupled = setting.coupled();
        this.seeds = seeds;
        this.buffer = coupled ? null : new LinkedBlockingQueue<>();
        java.util.List<Thread> hired = new java.util.ArrayList<>(setting.workers() + 1);
        for (int i = 1; i <= setting.workers(); i++) {
            hired.add(newWorker(i));
        }
        this.nextWorker = new AtomicInteger(setting.workers() + 1);
        if (!coupled) {
            hired.add(worker("stage-" + index + "-writer", 1, false, this::write));
        }
        hire(hired);
    }

    private Thread newWorker(int number) {
        SplittableRandom random = seeds.split();
        return worker("stage-" + index + "-" + number, number, true, () -> serve(number, random));
    }

    /** Its setting now (live service time and workers), or as started if the pipeline's shape changed. */
    private Hop now() {
        java.util.List<Hop> hops = run.live().hops();
        return hops.size() == run.started.hops().size() ? hops.get(hop) : run.started.hops().get(hop);
    }

    private void serve(int worker, SplittableRandom random) {
        long born = run.clock.nanoTime();
        startSum.add(born);
        alive.increment();
        boolean[] retired = {false};
        try {
            java.util.concurrent.atomic.LongAdder checks = run.callers != null && run.started.hops().get(hop).checksDeadlines()
                    ? expired : null;
            Taker.serve(run, in, random, run.started.hops().get(hop).service(), () -> now().serviceNanos(), null, checks, item -> {
                served.increment();
                if (buffer != null) {
                    buffer.add(item); // decoupled: the writer sends it; this worker reads on
                    run.checkMemory();
                    return !(retired[0] = retire());
                }
                if (!sendOn(worker, item)) {
                    return false;
                }
                return !(retired[0] = retire());
            });
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a worker parked on an empty input or a full output.
        } finally {
            long died = run.clock.nanoTime();
            alive.decrement();
            startSum.add(-born);
            endedNanos.add(died - born);
            if (!retired[0]) {
                workerEnded();
            }
        }
    }

    /** Sends a served item into the output link; false if its receiver is gone (this stage stops). */
    private boolean sendOn(int worker, Item item) throws InterruptedException {
        try {
            run.send(out, run.livePolicy(out.index), worker, item);
            return true;
        } catch (QueueClosedException receiverGone) {
            receiverDropped();
            return false;
        }
    }

    /**
     * A decoupled stage's writer: sends what the workers put in the stage's buffer into the
     * output link; it alone parks when that link is full, while the workers read on.
     */
    private void write() {
        try {
            while (!run.stopping) {
                if (run.paused && !run.awaitRunning()) {
                    return;
                }
                Item item = buffer.take();
                if (item == END_OF_STREAM) {
                    out.queue.finishSending();
                    return;
                }
                if (!sendOn(1, item)) {
                    return;
                }
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts a writer waiting for items or parked on a full link.
        }
    }

    /**
     * Whether a worker should leave because the stage has more than it is configured for now; if
     * so it is already counted out (the last worker never leaves this way, so end of stream is
     * unaffected).
     */
    private boolean retire() {
        int target = now().workers();
        while (true) {
            int n = left.get();
            if (n <= Math.max(1, target)) {
                return false;
            }
            if (left.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    /**
     * Starts the workers the stage is short of, from the launcher's thread (so a live change
     * never waits for thread starts). An ended stage stays ended.
     */
    void grow() {
        int target = now().workers();
        while (!run.stopping) {
            int n = left.get();
            if (n == 0 || n >= target) {
                return;
            }
            if (left.compareAndSet(n, n + 1)) {
                Thread t = newWorker(nextWorker.getAndIncrement());
                hire(java.util.List.of(t));
                run.launch(t);
            }
        }
    }

    /** A worker ended; the last one closes the stage's output (end of stream). */
    private void workerEnded() {
        if (left.decrementAndGet() == 0 && !run.stopping) {
            if (buffer == null) {
                out.queue.finishSending();
            } else {
                buffer.add(END_OF_STREAM); // the writer drains the stage, then closes
            }
        }
    }

    /**
     * The stage after this one is gone: this stage's input is closed in turn, so the stage
     * upstream sees "receiver dropped" at its next send, and this stage's workers stop.
     */
    private void receiverDropped() {
        in.queue.dropReceiver();
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    /** What its own buffer holds (decoupled), counted against the memory budget. */
    int buffered() {
        return buffer == null ? 0 : buffer.size();
    }

    @Override
    long workerNanos(long until) {
        return endedNanos.sum() + alive.sum() * until - startSum.sum();
    }
}
