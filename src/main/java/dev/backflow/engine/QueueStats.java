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
 * @param consumerWaitingNanos the part of {@code consumerParkedNanos} spent in waits still in progress
 * @param fillItemSeconds      the fill integrated over time since the queue was created, item ×
 *                             seconds (its change over an interval, divided by the interval, is
 *                             the exact mean fill); NaN for a queue without hooks, which reads
 *                             no clock to keep it
 * @param sojournSeconds       the time items spent in the queue, from insertion to leaving it (or
 *                             to the freeze at a run's end for those still in it): equal to
 *                             {@code fillItemSeconds} once frozen (Little's law); NaN without hooks
 * @param sojourns             how many items {@code sojournSeconds} covers
 * @param queuedAgeSeconds     the time the items queued now have spent in it so far (0 once
 *                             frozen: they are in {@code sojournSeconds} then), so that
 *                             {@code sojournSeconds + queuedAgeSeconds} is all the time items
 *                             have spent in the queue up to now, item by item
 * @param demand               a demand queue's outstanding demand (requested, not yet used by an
 *                             insertion); -1 for a queue without demand
 * @param demandMin            the lowest {@code demand} has been; -1 without demand
 * @param demandItemSeconds    {@code demand} integrated over time, as {@code fillItemSeconds}
 *                             (NaN without demand or hooks)
 * @param requested            all the demand the taking side requested (0 without demand)
 * @param requests             how many requests that took
 */
public record QueueStats(long atNanos, int fill, int capacity, int maxFill, long attempts, long puts,
                         long takes, long refused, long timedOut, long evicted, long abandoned,
                         long closedRefusals, long discardedOnClose, long producerParks,
                         long producerParkedNanos, int producersParked, long consumerParks,
                         long consumerParkedNanos, int consumersParked, double fillItemSeconds,
                         long consumerWaitingNanos, double sojournSeconds, long sojourns, double queuedAgeSeconds,
                         long demand, long demandMin, double demandItemSeconds, long requested, long requests) {

    /**
     * A builder that names every field: QueueStats has many numeric components of the same type,
     * and two swapped ones would compile silently in a positional constructor call. ArchitectureTest allows no other caller of the constructor.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Names each component; unset ones are 0 (or null). */
    public static final class Builder {
        private long atNanos;
        private int fill;
        private int capacity;
        private int maxFill;
        private long attempts;
        private long puts;
        private long takes;
        private long refused;
        private long timedOut;
        private long evicted;
        private long abandoned;
        private long closedRefusals;
        private long discardedOnClose;
        private long producerParks;
        private long producerParkedNanos;
        private int producersParked;
        private long consumerParks;
        private long consumerParkedNanos;
        private int consumersParked;
        private double fillItemSeconds;
        private long consumerWaitingNanos;
        private double sojournSeconds = Double.NaN;
        private long sojourns;
        private double queuedAgeSeconds = Double.NaN;
        private long demand = -1;
        private long demandMin = -1;
        private double demandItemSeconds = Double.NaN;
        private long requested;
        private long requests;

        private Builder() {
        }

        public Builder atNanos(long v) { atNanos = v; return this; }
        public Builder fill(int v) { fill = v; return this; }
        public Builder capacity(int v) { capacity = v; return this; }
        public Builder maxFill(int v) { maxFill = v; return this; }
        public Builder attempts(long v) { attempts = v; return this; }
        public Builder puts(long v) { puts = v; return this; }
        public Builder takes(long v) { takes = v; return this; }
        public Builder refused(long v) { refused = v; return this; }
        public Builder timedOut(long v) { timedOut = v; return this; }
        public Builder evicted(long v) { evicted = v; return this; }
        public Builder abandoned(long v) { abandoned = v; return this; }
        public Builder closedRefusals(long v) { closedRefusals = v; return this; }
        public Builder discardedOnClose(long v) { discardedOnClose = v; return this; }
        public Builder producerParks(long v) { producerParks = v; return this; }
        public Builder producerParkedNanos(long v) { producerParkedNanos = v; return this; }
        public Builder producersParked(int v) { producersParked = v; return this; }
        public Builder consumerParks(long v) { consumerParks = v; return this; }
        public Builder consumerParkedNanos(long v) { consumerParkedNanos = v; return this; }
        public Builder consumersParked(int v) { consumersParked = v; return this; }
        public Builder fillItemSeconds(double v) { fillItemSeconds = v; return this; }
        public Builder consumerWaitingNanos(long v) { consumerWaitingNanos = v; return this; }
        public Builder sojournSeconds(double v) { sojournSeconds = v; return this; }
        public Builder sojourns(long v) { sojourns = v; return this; }
        public Builder queuedAgeSeconds(double v) { queuedAgeSeconds = v; return this; }
        public Builder demand(long v) { demand = v; return this; }
        public Builder demandMin(long v) { demandMin = v; return this; }
        public Builder demandItemSeconds(double v) { demandItemSeconds = v; return this; }
        public Builder requested(long v) { requested = v; return this; }
        public Builder requests(long v) { requests = v; return this; }

        public QueueStats build() {
            return new QueueStats(atNanos, fill, capacity, maxFill, attempts, puts, takes, refused, timedOut,
                    evicted, abandoned, closedRefusals, discardedOnClose, producerParks, producerParkedNanos,
                    producersParked, consumerParks, consumerParkedNanos, consumersParked, fillItemSeconds,
                    consumerWaitingNanos, sojournSeconds, sojourns, queuedAgeSeconds, demand, demandMin,
                    demandItemSeconds, requested, requests);
        }
    }
}
