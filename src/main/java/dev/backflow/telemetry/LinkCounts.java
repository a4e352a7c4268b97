package dev.backflow.telemetry;

/**
 * One link of a pipeline (a bounded buffer between two stages), read at one instant.
 *
 * <p>Conservation per link: {@code offered = taken + rejected + dropped + timedOut + fill + sending
 * + abandoned + lostOnClose}, where {@code sending} are items held by senders parked on a full
 * link, and {@code lostOnClose} were refused or discarded because the receiver was dropped.
 *
 * @param index               0 for the link next to the source
 * @param capacity            bound ({@code Integer.MAX_VALUE} when unbounded)
 * @param fill                items in the link
 * @param maxFill             highest fill since the run started
 * @param offered             sends into the link
 * @param taken               items taken out by the downstream stage
 * @param rejected            REJECT: refused at once
 * @param dropped             DROP_NEWEST / DROP_OLDEST: discarded
 * @param timedOut            TIMEOUT: gave up after the timeout
 * @param sending             senders parked on the full link right now (each holds one item)
 * @param abandoned           sends interrupted by Stop
 * @param lostOnClose         items refused or discarded because the receiver was dropped
 * @param parks               times a sender parked on the full link
 * @param parkedNanos         total sender parked time, including parks in progress
 * @param takerIdleNanos      total time the downstream stage's workers waited on the empty link
 * @param fillItemSeconds     the link's fill integrated over time, item × seconds (NaN if not kept)
 * @param entered             items that entered the link (sends accepted into it)
 * @param sojournSeconds      time items spent in the link, from entering to leaving it by a take, an
 *                            eviction or a discard, or to the run's end for those still in it
 *                            (NaN if not kept); once the run has ended it equals
 *                            {@code fillItemSeconds}: Little's law, L = λW, with λ = entered / T
 *                            and W = sojournSeconds / sojourns
 * @param sojourns            items {@code sojournSeconds} covers (every one that entered, at the end)
 * @param queuedAgeSeconds    time the items in the link now have spent there so far (0 once ended)
 * @param shed                items CoDel shed as they were taken
 * @param limited             sends the adaptive limit of the stage this link feeds refused
 * @param limit               that limit now, or -1 without one
 * @param inflight            requests in flight under it now, or -1
 * @param demand              a demand link's outstanding demand now (requested by its taking side,
 *                            not yet used by a send), or -1 for a plain bounded buffer
 * @param demandMin           the lowest the outstanding demand has been, or -1
 * @param demandItemSeconds   the outstanding demand integrated over time, as {@code fillItemSeconds}
 *                            (NaN for a plain buffer)
 * @param requested           all the demand its taking side requested (0 for a plain buffer): at
 *                            every reading {@code entered ≤ requested}, no item sent without demand
 */
public record LinkCounts(int index, int capacity, int fill, int maxFill, long offered, long taken, long rejected,
                         long dropped, long timedOut, long sending, long abandoned, long lostOnClose, long parks,
                         long parkedNanos, long takerIdleNanos, double fillItemSeconds, long entered,
                         double sojournSeconds, long sojourns, double queuedAgeSeconds, long shed, long limited,
                         int limit, int inflight, long demand, long demandMin, double demandItemSeconds,
                         long requested) {

    /** A plain bounded buffer (not a demand link). */
    public LinkCounts(int index, int capacity, int fill, int maxFill, long offered, long taken, long rejected,
                      long dropped, long timedOut, long sending, long abandoned, long lostOnClose, long parks,
                      long parkedNanos, long takerIdleNanos, double fillItemSeconds, long entered,
                      double sojournSeconds, long sojourns, double queuedAgeSeconds, long shed, long limited,
                      int limit, int inflight) {
        this(index, capacity, fill, maxFill, offered, taken, rejected, dropped, timedOut, sending, abandoned, lostOnClose,
                parks, parkedNanos, takerIdleNanos, fillItemSeconds, entered, sojournSeconds, sojourns, queuedAgeSeconds,
                shed, limited, limit, inflight, -1, -1, Double.NaN, 0);
    }

    /** True if this is a demand link ({@link #demand} and the rest are then its). */
    public boolean hasDemand() {
        return demand >= 0;
    }

    /** A link without an adaptive limit on the stage it feeds. */
    public LinkCounts(int index, int capacity, int fill, int maxFill, long offered, long taken, long rejected,
                      long dropped, long timedOut, long sending, long abandoned, long lostOnClose, long parks,
                      long parkedNanos, long takerIdleNanos, double fillItemSeconds, long entered,
                      double sojournSeconds, long sojourns, double queuedAgeSeconds, long shed) {
        this(index, capacity, fill, maxFill, offered, taken, rejected, dropped, timedOut, sending, abandoned, lostOnClose,
                parks, parkedNanos, takerIdleNanos, fillItemSeconds, entered, sojournSeconds, sojourns, queuedAgeSeconds,
                shed, 0, -1, -1);
    }

    /** True if the stage this link feeds has an adaptive limit ({@link #limit} and {@link #inflight} are then its). */
    public boolean hasLimit() {
        return limit >= 0;
    }

    /** A link without CoDel (nothing shed). */
    public LinkCounts(int index, int capacity, int fill, int maxFill, long offered, long taken, long rejected,
                      long dropped, long timedOut, long sending, long abandoned, long lostOnClose, long parks,
                      long parkedNanos, long takerIdleNanos, double fillItemSeconds, long entered,
                      double sojournSeconds, long sojourns, double queuedAgeSeconds) {
        this(index, capacity, fill, maxFill, offered, taken, rejected, dropped, timedOut, sending, abandoned, lostOnClose,
                parks, parkedNanos, takerIdleNanos, fillItemSeconds, entered, sojournSeconds, sojourns, queuedAgeSeconds, 0, 0,
                -1, -1);
    }

    /**
     * All the time items have spent in the link up to this reading, item by item, from their own
     * stamps: finished sojourns plus the age of those still there. Over any interval its change
     * is the interval's fill integral, which is Little's law for that window.
     */
    public double presenceSeconds() {
        return sojournSeconds + queuedAgeSeconds;
    }

    /** W: the mean time an item spent in the link, seconds (NaN before any left it). */
    public double meanSojournSeconds() {
        return sojourns > 0 ? sojournSeconds / sojourns : Double.NaN;
    }

    /** Offered items not found in any bucket: 0 when the books balance. */
    public long unaccounted() {
        return offered - (taken + rejected + dropped + timedOut + fill + sending + abandoned + lostOnClose);
    }

    /** True when the link has no bound. */
    public boolean unbounded() {
        return capacity == Integer.MAX_VALUE;
    }
}
