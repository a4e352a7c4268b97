package dev.backflow.ui.common;

import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one thread that moves telemetry towards the screen: at a fixed frame rate it samples the
 * engine, hands the frame to the chart (which chartfx redraws on its next pulse) and publishes
 * the latest {@link Snapshot} for the FX thread to read. The FX thread therefore never drains
 * events, and workers never touch the UI.
 *
 * <p>Frames are paced to absolute deadlines; if one frame takes too long the next starts at
 * once rather than piling up.
 */
public final class TelemetryPump implements AutoCloseable {

    /** How often telemetry is sampled and the charts extended, per second. */
    public static final int FRAMES_PER_SECOND = 60;
    /**
     * Window over which rates are measured. A counting rate has a quantisation error of one event
     * per window: over 1 s a 2 items/s consumer reads 2 or 3/s; over 3 s it reads 2.0 to 2.3/s.
     */
    public static final long RATE_WINDOW_NANOS = 3_000_000_000L;


    private final Sampler sampler;
    private final Consumer<Sampler.Frame> chart;
    private final long periodNanos;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private long failures;   // pump thread only

    /**
     * Starts pumping at once.
     *
     * @param sampler         what to sample
     * @param chart           receives every frame, on the pump thread
     * @param framesPerSecond how often to sample
     */
    public TelemetryPump(Sampler sampler, Consumer<Sampler.Frame> chart, int framesPerSecond) {
        this.sampler = Objects.requireNonNull(sampler);
        this.chart = Objects.requireNonNull(chart);
        this.periodNanos = 1_000_000_000L / framesPerSecond;
        this.thread = Thread.ofPlatform().daemon().name("backflow-telemetry-pump").start(this::loop);
    }

    /** The newest snapshot, or null before the first frame. Any thread. */
    public Snapshot latest() {
        return latest.get();
    }

    /** Samples one frame and hands it on. Pump thread only. */
    private void pumpOnce() {
        Sampler.Frame f = sampler.sample();
        chart.accept(f);
        latest.set(f.snapshot());
    }

    /**
     * The newest failure of a frame not yet taken, as one line for a person, or null; taking it
     * clears it. Any thread (the window polls it once per frame).
     */
    public String takeProblem() {
        return problem.getAndSet(null);
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            try {
                pumpOnce();
            } catch (Throwable e) {
                // Never let one bad frame kill the pump, not even an Error (an OutOfMemoryError
                // in a listener, a failed assertion): a dead pump would freeze the window on a
                // stale frame with nothing said. Report it, show it, carry on.
                failures++;
                if (Long.bitCount(failures) == 1) { // 1st, 2nd, 4th, 8th...: the log stays readable
                    System.getLogger(TelemetryPump.class.getName())
                            .log(System.Logger.Level.WARNING, "telemetry frame failed (" + failures + " so far)", e);
                }
                problem.set("Telemetry frame failed (" + failures + (failures == 1 ? " time" : " times")
                        + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + ". The chart may miss that frame; the counters stay true.");
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (next < now) {
                next = now;
            } else {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }

    /** Stops the pump thread and waits for it. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
    }
}
