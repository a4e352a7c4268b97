package dev.backflow.engine;

import dev.backflow.units.Units;
import java.util.Objects;

/**
 * Everything that shapes a run, as one immutable value. The engine swaps a whole config at once
 * ({@link Engine#reconfigure}), so a worker never sees half of a change.
 *
 * <p>Live settings (apply at once to a running experiment, each a {@link LiveSetting}): the
 * source's rate, each stage's service time (a middle stage's workers too), each link's capacity
 * and timeout. Per-run settings (apply at the next start): the producers and consumers, each
 * link's kind of policy, distributions, item count, duration, seed, item size, memory budget,
 * thread kind, the pipeline's shape.
 *
 * @param capacity          buffer capacity, items ({@link Limits#CAPACITY}); unused by UNBOUNDED
 * @param producerRate      total items per second across all producers ({@link Limits#PRODUCER_RATE})
 * @param consumerDelayMs   mean time each consumer spends per item, ms ({@link Limits#CONSUMER_DELAY_MS})
 * @param producers         number of producer threads ({@link Limits#PRODUCERS})
 * @param consumers         number of consumer threads ({@link Limits#CONSUMERS})
 * @param policy            what a producer does when the first link is full; a {@link SendPolicy.Timeout}
 *                          here always carries {@code timeoutMs}
 * @param timeoutMs         the first link's send deadline under a timeout policy (a live setting,
 *                          kept while another policy is chosen); each later link's timeout is its
 *                          own ({@link Hop#policy()})
 * @param itemSizeBytes     simulated size of one queued item (UNBOUNDED)
 * @param memoryBudgetBytes memory for queued items before the run is killed (UNBOUNDED)
 * @param arrivals          how gaps between items vary around 1 / rate
 * @param service           how service times vary around the consumer delay
 * @param items             items to produce in total, 0 for no limit
 * @param durationSeconds   seconds to produce for, 0 for no limit
 * @param seed              seed for every random draw of the run
 * @param threads           virtual or platform threads
 * @param hops              the stages and links after the first link, for a pipeline (empty: the
 *                          classic producers → buffer → consumers; at most
 *                          {@link #MAX_LINKS} − 1)
 * @param sourceName        the first stage's name in a pipeline (the producers; "source")
 * @param sinkName          the last stage's name in a pipeline (the consumers; "sink")
 * @param callers           what the source's callers do: deadlines, retries, backoff, budget
 *                          ({@link Callers#NONE}: an open loop); per run
 * @param changes           scheduled changes of live settings ("hiccups"), in the order given; per run
 * @param codel             CoDel on the first link (RFC 8289), or null for none (a later link's
 *                          is its stage's: {@link Hop#codel()}); per run
 * @param sinkLimit         an adaptive concurrency limit in front of the sink, or null (a middle
 *                          stage's is its own: {@link Hop#limit()}); per run
 * @param demand            the first link as a demand link (Reactive Streams request(n); its
 *                          capacity is the prefetch), or null for a plain bounded buffer (a later
 *                          link's is its stage's: {@link Hop#demand()}); per run
 */
