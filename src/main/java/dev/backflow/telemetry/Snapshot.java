package dev.backflow.telemetry;

/**
 * What a person sees in the counters panel at one frame: raw counts plus the figures derived
 * from them. Immutable; built once per frame by {@link Sampler}.
 *
 * @param counts               the raw counters this was derived from
 * @param elapsedSeconds       since the run started
 * @param producedPerSecond    items put per second over the rate window
 * @param consumedPerSecond    items finished per second over the rate window
 * @param unparksPerSecond     producer parks ended per second over the rate window
 * @param parkedShare          share of producer time spent parked since the start (0..1)
 * @param recentParkedShare    the same over the rate window
 * @param meanFill             time-weighted mean buffer fill since the start
 */
public record Snapshot(Counts counts, double elapsedSeconds, double producedPerSecond,
                       double consumedPerSecond, double unparksPerSecond, double parkedShare,
                       double recentParkedShare, double meanFill) {

    /** The snapshot shown before any run. */
    public static Snapshot empty(Counts counts) {
        return new Snapshot(counts, 0, 0, 0, 0, 0, 0, 0);
    }
}
