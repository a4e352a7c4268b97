package dev.backflow.engine;

/**
 * A consistent view of an {@link ObservedQueue}'s counters, taken under its lock.
 *
 * @param atNanos              when the view was taken (queue clock)
 * @param fill                 items in the queue
 * @param capacity             current bound ({@link Integer#MAX_VALUE} when unbounded)
 * @param maxFill              highest fill since the previous view was taken
 * @param puts                 items ever inserted
 * @param takes                items ever removed
 * @param refusedOffers        non-blocking or timed offers that found no space
 * @param producerParks        times a producer had to wait for space
 * @param producerParkedNanos  total producer waiting time, including waits still in progress
 * @param producersParked      producers waiting right now
 * @param consumerParks        times a consumer had to wait for an item
 * @param consumerParkedNanos  total consumer waiting time, including waits in progress
 * @param consumersParked      consumers waiting right now
 */
public record QueueStats(long atNanos, int fill, int capacity, int maxFill, long puts, long takes,
                         long refusedOffers, long producerParks, long producerParkedNanos,
                         int producersParked, long consumerParks, long consumerParkedNanos,
                         int consumersParked) {
}
