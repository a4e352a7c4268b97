package dev.backflow.telemetry;

/**
 * Raw cumulative counters of one run, read at one instant. Derived figures (rates, shares)
 * live in {@link Snapshot}.
 *
 * <p>Conservation: every offered item is in exactly one place, so at every instant
 * {@code offered = consumed + rejected + dropped + timedOut + fill + inService + sending + abandoned + lostOnClose + expired + shed + limited}
 * ({@link #unaccounted()} is 0).
 *
 * @param runId               increases with every new run; 0 means "no run yet"
 * @param atNanos             when they were read (engine clock)
 * @param startNanos          when the run started (engine clock)
 * @param producers           producer threads in the run
 * @param consumers           consumer threads in the run
 * @param fill                items in the buffer (a pipeline: in all its links)
 * @param capacity            buffer bound (a pipeline: the sum of its links' bounds); {@code Integer.MAX_VALUE} when unbounded
 * @param maxFill             peak fill since the run started (a pipeline: of all its links together, as sampled by reads)
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
 * @param links               each link of the pipeline, from the source on (one for a classic run)
 * @param stages              each stage, source first and sink last (two for a classic run)
 * @param fillItemSeconds     the fill (of all links) integrated over time since the start, item ×
 *                            seconds: its change over an interval divided by the interval is the
 *                            exact mean fill (NaN where not kept)
 * @param expired             items a stage that checks deadlines took and skipped, their caller's
 *                            deadline passed (closed-loop runs)
 * @param calls               the callers' books (closed-loop runs: a deadline or retries), or null
 * @param shed                items a link's CoDel shed as they were taken (apart from the policies' drops)
 * @param limited             sends a stage's adaptive concurrency limit refused (they never reached its link)
 */
public record Counts(long runId, long atNanos, long startNanos, int producers, int consumers,
                     int fill, int capacity, int maxFill, long offered, long produced, long taken,
                     long consumed, long rejected, long dropped, long timedOut, long sending,
                     long abandoned, long lostOnClose, long producerParks, long producerParkedNanos,
                     int producersParked, long consumerParks, long consumerParkedNanos,
                     long memoryBytes, long memoryBudgetBytes, long eventsLost, RunOutcome outcome,
                     java.util.List<LinkCounts> links, java.util.List<StageCounts> stages, double fillItemSeconds,
                     long expired, CallerCounts calls, long shed, long limited) {

    public Counts {
        links = links == null ? java.util.List.of() : java.util.List.copyOf(links);
        stages = stages == null ? java.util.List.of() : java.util.List.copyOf(stages);
    }

    /** Counters before any run. */
    public static Counts none(long atNanos, int capacity) {
        return builder().atNanos(atNanos).startNanos(atNanos).capacity(capacity).build();
    }

    /** Items taken by a consumer whose service has not finished. */
    public long inService() {
        return taken - consumed;
    }

    /** Offered items not found in any bucket: 0 when the books balance. */
    public long unaccounted() {
        return offered - (consumed + rejected + dropped + timedOut + fill + inService() + sending + abandoned + lostOnClose
                + expired + shed + limited);
    }

    /** The stages' names, source first (empty before a run). */
    public java.util.List<String> stageNames() {
        return stages.stream().map(StageCounts::name).toList();
    }

    /** True when the buffer has no bound. */
    public boolean unbounded() {
        return capacity == Integer.MAX_VALUE;
    }

    /**
     * A builder that names every field: Counts has many numeric components of the same type,
     * and two swapped ones would compile silently in a positional constructor call. ArchitectureTest allows no other caller of the constructor.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Names each component; unset ones are 0 (or null). */
    public static final class Builder {
        private long runId;
        private long atNanos;
        private long startNanos;
        private int producers;
        private int consumers;
        private int fill;
        private int capacity;
        private int maxFill;
        private long offered;
        private long produced;
        private long taken;
        private long consumed;
        private long rejected;
        private long dropped;
        private long timedOut;
        private long sending;
        private long abandoned;
        private long lostOnClose;
        private long producerParks;
        private long producerParkedNanos;
        private int producersParked;
        private long consumerParks;
        private long consumerParkedNanos;
        private long memoryBytes;
        private long memoryBudgetBytes;
        private long eventsLost;
        private RunOutcome outcome;
        private java.util.List<LinkCounts> links;
        private double fillItemSeconds = Double.NaN;
        private java.util.List<StageCounts> stages;
        private long expired;
        private CallerCounts calls;
        private long shed;
        private long limited;

        private Builder() {
        }

        public Builder runId(long v) { runId = v; return this; }
        public Builder atNanos(long v) { atNanos = v; return this; }
        public Builder startNanos(long v) { startNanos = v; return this; }
        public Builder producers(int v) { producers = v; return this; }
        public Builder consumers(int v) { consumers = v; return this; }
        public Builder fill(int v) { fill = v; return this; }
        public Builder capacity(int v) { capacity = v; return this; }
        public Builder maxFill(int v) { maxFill = v; return this; }
        public Builder offered(long v) { offered = v; return this; }
        public Builder produced(long v) { produced = v; return this; }
        public Builder taken(long v) { taken = v; return this; }
        public Builder consumed(long v) { consumed = v; return this; }
        public Builder rejected(long v) { rejected = v; return this; }
        public Builder dropped(long v) { dropped = v; return this; }
        public Builder timedOut(long v) { timedOut = v; return this; }
        public Builder sending(long v) { sending = v; return this; }
        public Builder abandoned(long v) { abandoned = v; return this; }
        public Builder lostOnClose(long v) { lostOnClose = v; return this; }
        public Builder producerParks(long v) { producerParks = v; return this; }
        public Builder producerParkedNanos(long v) { producerParkedNanos = v; return this; }
        public Builder producersParked(int v) { producersParked = v; return this; }
        public Builder consumerParks(long v) { consumerParks = v; return this; }
        public Builder consumerParkedNanos(long v) { consumerParkedNanos = v; return this; }
        public Builder memoryBytes(long v) { memoryBytes = v; return this; }
        public Builder memoryBudgetBytes(long v) { memoryBudgetBytes = v; return this; }
        public Builder eventsLost(long v) { eventsLost = v; return this; }
        public Builder outcome(RunOutcome v) { outcome = v; return this; }
        public Builder links(java.util.List<LinkCounts> v) { links = v; return this; }
        public Builder stages(java.util.List<StageCounts> v) { stages = v; return this; }
        public Builder fillItemSeconds(double v) { fillItemSeconds = v; return this; }
        public Builder expired(long v) { expired = v; return this; }
        public Builder calls(CallerCounts v) { calls = v; return this; }
        public Builder shed(long v) { shed = v; return this; }
        public Builder limited(long v) { limited = v; return this; }

        public Counts build() {
            return new Counts(runId, atNanos, startNanos, producers, consumers, fill, capacity, maxFill, offered,
                    produced, taken, consumed, rejected, dropped, timedOut, sending, abandoned, lostOnClose,
                    producerParks, producerParkedNanos, producersParked, consumerParks, consumerParkedNanos,
                    memoryBytes, memoryBudgetBytes, eventsLost, outcome, links, stages,
                    fillItemSeconds, expired, calls, shed, limited);
        }
    }
}
