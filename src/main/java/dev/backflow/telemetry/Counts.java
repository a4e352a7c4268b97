package dev.backflow.telemetry;

/**
 * Raw cumulative counters of one run, read at one instant. Derived figures (rates, shares)
 * live in {@link Snapshot}.
 *
 * @param runId               increases with every new run; 0 means "no run yet"
 * @param atNanos             when they were read (engine clock)
 * @param startNanos          when the run started (engine clock)
 * @param producers           producer threads in the run
 * @param consumers           consumer threads in the run
 * @param fill                items in the buffer
 * @param capacity            buffer bound
 * @param maxFill             peak fill since the previous read
 * @param produced            items put into the buffer
 * @param taken               items taken out by consumers
 * @param consumed            items whose service finished
 * @param producerParks       times a producer parked on a full buffer
 * @param producerParkedNanos total producer parked time, including parks in progress
 * @param producersParked     producers parked right now
 * @param consumerParks       times a consumer parked on an empty buffer
 * @param consumerParkedNanos total consumer parked time, including parks in progress
 * @param eventsLost          telemetry events dropped because the event buffer was full
 */
public record Counts(long runId, long atNanos, long startNanos, int producers, int consumers,
                     int fill, int capacity, int maxFill, long produced, long taken, long consumed,
                     long producerParks, long producerParkedNanos, int producersParked,
                     long consumerParks, long consumerParkedNanos, long eventsLost) {

    /** Counters before any run. */
    public static Counts none(long atNanos, int capacity) {
        return new Counts(0, atNanos, atNanos, 0, 0, 0, capacity, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Items taken by a consumer whose service has not finished. */
    public long inService() {
        return taken - consumed;
    }
}
