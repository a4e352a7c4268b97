package dev.backflow.telemetry;

/**
 * What a person sees in the counters and metrics panels at one frame: raw counts plus the
 * figures derived from them. Immutable; built once per frame by {@link Sampler}.
 *
 * @param counts               the raw counters this was derived from
 * @param elapsedSeconds       since the run started
 * @param producedPerSecond    items put per second over the rate window
 * @param consumedPerSecond    items finished per second over the rate window
 * @param unparksPerSecond     producer parks ended per second over the rate window
 * @param rejectedPerSecond    REJECT refusals per second over the rate window
 * @param droppedPerSecond     drops per second over the rate window
 * @param timedOutPerSecond    timed-out sends per second over the rate window
 * @param parkedShare          share of producer time spent parked since the start (0..1)
 * @param recentParkedShare    the same over the rate window
 * @param consumerIdleShare    share of consumer time spent parked on an empty buffer (0..1)
 * @param meanFill             time-weighted mean buffer fill since the start
 * @param maxFill              highest fill seen since the start
 * @param memoryGrowthPerSecond growth of queued memory, bytes per second, over the rate window
 * @param secondsToBudget      projected seconds until the memory budget is exceeded; NaN if not growing
 * @param queueWait            queue wait percentiles since the start
 * @param stageShares          each stage's busy, idle and backpressured shares over about the
 *                             last second, source first (empty before a run)
 */
public record Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond,
                       double consumedPerSecond, double unparksPerSecond, double rejectedPerSecond,
                       double droppedPerSecond, double timedOutPerSecond, double parkedShare,
                       double recentParkedShare, double consumerIdleShare, double meanFill, int maxFill,
                       double memoryGrowthPerSecond, double secondsToBudget, WaitPercentiles queueWait,
                       java.util.List<StageShare> stageShares) {

    public Snapshot {
        stageShares = stageShares == null ? java.util.List.of() : java.util.List.copyOf(stageShares);
    }

    /** A snapshot without stage shares. */
    public Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond, double consumedPerSecond,
                    double unparksPerSecond, double rejectedPerSecond, double droppedPerSecond, double timedOutPerSecond,
                    double parkedShare, double recentParkedShare, double consumerIdleShare, double meanFill, int maxFill,
                    double memoryGrowthPerSecond, double secondsToBudget, WaitPercentiles queueWait) {
        this(counts, elapsedSeconds, producedPerSecond, consumedPerSecond, unparksPerSecond, rejectedPerSecond,
                droppedPerSecond, timedOutPerSecond, parkedShare, recentParkedShare, consumerIdleShare, meanFill, maxFill,
                memoryGrowthPerSecond, secondsToBudget, queueWait, java.util.List.of());
    }

    /** The snapshot shown before any run. */
    public static Snapshot empty(Counts counts) {
        return new Snapshot(counts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, WaitPercentiles.NONE);
    }

    /**
     * Queue wait (enqueue to dequeue) in milliseconds.
     *
     * @param count how many waits were recorded
     */
    public record WaitPercentiles(long count, double p50, double p90, double p99, double max) {
        /** No waits recorded. */
        public static final WaitPercentiles NONE = new WaitPercentiles(0, 0, 0, 0, 0);
    }
}
