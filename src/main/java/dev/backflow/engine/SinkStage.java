package dev.backflow.engine;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/** The last stage: consumers that take from the last link and serve each item. */
final class SinkStage extends Stage {

    final int consumers;
    final Link in;
    final LongAdder consumed = new LongAdder();
    /** Items skipped because their caller's deadline had passed (a sink that checks deadlines). */
    final LongAdder expired = new LongAdder();
    /** The achieved service times (start to deadline), ns. */
    final Intervals service = new Intervals();

    SinkStage(Run run, ExperimentConfig c, Link in, SplittableRandom seeds) {
        super(run, c.hops().size() + 1, c.sinkName(), c.consumers());
        this.consumers = c.consumers();
        this.in = in;
        java.util.List<Thread> hired = new java.util.ArrayList<>(consumers);
        for (int i = 1; i <= consumers; i++) {
            SplittableRandom random = seeds.split();
            hired.add(worker("consumer-" + i, i, true, () -> consume(random)));
        }
        hire(hired);
    }

    private void consume(SplittableRandom random) {
        try {
            CallerPool callers = run.callers;
            LongAdder checks = callers != null && callers.settings.checkDeadlines() ? expired : null;
            Taker.serve(run, in, random, run.started.service(), () -> run.live().consumerDelayNanos(), service, checks, item -> {
                if (callers != null) {
                    callers.served(item, Taker.TIMELINE.get()[Taker.PREVIOUS_DEADLINE]);
                }
                consumed.increment();
                return true;
            });
        } catch (InterruptedException stopRequested) {
            // Stop (or a dropped receiver) interrupts a consumer parked on an empty buffer.
        } finally {
            if (left.decrementAndGet() == 0) {
                run.sinkEnded();
            }
        }
    }

    @Override
    long workerNanos(long until) {
        return consumers * Math.max(0, until - run.startNanos);
    }
}
