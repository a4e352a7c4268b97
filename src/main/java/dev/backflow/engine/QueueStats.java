package dev.backflow.engine;

/**
 * A consistent view of an {@link ObservedQueue}'s counters, taken under its lock.
 *
 * <p>Every insertion attempt ends in exactly one outcome, so at every instant
 * {@code attempts = puts + refused + timedOut + abandoned + closedRefusals + producersParked}
 * (a parked producer's attempt has no outcome yet), and
 * {@code fill = puts - takes - evicted - discardedOnClose}.
 *
 * @param atNanos              when the view was taken (queue clock)
 * @param fill                 items in the queue
 * @param capacity             current bound ({@link ObservedQueue#UNBOUNDED} when unbounded)
 * @param maxFill              highest fill since the queue was created
 * @param attempts             calls that tried to insert an item
 * @param puts                 items inserted
 * @param takes                items removed by takers
 * @param refused              offers refused at once because the queue was full
 * @param timedOut             timed offers that gave up
 * @param evicted              oldest items discarded to make room ({@code offerEvictingOldest})
 * @param abandoned            waits for space ended by interrupt (nothing inserted)
 * @param closedRefusals       inserts refused because the receiver was dropped
 * @param discardedOnClose     items still queued when the receiver was dropped
 * @param producerParks        times a producer had to wait for space
 * @param producerParkedNanos  total producer waiting time, including waits still in progress
 * @param producersParked      producers waiting right now
 * @param consumerParks        times a consumer had to wait for an item
 * @param consumerParkedNanos  total consumer waiting time, including waits in progress
 * @param consumersParked      consumers waiting right now
 */
public record QueueStats(long atNanos, int fill, int capacity, int maxFill, long attempts, long puts,
                         long takes, long refused, long timedOut, long evicted, long abandoned,
                         long closedRefusals, long discardedOnClose, long producerParks,
                         long producerParkedNanos, int producersParked, long consumerParks,
                         long consumerParkedNanos, int consumersParked) {
}
