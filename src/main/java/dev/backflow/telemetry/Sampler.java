package dev.backflow.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link TelemetrySource} into one {@link Frame} per call: the counters, the figures
 * derived from them and the events since the previous frame. Call from one thread (the pump).
 */
public final class Sampler {

    /** How many events one frame takes at most; the rest wait in the source for later frames. */
    public static final int MAX_EVENTS_PER_FRAME = 20_000;

    private final TelemetrySource source;
    private final RateMeter produced;
    private final RateMeter consumed;
    private final RateMeter unparks;
    private final RateMeter parkedNanos;
    private long runId = -1;
    private long lastAt;
    private double fillArea;      // sum of fill * seconds
    private double fillSeconds;
    private int lastFill;
    private long lastParkedNanos;

    /**
     * @param source        what to sample
     * @param windowNanos   the window over which rates are measured
     * @param framesPerWindow how many frames fit in one window (sizes the rate rings)
     */
    public Sampler(TelemetrySource source, long windowNanos, int framesPerWindow) {
        this.source = Objects.requireNonNull(source);
        int ring = Math.max(4, framesPerWindow * 2);
        produced = new RateMeter(windowNanos, ring);
        consumed = new RateMeter(windowNanos, ring);
        unparks = new RateMeter(windowNanos, ring);
        parkedNanos = new RateMeter(windowNanos, ring);
    }

    /**
     * One frame's worth of telemetry.
     *
     * @param snapshot           counters and derived figures
     * @param events             events since the previous frame (at most {@link #MAX_EVENTS_PER_FRAME})
     * @param newRun             true for the first frame of a run (the chart starts afresh)
     * @param parkedInFrame      mean number of producers parked since the previous frame
     */
    public record Frame(Snapshot snapshot, List<TelemetryEvent> events, boolean newRun, double parkedInFrame) {
    }

    /** Reads the source and derives one frame. */
    public Frame sample() {
        List<TelemetryEvent> events = new ArrayList<>();
        source.drainEvents(events::add, MAX_EVENTS_PER_FRAME);
        Counts c = source.counts();
        boolean newRun = c.runId() != runId;
        long previousParked = newRun ? 0 : lastParkedNanos;
        long previousAt = newRun ? c.startNanos() : lastAt;
        if (newRun) {
            runId = c.runId();
            produced.clear();
            consumed.clear();
            unparks.clear();
            parkedNanos.clear();
            fillArea = 0;
            fillSeconds = 0;
            lastFill = 0;
            produced.add(c.startNanos(), 0);
            consumed.add(c.startNanos(), 0);
            unparks.add(c.startNanos(), 0);
            parkedNanos.add(c.startNanos(), 0);
        }
        double dt = Math.max(0, (c.atNanos() - previousAt) / 1e9);
        fillArea += lastFill * dt;
        fillSeconds += dt;
        lastFill = c.fill();
        lastAt = c.atNanos();

        long unparked = c.producerParks() - c.producersParked();
        produced.add(c.atNanos(), c.produced());
        consumed.add(c.atNanos(), c.consumed());
        unparks.add(c.atNanos(), unparked);
        parkedNanos.add(c.atNanos(), c.producerParkedNanos());
        lastParkedNanos = c.producerParkedNanos();

        double elapsed = Math.max(0, (c.atNanos() - c.startNanos()) / 1e9);
        int producers = Math.max(1, c.producers());
        double share = elapsed > 0 ? clamp01(c.producerParkedNanos() / 1e9 / elapsed / producers) : 0;
        double recent = clamp01(parkedNanos.rate() / 1e9 / producers);
        double parkedInFrame = dt > 0 ? Math.max(0, (c.producerParkedNanos() - previousParked) / 1e9 / dt) : 0;
        double meanFill = fillSeconds > 0 ? fillArea / fillSeconds : c.fill();
        Snapshot s = c.runId() == 0
                ? Snapshot.empty(c)
                : new Snapshot(c, elapsed, produced.rate(), consumed.rate(), unparks.rate(), share, recent, meanFill);
        return new Frame(s, List.copyOf(events), newRun, parkedInFrame);
    }

    private static double clamp01(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
