package dev.backflow.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stage of a run: its workers (threads created by the run, started by its launcher), what
 * they do (the stage's loop), and the counters the books read. A pipeline is
 * {@code source → link → [stage → link]* → sink}; every stage but the source takes from the link
 * before it ({@link Taker}), every stage but the sink sends into the link after it.
 *
 * <p>Stages are numbered as in {@link dev.backflow.telemetry.StageCounts}: 0 the source, then the
 * middle stages, the sink last.
 */
abstract sealed class Stage permits SourceStage, MiddleStage, SinkStage {

    final Run run;
    /** Its place: 0 the source, the sink last. */
    final int index;
    final String name;
    /** Its workers (a decoupled middle stage's writer too); grows when a middle stage gains workers live. */
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Workers still running. */
    final AtomicInteger left;

    Stage(Run run, int index, String name, int workers) {
        this.run = run;
        this.index = index;
        this.name = name;
        this.left = new AtomicInteger(workers);
    }

    /**
     * A worker of this stage, created, not started: its body runs with its number bound and
     * guarded by the run. Not yet one of {@link #threads}: a constructor adds its workers in one
     * step ({@link #hire}), so 10,000 of them cost one copy of the list, not 10,000.
     */
    final Thread worker(String threadName, int number, boolean takes, Runnable body) {
        Runnable bound = takes
                ? () -> ScopedValue.where(Run.WORKER_ID, number).where(Taker.TIMELINE, Taker.timeline()).run(body)
                : () -> ScopedValue.where(Run.WORKER_ID, number).run(body);
        return run.builder.name(threadName).unstarted(run.guarded(bound));
    }

    /** Makes {@code workers} this stage's, in one step. */
    final void hire(java.util.List<Thread> workers) {
        threads.addAll(workers);
    }

    /** Total time its workers have been running, up to {@code until} (engine clock), ns. */
    abstract long workerNanos(long until);
}
