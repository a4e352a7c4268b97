package dev.backflow.telemetry;

/**
 * Raw cumulative counters of one run, read at one instant. Derived figures (rates, shares)
 * live in {@link Snapshot}.
 *
 * <p>Conservation: every offered item is in exactly one place, so at every instant
 * {@code offered = consumed + rejected + dropped + timedOut + fill + inService + sending + abandoned + lostOnClose}
 * ({@link #unaccounted()} is 0).
 *
 * @param runId               increases with every new run; 0 means "no run yet"
 * @param atNanos             when they were read (engine clock)
 * @param startNanos          when the run started (engine clock)
 * @param producers           producer threads in the run
 * @param consumers           consumer threads in the run
 * @param fill                items in the buffer
 * @param capacity            buffer bound ({@code Integer.MAX_VALUE} when unbounded)
 * @param maxFill             peak fill since the previous read
 * @param offered             items producers tried to send
 * @param produced            items put into the buffer
 * @param taken               items taken out by consumers
 * @param consumed            items whose service finished
 * @param rejected            REJECT: refused at once
 * @param dropped             DROP_NEWEST/DROP_OLDEST: discarded
 * @param timedOut            TIMEOUT: gave up after the timeout
 * @param sending             sends in progress (producers parked in a send)
 * @param abandoned           sends interrupted by Stop
 * @param lostOnClose         items refused or discarded because the receiver was dropped
 * @param producerParks       times a producer parked on a full buffer
 * @param producerParkedNanos total producer parked time, including parks in progress
 * @param producersParked     producers parked right now
 * @param consumerParks       times a consumer parked on an empty buffer
 * @param consumerParkedNanos total consumer parked (idle) time, including parks in progress
 * @param memoryBytes         simulated memory held by queued items (fill × item size)
 * @param memoryBudgetBytes   memory budget of an unbounded run
 * @param eventsLost          telemetry events dropped because the event buffer was full
 * @param outcome             how the run ended, or null while it runs
 */
public record Counts(long runId, long atNanos, long startNanos, int producers, int consumers,
                     int fill, int capacity, int maxFill, long offered, long produced, long taken,
                     long consumed, long rejected, long dropped, long timedOut, long sending,
                     long abandoned, long lostOnClose, long producerParks, long producerParkedNanos,
                     int producersParked, long consumerParks, long consumerParkedNanos,
                     long memoryBytes, long memoryBudgetBytes, long eventsLost, RunOutcome outcome) {

    /** Counters before any run. */
    public static Counts none(long atNanos, int capacity) {
        return new Counts(0, atNanos, atNanos, 0, 0, 0, capacity, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, null);
    }

    /** Items taken by a consumer whose service has not finished. */
    public long inService() {
        return taken - consumed;
    }

    /** Offered items not found in any bucket: 0 when the books balance. */
    public long unaccounted() {
        return offered - (consumed + rejected + dropped + timedOut + fill + inService() + sending + abandoned + lostOnClose);
    }

    /** True when the buffer has no bound. */
    public boolean unbounded() {
        return capacity == Integer.MAX_VALUE;
    }
}
