package dev.backflow.telemetry;

/**
 * One stage of a pipeline, read at one instant: what its workers did with their time, in
 * Flink's vocabulary. {@code idleNanos} is time spent waiting for input (for the source: for
 * its next arrival), {@code backpressuredNanos} time parked on a full output link; the rest of
 * {@code workerNanos} is busy (working on an item).
 *
 * @param index              0 for the source, then the middle stages, then the sink
 * @param name               the stage's name
 * @param workers            worker threads
 * @param processed          items the stage finished (source: sends; sink: items consumed)
 * @param inService          items a worker has taken and not yet passed on or finished
 * @param idleNanos          total worker time waiting for input
 * @param backpressuredNanos total worker time parked on a full output link
 * @param workerNanos        total time the stage's workers have been running (workers × elapsed
 *                           when the count never changed): the whole that the shares divide
 */
public record StageCounts(int index, String name, int workers, long processed, long inService, long idleNanos,
                          long backpressuredNanos, long workerNanos) {
}
