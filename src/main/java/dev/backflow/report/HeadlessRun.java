package dev.backflow.report;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.theory.Fidelity;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one experiment without any UI: samples the engine every 100 ms, hands each frame to an
 * optional listener (the command line writes its time series and event log from it), and
 * returns the summary, with theory beside it, when the run ends by itself or by
 * {@link #requestStop()} (Ctrl+C, a cancelled sweep). The same for {@code backflow run},
 * {@code compare} and every cell of a sweep.
 */
public final class HeadlessRun {

    /** One frame per this many nanoseconds. */
    public static final long FRAME_NANOS = 100_000_000L;

    private final Engine engine;
    private final Consumer<Sampler.Frame> frames;
    /** Measured figures against theory, with intervals by batch means. */
    private final Fidelity fidelity = new Fidelity();
    /** Each link's waits, for the summary. */
    private final RunReport report;
    private volatile boolean stopRequested;

    /** @param frames told each frame after it is recorded (on the running thread), or null */
    public HeadlessRun(ExperimentConfig config, Consumer<Sampler.Frame> frames) {
        this.engine = new Engine(config);
        this.report = new RunReport(engine);
        this.frames = frames;
    }

    /** Asks the run to stop; it then finishes its summary. Safe from any thread (a shutdown hook). */
    public void requestStop() {
        stopRequested = true;
        engine.stop();
    }

    /** True once {@link #requestStop()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Runs to the end and returns the summary; closes the engine. */
    public RunSummary run() throws InterruptedException {
        try {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 10);
            engine.start();
            if (stopRequested) {
                engine.stop(); // asked before the start: stop at once
            }
            long next = System.nanoTime();
            Snapshot last;
            while (true) {
                next += FRAME_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("headless run interrupted");
                }
                last = record(sampler.sample());
                if (engine.state() != Engine.State.RUNNING && engine.state() != Engine.State.PAUSED) {
                    break;
                }
            }
            engine.awaitTermination(Duration.ofSeconds(30));
            last = record(sampler.sample()); // whatever happened while the workers wound down
            RunOutcome outcome = engine.outcome() == null ? RunOutcome.STOPPED : engine.outcome();
            String reason = stopRequested ? "stopped by request" : engine.outcomeReason();
            return report.summary(engine.runConfig(), last, outcome, reason, fidelity.report());
        } finally {
            engine.close();
        }
    }

    private Snapshot record(Sampler.Frame frame) {
        Snapshot s = frame.snapshot();
        // What the run works under now: a scheduled change's start and its end each begin an
        // epoch, as in the window, so theory is never compared with settings not in force.
        fidelity.follow(engine.effectiveConfig(), s);
        report.add(s);
        if (frames != null) {
            frames.accept(frame);
        }
        return s;
    }
}
