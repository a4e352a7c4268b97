package dev.backflow.telemetry;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link TelemetrySource} into one {@link Frame} per call: the counters, the figures
 * derived from them and the events since the previous frame. Call from one thread (the pump, or
 * the headless runner).
 */
public final class Sampler {

    /** How many events one frame takes at most; the rest wait in the source for later frames. */
    public static final int MAX_EVENTS_PER_FRAME = 50_000;

    /**
     * How long an event is held back so that later-offered events stamped before it can be put
     * in front of it. Workers offer events a moment after they stamp them, so the source's
     * order can differ from the time order by about that moment; a frame releases, in time
     * order, only the events older than this (all of them once the run has ended).
     */
    public static final long REORDER_NANOS = 50_000_000L;

    private final TelemetrySource source;
    /** Drained events not yet released, in time order. */
    private final List<TelemetryEvent> held = new ArrayList<>();
    private final RateMeter produced;
    private final RateMeter consumed;
    private final RateMeter unparks;
    private final RateMeter parkedNanos;
    private final RateMeter rejected;
    private final RateMeter dropped;
    private final RateMeter timedOut;
    private final RateMeter memory;
    /** The short-window meters behind {@link Frame#producedNow()} and {@link Frame#consumedNow()}. */
    private final RateMeter producedNow;
    private final RateMeter consumedNow;
    /** The callers' requests, good attempts and retries (closed-loop runs). */
    private final RateMeter requests;
    private final RateMeter good;
    private final RateMeter retries;
    /** The window of the rates a chart draws: a few frames of a person's "now". */
    public static final long SHORT_WINDOW_NANOS = 400_000_000L;
    private final Histogram queueWait = new Histogram(3);
    private final Histogram serviceTimes = new Histogram(3);
    private final Histogram wakeLatency = new Histogram(3);
    private final Histogram endToEnd = new Histogram(3);
    private long runId = -1;
    private long lastAt;
    private double fillArea;      // sum of fill * seconds
    private double fillSeconds;
    private int lastFill;
    private int maxFill;
    private long lastParkedNanos;
    /** Per stage: the counts of the previous frame, and the smoothed shares (about 1 s). */
    private java.util.List<StageCounts> lastStages = java.util.List.of();
    private double[][] shares = new double[0][];
    /**
     * Time constant of the stage shares' smoothing: a quarter of a second, so the pressure wave's
     * bands change in the order the stages really filled (with 1 s, a band upstream could fill
     * on screen before the one below it).
     */
    static final double SHARE_SECONDS = 0.25;

    /**
     * @param source          what to sample
     * @param windowNanos     the window over which rates are measured
     * @param framesPerWindow how many frames fit in one window (sizes the rate rings)
     */
    public Sampler(TelemetrySource source, long windowNanos, int framesPerWindow) {
        this.source = Objects.requireNonNull(source);
        int ring = Math.max(4, framesPerWindow * 2);
        produced = new RateMeter(windowNanos, ring);
        consumed = new RateMeter(windowNanos, ring);
        unparks = new RateMeter(windowNanos, ring);
        parkedNanos = new RateMeter(windowNanos, ring);
        rejected = new RateMeter(windowNanos, ring);
        dropped = new RateMeter(windowNanos, ring);
        timedOut = new RateMeter(windowNanos, ring);
        memory = new RateMeter(windowNanos, ring);
        int shortRing = Math.max(4, (int) Math.ceil(2.0 * framesPerWindow * SHORT_WINDOW_NANOS / windowNanos) + 4);
        producedNow = new RateMeter(Math.min(windowNanos, SHORT_WINDOW_NANOS), shortRing);
        consumedNow = new RateMeter(Math.min(windowNanos, SHORT_WINDOW_NANOS), shortRing);
        requests = new RateMeter(windowNanos, ring);
        good = new RateMeter(windowNanos, ring);
        retries = new RateMeter(windowNanos, ring);
    }

