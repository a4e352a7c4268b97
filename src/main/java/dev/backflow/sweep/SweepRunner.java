package dev.backflow.sweep;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.report.Comparison;
import dev.backflow.report.HeadlessRun;
import dev.backflow.report.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs a sweep's cells on the real engine, several at once: a cell's threads mostly sleep (they
 * wait for the next arrival or the end of a service), so a 2-core machine runs several cells
 * side by side without distorting them; a cell the machine did distort (its producers paced short
 * of the rate, or its consumers woke late) is marked with the reason, never silently kept.
 * Cancel at any moment: the running cells stop, and the cells already finished are the result.
 */
public final class SweepRunner {

    /** Told after each cell, on the thread that ran it (calls are serialized). */
    public interface Listener {
        /**
         * @param soFar       the sweep with every cell finished so far
         * @param cell        the cell just finished
         * @param secondsLeft the estimated wall time left
         */
        void cellDone(SweepResult soFar, Cell cell, double secondsLeft);
    }

    /** A cell whose consumers' wake-up p99 is above this, ms, is marked: the machine was late, not the queue. */
    public static final double LATE_WAKE_MILLIS = 20;
    /** A cell whose unhindered producers sent fewer than this share of their items (beyond chance) is marked. */
    public static final double PACING_SHARE = 0.95;

    private final Sweep sweep;
    private final int parallel;
    private final Set<HeadlessRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** @param parallel cells run at once, at least 1 */
    public SweepRunner(Sweep sweep, int parallel) {
        this.sweep = sweep;
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("a sweep runs 1 to 64 cells at once; got " + parallel);
        }
        this.parallel = parallel;
    }

    /**
     * Cells at once by default: twice the cores (at least 2), as each cell mostly sleeps; the
     * measurement behind it is in docs/BENCHMARKS.md.
     */
    public static int defaultParallel() {
        return Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    }

    /** Stops the running cells and runs no more; {@link #run} then returns what finished. Any thread. */
    public void cancel() {
        cancelled = true;
        running.forEach(HeadlessRun::requestStop);
    }

    /** True once cancelled. */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Runs every cell (or until cancelled) and returns the result. Cells the machine distorted
     * are run once more at the end, half as many at once, and the second run is kept: a slow
     * start (the JIT warming up) or a busy moment should not decide the answer.
     */
    public SweepResult run(Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        List<Cell> cells = new ArrayList<>(sweep.cells());
        Books books = new Books(cells, start, listener);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            all.add(i);
        }
        runCells(all, parallel, books);
        List<Integer> distorted = new ArrayList<>();
        synchronized (books) {
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).distortion() != null) {
                    distorted.add(i);
                }
            }
        }
        if (!cancelled && !distorted.isEmpty()) {
            runCells(distorted, Math.max(1, parallel / 2), books);
        }
        synchronized (books) {
            boolean complete = !cancelled && cells.stream().allMatch(Cell::done);
            return result(cells, complete, start);
        }
    }

    /** What the cells' threads share: the cells, how many finished and in how long. Guarded by itself. */
    private final class Books {
        final List<Cell> cells;
        final long start;
        final Listener listener;
        int finished;
        double cellWall;
        int toRun;

        Books(List<Cell> cells, long start, Listener listener) {
            this.cells = cells;
            this.start = start;
            this.listener = listener;
            this.toRun = cells.size();
        }
    }

    /** Runs the cells at {@code indices}, at most {@code at} at once, each result into the books. */
    private void runCells(List<Integer> indices, int at, Books books) {
        Semaphore slots = new Semaphore(at);
        synchronized (books) {
            books.toRun = indices.size();
        }
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("backflow-sweep-", 0).factory())) {
            for (int index : indices) {
                if (cancelled) {
                    break;
                }
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    cancel();
                    Thread.currentThread().interrupt();
                    break;
                }
                if (cancelled) {
                    slots.release();
                    break;
                }
                pool.submit(() -> {
                    try {
                        runCell(index, books, at);
                        return null;
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    private void runCell(int index, Books books, int at) throws InterruptedException {
        long t0 = System.nanoTime();
        Cell c;
        synchronized (books) {
            c = books.cells.get(index);
        }
        HeadlessRun run = new HeadlessRun(c.config(), null);
        running.add(run);
        RunSummary s;
        try {
            if (cancelled) {
                return;
            }
            s = run.run();
        } finally {
            running.remove(run);
        }
        if (run.stopRequested()) {
            return; // cancelled mid-cell: not a whole measurement, not kept
        }
        synchronized (books) {
            Cell done = c.withRun(s, distortion(c.config(), s));
            books.cells.set(index, done);
            books.finished++;
            books.toRun--;
            books.cellWall += (System.nanoTime() - t0) / 1e9;
            double perCell = books.cellWall / books.finished;
            double secondsLeft = Math.ceil((double) books.toRun / at) * perCell;
            if (books.listener != null) {
                books.listener.cellDone(result(books.cells, false, books.start), done, secondsLeft);
            }
        }
    }

    private SweepResult result(List<Cell> cells, boolean complete, long start) {
        return new SweepResult(sweep, cells, complete, parallel, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Why the machine distorted {@code s}'s measurement, or null: producers that were never held
     * back yet sent clearly fewer items than the rate asks (the machine could not keep pace), or
     * consumers whose wake-ups were late by more than {@link #LATE_WAKE_MILLIS} at p99.
     */
    static String distortion(ExperimentConfig c, RunSummary s) {
        List<String> why = new ArrayList<>();
        boolean openLoop = !c.callers().closedLoop() && !(c.arrivals() instanceof Distribution.Bursty);
        if (openLoop && Comparison.parkedShare(s) < 0.01 && c.durationSeconds() > 0) {
            double expected = c.producerRate() * c.durationSeconds();
            if (expected >= 20 && s.offered() < PACING_SHARE * expected - 3 * Math.sqrt(expected)) {
                why.add(String.format(Locale.ROOT, "producers sent %,d of the %,.0f items the rate asks", s.offered(), expected));
            }
        }
        Double wake = s.wakeLatencyMillis() == null ? null : s.wakeLatencyMillis().get("p99");
        if (wake != null && wake > LATE_WAKE_MILLIS) {
            why.add(String.format(Locale.ROOT, "consumers woke %.1f ms late at p99", wake));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