public record ExperimentConfig(int capacity, double producerRate, double consumerDelayMs,
                               int producers, int consumers, SendPolicy policy, double timeoutMs,
                               long itemSizeBytes, long memoryBudgetBytes, Distribution arrivals,
                               Distribution service, long items, double durationSeconds, long seed,
                               ThreadKind threads, java.util.List<Hop> hops, String sourceName, String sinkName,
                               Callers callers, java.util.List<Change> changes, CoDel codel, AdaptiveLimit sinkLimit,
                               Demand demand) {

    /** The first stage's name unless a pipeline names it. */
    public static final String SOURCE = "source";
    /** The last stage's name unless a pipeline names it. */
    public static final String SINK = "sink";

    /**
     * The most lateness a producer makes up for by sending due items back to back (after a park,
     * say); items due longer ago are skipped, never sent. Queueing theory models it as the room a
     * blocked producer has for items it owes.
     */
    public static final long PRODUCER_CATCH_UP_NANOS = 100_000_000L;

    /** The most scheduled changes an experiment may have. */
    public static final int MAX_CHANGES = 16;

    /** The most links a pipeline may have. */
    public static final int MAX_LINKS = 8;

    /** The first tutorial's numbers: capacity 5, a fast producer, a 500 ms consumer. */
    public static final ExperimentConfig DEFAULT = new ExperimentConfig(5, 100, 500, 1, 1);

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public ExperimentConfig {
        Limits.CAPACITY.require(capacity);
        Limits.PRODUCER_RATE.require(producerRate);
        Limits.CONSUMER_DELAY_MS.require(consumerDelayMs);
        Limits.PRODUCERS.require(producers);
        Limits.CONSUMERS.require(consumers);
        Objects.requireNonNull(policy, "policy");
        Limits.TIMEOUT_MS.require(timeoutMs);
        if (policy instanceof SendPolicy.Timeout t && t.millis() != timeoutMs) {
            policy = new SendPolicy.Timeout(timeoutMs); // the first link's deadline is the live setting
        }
        Limits.ITEM_SIZE.require(itemSizeBytes);
        Limits.MEMORY_BUDGET.require(memoryBudgetBytes);
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(service, "service");
        Limits.ITEMS.require(items);
        Limits.DURATION_S.require(durationSeconds);
        Objects.requireNonNull(threads, "threads");
        hops = java.util.List.copyOf(Objects.requireNonNull(hops, "hops"));
        if (hops.size() > MAX_LINKS - 1) {
            throw new IllegalArgumentException("a pipeline has 1 to " + MAX_LINKS + " links; got " + (hops.size() + 1));
        }
        Hop.requireName(sourceName);
        Hop.requireName(sinkName);
        if (service instanceof Distribution.Bursty) {
            throw new IllegalArgumentException("bursty applies to arrivals only; service times can be constant, exponential or uniform");
        }
        Objects.requireNonNull(callers, "callers");
        changes = java.util.List.copyOf(Objects.requireNonNull(changes, "changes"));
        if (changes.size() > MAX_CHANGES) {
            throw new IllegalArgumentException("an experiment has at most " + MAX_CHANGES + " scheduled changes; got " + changes.size());
        }
        for (Change ch : changes) {
            ch.setting(policy, sourceName, sinkName, hops); // each names a setting this experiment has, in range
        }
        if (demand != null && Demand.refusal(policy) != null) {
            throw new IllegalArgumentException(Demand.refusal(policy));
        }
        if (memoryBudgetBytes / itemSizeBytes > Limits.MAX_SIMULATED_ITEMS) {
            throw new IllegalArgumentException("memory budget ÷ item size allows "
                    + Units.number(memoryBudgetBytes / itemSizeBytes) + " queued items; at most "
                    + Units.number(Limits.MAX_SIMULATED_ITEMS)
                    + " are simulated. Raise the item size or lower the budget");
        }
    }

    /**
     * This config: every scheduled change names a setting it has, with a value in range (checked
     * when it was built; kept so callers can say so where they build one).
     */

    /**
     * What one queued item counts against the memory budget: its simulated size plus what the
     * item really costs on the heap ({@link Item#HEAP_BYTES}).
     */
    public long heapBytesPerItem() {
        return itemSizeBytes + Item.HEAP_BYTES;
    }

    /** Every stage's name in order: the source, each middle stage, the sink. */
    public java.util.List<String> stageNames() {
        java.util.List<String> names = new java.util.ArrayList<>(hops.size() + 2);
        names.add(sourceName);
        hops.forEach(h -> names.add(h.name()));
        names.add(sinkName);
        return names;
    }

    /**
     * Whether the memory budget applies: some link is unbounded, or some stage is decoupled (its
     * own buffer has no bound).
     */
    public boolean usesMemoryBudget() {
        return !policy.bounded() || hops.stream().anyMatch(h -> !h.policy().bounded() || !h.coupled());
    }

    /** A config whose first and last stages have the usual names. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads, java.util.List<Hop> hops) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops, SOURCE, SINK);
    }

    /** A config whose first link is a plain bounded buffer (no demand). */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads, java.util.List<Hop> hops, String sourceName, String sinkName,
                            Callers callers, java.util.List<Change> changes, CoDel codel, AdaptiveLimit sinkLimit) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops, sourceName, sinkName,
                callers, changes, codel, sinkLimit, null);
    }

    /** A config without an adaptive limit in front of its sink. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads, java.util.List<Hop> hops, String sourceName, String sinkName,
                            Callers callers, java.util.List<Change> changes, CoDel codel) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops, sourceName, sinkName,
                callers, changes, codel, null);
    }

    /** A config without CoDel on its first link. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads, java.util.List<Hop> hops, String sourceName, String sinkName,
                            Callers callers, java.util.List<Change> changes) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops, sourceName, sinkName,
                callers, changes, null);
    }

    /** A config with open-loop callers and no scheduled changes. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads, java.util.List<Hop> hops, String sourceName, String sinkName) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops, sourceName, sinkName,
                Callers.NONE, java.util.List.of());
    }

    /** A config without hops: the classic producers → buffer → consumers. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers,
                            SendPolicy policy, double timeoutMs, long itemSizeBytes, long memoryBudgetBytes,
                            Distribution arrivals, Distribution service, long items, double durationSeconds, long seed,
                            ThreadKind threads) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, policy, timeoutMs, itemSizeBytes,
                memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, java.util.List.of());
    }

    /** Links from the source to the sink: 1 plus one per hop. */
    public int links() {
        return hops.size() + 1;
    }

    /** A config with the given live settings and defaults for everything else. */
    public ExperimentConfig(int capacity, double producerRate, double consumerDelayMs, int producers, int consumers) {
        this(capacity, producerRate, consumerDelayMs, producers, consumers, SendPolicy.BLOCK, 100, 1024,
                256L << 20, new Distribution.Constant(), new Distribution.Constant(), 0, 0, 42, ThreadKind.VIRTUAL);
    }

    /** Consumer delay per item in nanoseconds. */
    public long consumerDelayNanos() {
        return Math.round(consumerDelayMs * 1e6);
    }

    /** The first link's send deadline in nanoseconds. */
    public long timeoutNanos() {
        return Math.round(timeoutMs * 1e6);
    }

    /**
     * The policy of link {@code link} (0 is the first, next to the source): the experiment's for
     * the first, its stage's for each later one.
     */
    public SendPolicy policyOf(int link) {
        return link == 0 ? policy : hops.get(link - 1).policy();
    }

    /** Link {@code link}'s CoDel, or null for none. */
    public CoDel codelOf(int link) {
        return link == 0 ? codel : hops.get(link - 1).codel();
    }

    /** The adaptive limit in front of stage {@code stage} (1 is the first after the source), or null. */
    public AdaptiveLimit limitOf(int stage) {
        return stage <= 0 ? null : stage <= hops.size() ? hops.get(stage - 1).limit() : sinkLimit;
    }

    /** True if some stage has an adaptive limit. */
    public boolean usesLimits() {
        return sinkLimit != null || hops.stream().anyMatch(h -> h.limit() != null);
    }

    /** Link {@code link}'s demand (it is a demand link), or null for a plain bounded buffer. */
    public Demand demandOf(int link) {
        return link == 0 ? demand : hops.get(link - 1).demand();
    }

    /** True if some link is a demand link. */
    public boolean usesDemand() {
        return demand != null || hops.stream().anyMatch(h -> h.demand() != null);
    }

    /** True if some link runs CoDel. */
    public boolean usesCodel() {
        return codel != null || hops.stream().anyMatch(h -> h.codel() != null);
    }

    /** The bound of link {@code link}: its capacity, or {@link ObservedQueue#UNBOUNDED}. */
    public int capacityOf(int link) {
        return link == 0 ? effectiveCapacity() : hops.get(link - 1).effectiveCapacity();
    }

    /** Link {@code link}'s capacity setting, kept even while its policy is unbounded; 1 past the last link. */
    public int capacitySettingOf(int link) {
        return link == 0 ? capacity : link - 1 < hops.size() ? hops.get(link - 1).capacity() : 1;
    }

    /** The capacity the queue gets: the setting, or no bound for UNBOUNDED. */
    public int effectiveCapacity() {
        return policy.bounded() ? capacity : ObservedQueue.UNBOUNDED;
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public ExperimentConfig withCapacity(int value) {
        return toBuilder().capacity(value).build();
    }

    public ExperimentConfig withProducerRate(double value) {
        return toBuilder().producerRate(value).build();
    }

    public ExperimentConfig withConsumerDelayMs(double value) {
        return toBuilder().consumerDelayMs(value).build();
    }

    /** Mutable helper for building a config field by field; {@link #build()} validates. */
    public static final class Builder {
        private int capacity;
        private double producerRate;
        private double consumerDelayMs;
        private int producers;
        private int consumers;
        private SendPolicy policy;
        private double timeoutMs;
        private long itemSizeBytes;
        private long memoryBudgetBytes;
        private Distribution arrivals;
        private Distribution service;
        private long items;
        private double durationSeconds;
        private long seed;
        private ThreadKind threads;
        private java.util.List<Hop> hops;
        private String sourceName;
        private String sinkName;
        private Callers callers;
        private java.util.List<Change> changes;
        private CoDel codel;
        private AdaptiveLimit sinkLimit;
        private Demand demand;

        private Builder(ExperimentConfig c) {
            capacity = c.capacity;
            producerRate = c.producerRate;
            consumerDelayMs = c.consumerDelayMs;
            producers = c.producers;
            consumers = c.consumers;
            policy = c.policy;
            timeoutMs = c.timeoutMs;
            itemSizeBytes = c.itemSizeBytes;
            memoryBudgetBytes = c.memoryBudgetBytes;
            arrivals = c.arrivals;
            service = c.service;
            items = c.items;
            durationSeconds = c.durationSeconds;
            seed = c.seed;
            threads = c.threads;
            hops = c.hops;
            sourceName = c.sourceName;
            sinkName = c.sinkName;
            callers = c.callers;
            changes = c.changes;
            codel = c.codel;
            sinkLimit = c.sinkLimit;
            demand = c.demand;
        }

        public Builder capacity(int v) { capacity = v; return this; }
        public Builder producerRate(double v) { producerRate = v; return this; }
        public Builder consumerDelayMs(double v) { consumerDelayMs = v; return this; }
        public Builder producers(int v) { producers = v; return this; }
        public Builder consumers(int v) { consumers = v; return this; }
        /** The first link's policy; a {@link SendPolicy.Timeout} gets this builder's {@link #timeoutMs}. */
        public Builder policy(SendPolicy v) { policy = v; return this; }
        public Builder timeoutMs(double v) { timeoutMs = v; return this; }
        public Builder itemSizeBytes(long v) { itemSizeBytes = v; return this; }
        public Builder memoryBudgetBytes(long v) { memoryBudgetBytes = v; return this; }
        public Builder arrivals(Distribution v) { arrivals = v; return this; }
        public Builder service(Distribution v) { service = v; return this; }
        public Builder items(long v) { items = v; return this; }
        public Builder durationSeconds(double v) { durationSeconds = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder threads(ThreadKind v) { threads = v; return this; }
        public Builder hops(java.util.List<Hop> v) { hops = v; return this; }
        public Builder sourceName(String v) { sourceName = v; return this; }
        public Builder sinkName(String v) { sinkName = v; return this; }
        public Builder callers(Callers v) { callers = v; return this; }
        public Builder changes(java.util.List<Change> v) { changes = v; return this; }
        /** CoDel on the first link, or null. */
        public Builder codel(CoDel v) { codel = v; return this; }
        /** An adaptive limit in front of the sink, or null. */
        public Builder sinkLimit(AdaptiveLimit v) { sinkLimit = v; return this; }
        /** The first link as a demand link (its capacity the prefetch), or null. */
        public Builder demand(Demand v) { demand = v; return this; }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public ExperimentConfig build() {
            return new ExperimentConfig(capacity, producerRate, consumerDelayMs, producers, consumers, policy,
                    timeoutMs, itemSizeBytes, memoryBudgetBytes, arrivals, service, items, durationSeconds, seed, threads, hops,
                    sourceName, sinkName, callers, changes, codel, sinkLimit, demand);
        }
    }
}