    /**
     * One frame's worth of telemetry.
     *
     * @param snapshot      counters and derived figures
     * @param events        events since the previous frame (at most {@link #MAX_EVENTS_PER_FRAME})
     * @param newRun        true for the first frame of a run (the chart starts afresh)
     * @param parkedInFrame mean number of producers parked since the previous frame
     * @param producedNow   items put per second over the last {@link #SHORT_WINDOW_NANOS}: what
     *                      a chart draws, so a burst reads as a burst and a change shows at once
     * @param consumedNow   items finished per second over the same short window
     */
    public record Frame(Snapshot snapshot, List<TelemetryEvent> events, boolean newRun, double parkedInFrame,
                        double producedNow, double consumedNow) {

        /** A frame whose short-window rates are the snapshot's own. */
        public Frame(Snapshot snapshot, List<TelemetryEvent> events, boolean newRun, double parkedInFrame) {
            this(snapshot, events, newRun, parkedInFrame, snapshot.producedPerSecond(), snapshot.consumedPerSecond());
        }
    }

    private RateMeter[] meters() {
        return new RateMeter[] {produced, consumed, unparks, parkedNanos, rejected, dropped, timedOut, memory,
                producedNow, consumedNow, requests, good, retries};
    }

    /** Reads the source and derives one frame. */
    public Frame sample() {
        int before = held.size();
        source.drainEvents(held::add, MAX_EVENTS_PER_FRAME);
        Counts c = source.counts();
        boolean newRun = c.runId() != runId;
        List<TelemetryEvent> events = release(c, before);
        long previousParked = newRun ? 0 : lastParkedNanos;
        long previousAt = newRun ? c.startNanos() : lastAt;
        if (newRun) {
            runId = c.runId();
            for (RateMeter m : meters()) {
                m.clear();
                m.add(c.startNanos(), 0);
            }
            queueWait.reset();
            serviceTimes.reset();
            wakeLatency.reset();
            endToEnd.reset();
            fillArea = 0;
            fillSeconds = 0;
            lastFill = 0;
            maxFill = 0;
            lastStages = java.util.List.of();
            shares = new double[0][];
        }
        source.drainQueueWait(queueWait);
        source.drainServiceTime(serviceTimes);
        source.drainWakeLatency(wakeLatency);
        CallerCounts calls = c.calls();
        if (calls != null) {
            source.drainEndToEnd(endToEnd);
            requests.add(c.atNanos(), calls.requests());
            good.add(c.atNanos(), calls.good());
            retries.add(c.atNanos(), calls.retries());
        }
        double dt = Math.max(0, (c.atNanos() - previousAt) / 1e9);
        fillArea += lastFill * dt;
        fillSeconds += dt;
        lastFill = c.fill();
        lastAt = c.atNanos();
        maxFill = Math.max(maxFill, c.maxFill());
        lastParkedNanos = c.producerParkedNanos();

        long t = c.atNanos();
        produced.add(t, c.produced());
        consumed.add(t, c.consumed());
        unparks.add(t, c.producerParks() - c.producersParked());
        parkedNanos.add(t, c.producerParkedNanos());
        rejected.add(t, c.rejected());
        dropped.add(t, c.dropped());
        timedOut.add(t, c.timedOut());
        memory.add(t, c.memoryBytes());
        producedNow.add(t, c.produced());
        consumedNow.add(t, c.consumed());

        double elapsed = Math.max(0, (t - c.startNanos()) / 1e9);
        int producers = Math.max(1, c.producers());
        int consumers = Math.max(1, c.consumers());
        double share = elapsed > 0 ? clamp01(c.producerParkedNanos() / 1e9 / elapsed / producers) : 0;
        double recent = clamp01(parkedNanos.rate() / 1e9 / producers);
        double idle = elapsed > 0 ? clamp01(c.consumerParkedNanos() / 1e9 / elapsed / consumers) : 0;
        double parkedInFrame = meanParked(previousParked, c.producerParkedNanos(), c.atNanos() - previousAt);
        // The queue keeps the exact fill integral; the frames' samples are the fallback.
        double meanFill = Double.isFinite(c.fillItemSeconds()) && elapsed > 0 ? c.fillItemSeconds() / elapsed
                : fillSeconds > 0 ? fillArea / fillSeconds : c.fill();
        double growth = memory.rate();
        double toBudget = c.unbounded() && growth > 0 && c.outcome() == null
                ? Math.max(0, (c.memoryBudgetBytes() - c.memoryBytes()) / growth) : Double.NaN;
        Snapshot s = c.runId() == 0
                ? Snapshot.empty(c)
                : new Snapshot(c, elapsed, produced.rate(), consumed.rate(), unparks.rate(), rejected.rate(),
                        dropped.rate(), timedOut.rate(), share, recent, idle, meanFill, maxFill, growth, toBudget,
                        Snapshot.WaitPercentiles.of(queueWait), stageShares(c.stages(), dt),
                        Snapshot.WaitPercentiles.of(serviceTimes), Snapshot.WaitPercentiles.of(wakeLatency),
                        calls == null ? null : new Snapshot.Calls(requests.rate(), good.rate(), retries.rate(),
                                Snapshot.WaitPercentiles.of(endToEnd)));
        return new Frame(s, List.copyOf(events), newRun, parkedInFrame, producedNow.rate(), consumedNow.rate());
    }

