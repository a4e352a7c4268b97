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
 * @param service              the consumers' achieved service times since the start (its start,
 *                             when the item became available, to its end)
 * @param wakeLatency          how late consumers started on an item after it became available
 *                             to them (wake-up after a park, or sleep overshoot), since the start
 * @param calls                the callers' rates and latency (closed-loop runs), or null
 */
public record Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond,
                       double consumedPerSecond, double unparksPerSecond, double rejectedPerSecond,
                       double droppedPerSecond, double timedOutPerSecond, double parkedShare,
                       double recentParkedShare, double consumerIdleShare, double meanFill, int maxFill,
                       double memoryGrowthPerSecond, double secondsToBudget, WaitPercentiles queueWait,
                       java.util.List<StageShare> stageShares, WaitPercentiles service, WaitPercentiles wakeLatency,
                       Calls calls) {

    /**
     * The callers of a closed-loop run, over the last second or so (rates) and since the start
     * (latency).
     *
     * @param requestsPerSecond new requests per second
     * @param goodPerSecond     good attempts per second: goodput
     * @param retriesPerSecond  retries per second
     * @param endToEnd          first attempt to success of each succeeded request, ms
     */
    public record Calls(double requestsPerSecond, double goodPerSecond, double retriesPerSecond, WaitPercentiles endToEnd) {
    }

    /** A snapshot of an open-loop run (no callers). */
    public Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond, double consumedPerSecond,
                    double unparksPerSecond, double rejectedPerSecond, double droppedPerSecond, double timedOutPerSecond,
                    double parkedShare, double recentParkedShare, double consumerIdleShare, double meanFill, int maxFill,
                    double memoryGrowthPerSecond, double secondsToBudget, WaitPercentiles queueWait,
                    java.util.List<StageShare> stageShares, WaitPercentiles service, WaitPercentiles wakeLatency) {
        this(counts, elapsedSeconds, producedPerSecond, consumedPerSecond, unparksPerSecond, rejectedPerSecond,
                droppedPerSecond, timedOutPerSecond, parkedShare, recentParkedShare, consumerIdleShare, meanFill, maxFill,
                memoryGrowthPerSecond, secondsToBudget, queueWait, stageShares, service, wakeLatency, null);
    }

    /** Rates over less than this since the start are true but jumpy: shown as warming up. */
    public static final double WARM_UP_SECONDS = 0.25;

    public Snapshot {
        stageShares = stageShares == null ? java.util.List.of() : java.util.List.copyOf(stageShares);
        service = service == null ? WaitPercentiles.NONE : service;
        wakeLatency = wakeLatency == null ? WaitPercentiles.NONE : wakeLatency;
    }

    /**
     * True in a run's first {@link #WARM_UP_SECONDS}: rates then cover too little time to read
     * as a steady figure, and the window says "warming up" instead of showing them.
     */
    public boolean warmingUp() {
        return counts.runId() != 0 && elapsedSeconds < WARM_UP_SECONDS && counts.outcome() == null;
    }

    /** A snapshot without stage shares. */
    public Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond, double consumedPerSecond,
                    double unparksPerSecond, double rejectedPerSecond, double droppedPerSecond, double timedOutPerSecond,
                    double parkedShare, double recentParkedShare, double consumerIdleShare, double meanFill, int maxFill,
                    double memoryGrowthPerSecond, double secondsToBudget, WaitPercentiles queueWait) {
        this(counts, elapsedSeconds, producedPerSecond, consumedPerSecond, unparksPerSecond, rejectedPerSecond,
                droppedPerSecond, timedOutPerSecond, parkedShare, recentParkedShare, consumerIdleShare, meanFill, maxFill,
                memoryGrowthPerSecond, secondsToBudget, queueWait, java.util.List.of(), null, null);
    }

    /** The snapshot shown before any run. */
    public static Snapshot empty(Counts counts) {
        return new Snapshot(counts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, WaitPercentiles.NONE);
    }

    /**
     * A distribution of durations in milliseconds (queue wait: enqueue to dequeue; service;
     * wake-up latency).
     *
     * @param count how many were recorded
     * @param mean  their mean
     */
    public record WaitPercentiles(long count, double p50, double p90, double p99, double max, double mean) {
        /** Nothing recorded. */
        public static final WaitPercentiles NONE = new WaitPercentiles(0, 0, 0, 0, 0, 0);

        /** The percentiles of {@code h} (values in nanoseconds), or {@link #NONE}. */
        public static WaitPercentiles of(org.HdrHistogram.Histogram h) {
            long n = h.getTotalCount();
            if (n == 0) {
                return NONE;
            }
            return new WaitPercentiles(n, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, h.getMean() / 1e6);
        }
    }
}
