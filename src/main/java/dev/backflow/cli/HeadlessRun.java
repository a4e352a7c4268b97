package dev.backflow.cli;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.CsvRows;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.TelemetryEvent;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one experiment without any UI: samples the engine every 100 ms, writes the optional time
 * series and event log as it goes, and returns the summary when the run ends (by itself, or by
 * {@link #requestStop()}, e.g. on Ctrl+C).
 */
final class HeadlessRun {

    /** One row of the time series per this many nanoseconds. */
    static final long ROW_NANOS = 100_000_000L;

    private final Engine engine;
    private final Writer series;
    private final Writer events;
    /** Measured figures against theory, with intervals by batch means. */
    private final dev.backflow.theory.Fidelity fidelity = new dev.backflow.theory.Fidelity();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private long startNanos;
    private Counts previous;
    /** Per link: time-weighted fill (sum of fill × seconds), the last fill seen, and the waits. */
    private double[] fillArea = new double[0];
    private int[] lastFill = new int[0];
    private double fillSeconds;
    private long lastAt;
    private org.HdrHistogram.Histogram[] linkWaits = new org.HdrHistogram.Histogram[0];

    /**
     * @param series time-series CSV sink, or null
     * @param events event-log CSV sink, or null
     */
    HeadlessRun(ExperimentConfig config, Writer series, Writer events) {
        this.engine = new Engine(config);
        this.series = series;
        this.events = events;
    }

    /** Asks the run to stop; it then finishes its summary. Safe from any thread (a shutdown hook). */
    void requestStop() {
        stopRequested = true;
        engine.stop();
    }

    /** Waits until {@link #run()} has returned. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    RunSummary run() throws IOException, InterruptedException {
        try {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 10);
            if (series != null) {
                series.write(CsvRows.SERIES_HEADER + "\n");
            }
            if (events != null) {
                events.write(CsvRows.EVENTS_HEADER + "\n");
            }
            engine.start();
            long next = System.nanoTime();
            Snapshot last;
            while (true) {
                next += ROW_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                last = write(sampler.sample());
                if (engine.state() != Engine.State.RUNNING && engine.state() != Engine.State.PAUSED) {
                    break;
                }
            }
            engine.awaitTermination(Duration.ofSeconds(30));
            last = write(sampler.sample()); // whatever happened while the workers wound down
            RunOutcome outcome = engine.outcome() == null ? RunOutcome.STOPPED : engine.outcome();
            String reason = stopRequested ? "stopped by request" : engine.outcomeReason();
            List<RunSummary.LinkSummary> links = linkSummaries(engine.runConfig(), last);
            return RunSummary.of(engine.runConfig(), last, outcome, reason, engine.perProducer(), engine.workerStartMillis(),
                    links, RunSummary.stages(last)).withTheory(engine.runConfig(), last, fidelity.report());
        } finally {
            engine.close();
            done.countDown();
        }
    }

    private Snapshot write(Sampler.Frame frame) throws IOException {
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        fidelity.add(engine.runConfig(), s);
        if (frame.newRun()) {
            startNanos = c.startNanos();
            previous = null;
            int n = c.links().size();
            fillArea = new double[n];
            lastFill = new int[n];
            fillSeconds = 0;
            lastAt = c.startNanos();
            linkWaits = new org.HdrHistogram.Histogram[n];
            for (int l = 0; l < n; l++) {
                linkWaits[l] = new org.HdrHistogram.Histogram(3);
            }
        }
        if (c.runId() != 0 && c.links().size() == fillArea.length) {
            double dt = Math.max(0, (c.atNanos() - lastAt) / 1e9);
            for (int l = 0; l < fillArea.length; l++) {
                fillArea[l] += lastFill[l] * dt;
                lastFill[l] = c.links().get(l).fill();
                engine.drainLinkQueueWait(l, linkWaits[l]);
            }
            fillSeconds += dt;
            lastAt = c.atNanos();
        }
        if (events != null) {
            List<String> stageNames = c.stageNames();
            for (TelemetryEvent e : frame.events()) {
                events.write(CsvRows.event(e, startNanos, stageNames));
                events.write('\n');
            }
        }
        if (series != null && c.runId() != 0) {
            double dt = previous == null ? s.elapsedSeconds() : (c.atNanos() - previous.atNanos()) / 1e9;
            series.write(CsvRows.series(s.elapsedSeconds(), c, previous, dt));
            series.write('\n');
            previous = c;
        }
        return s;
    }

    /** Each link's figures over the whole run, named after the stages on either side. */
    private List<RunSummary.LinkSummary> linkSummaries(ExperimentConfig c, Snapshot last) {
        List<String> names = last.counts().stageNames();
        List<RunSummary.LinkSummary> out = new java.util.ArrayList<>();
        List<dev.backflow.telemetry.LinkCounts> links = last.counts().links();
        for (int l = 0; l < links.size() && l < fillArea.length; l++) {
            double exact = links.get(l).fillItemSeconds();
            double meanFill = Double.isFinite(exact) && last.elapsedSeconds() > 0 ? exact / last.elapsedSeconds()
                    : fillSeconds > 0 ? fillArea[l] / fillSeconds : links.get(l).fill();
            out.add(RunSummary.LinkSummary.of(names.get(l) + " -> " + names.get(l + 1),
                    l == 0 ? c.policy() : c.hops().get(l - 1).policy(), links.get(l), meanFill, linkWaits[l]));
        }
        return out;
    }
}