    /**
     * The held events that are due: sorted by time (stably, so events with one stamp keep the
     * source's order), those older than {@link #REORDER_NANOS} before the counts' time, or all
     * once the run has ended; at most {@link #MAX_EVENTS_PER_FRAME}.
     */
    private List<TelemetryEvent> release(Counts c, int sortedPrefix) {
        if (held.size() > sortedPrefix) {
            held.sort(java.util.Comparator.comparingLong(TelemetryEvent::atNanos));
        }
        long due = c.outcome() != null || c.runId() == 0 ? Long.MAX_VALUE : c.atNanos() - REORDER_NANOS;
        int n = 0;
        while (n < held.size() && n < MAX_EVENTS_PER_FRAME && held.get(n).atNanos() <= due) {
            n++;
        }
        List<TelemetryEvent> out = new ArrayList<>(held.subList(0, n));
        held.subList(0, n).clear();
        return out;
    }

    /**
     * Each stage's busy / idle / backpressured shares, smoothed over about {@link #SHARE_SECONDS}:
     * this frame's shares (from the change in waiting times since the last frame) pulled into the
     * running ones by 1 - e^(-dt/τ).
     */
    private java.util.List<StageShare> stageShares(java.util.List<StageCounts> now, double dt) {
        if (now.size() != lastStages.size()) {
            lastStages = now;
            shares = new double[now.size()][];
            return java.util.List.of();
        }
        double pull = dt > 0 ? 1 - Math.exp(-dt / SHARE_SECONDS) : 0;
        java.util.List<StageShare> out = new java.util.ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            StageCounts a = lastStages.get(i);
            StageCounts b = now.get(i);
            // Worker time, not workers × dt: a middle stage's worker count may change live.
            double total = b.workerNanos() > a.workerNanos() ? b.workerNanos() - a.workerNanos()
                    : dt * 1e9 * Math.max(1, b.workers());
            double back = total > 0 ? clamp01((b.backpressuredNanos() - a.backpressuredNanos()) / total) : 0;
            double idle = b.idleNanos() < 0 ? 1 - back
                    : total > 0 ? clamp01((b.idleNanos() - a.idleNanos()) / total) : 0;
            idle = Math.min(idle, 1 - back);
            double[] frame = {1 - back - idle, idle, back};
            if (shares[i] == null) {
                shares[i] = frame;
            } else {
                for (int k = 0; k < 3; k++) {
                    shares[i][k] += (frame[k] - shares[i][k]) * pull;
                }
            }
            out.add(new StageShare(b.name(), shares[i][0], shares[i][1], shares[i][2]));
        }
        lastStages = now;
        return out;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double clamp01(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }

    /**
     * How many senders were parked, on average, between two readings of their parked time
     * {@code dtNanos} apart: the one definition the counters' frame figure and the parked lane
     * of any link use.
     */
    public static double meanParked(long parkedNanosBefore, long parkedNanosNow, long dtNanos) {
        return dtNanos > 0 ? Math.max(0, (parkedNanosNow - parkedNanosBefore) / (double) dtNanos) : 0;
    }
}
