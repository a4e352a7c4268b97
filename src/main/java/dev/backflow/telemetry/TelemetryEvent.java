package dev.backflow.telemetry;

/**
 * Something that happened to one worker at one instant, as reported by the engine.
 * Timestamps are on the engine's monotonic clock, in nanoseconds. Workers are numbered from 1
 * within their stage. Events about a link carry its index ({@code link}, 0 for the link next to
 * the source, the only one of a classic run): a "producer" is then a worker of the stage that
 * sends into that link, a "consumer" one of the stage that takes from it.
 */
public sealed interface TelemetryEvent {

    /** When it happened (engine clock, nanoseconds). */
    long atNanos();

    /** The item's attempt number (1 for a request's first) in a closed-loop run; 0 otherwise or for no item. */
    default int attempt() {
        return 0;
    }

    /** A producer handed item {@code sequence} to the buffer. */
    record Produced(long atNanos, int producer, long sequence, int link, int attempt) implements TelemetryEvent {
        /** An item of an open-loop run (no attempt number: 0). */
        public Produced(long atNanos, int producer, long sequence, int link) {
            this(atNanos, producer, sequence, link, 0);
        }

        /** On the first link (a classic run's one buffer). */
        public Produced(long atNanos, int producer, long sequence) {
            this(atNanos, producer, sequence, 0);
        }
    }

    /** A consumer took item {@code sequence} from the buffer after it waited {@code waitedNanos} there. */
    record Consumed(long atNanos, int consumer, long sequence, long waitedNanos, int link) implements TelemetryEvent {
        /** On the first link (a classic run's one buffer). */
        public Consumed(long atNanos, int consumer, long sequence, long waitedNanos) {
            this(atNanos, consumer, sequence, waitedNanos, 0);
        }
    }

    /** A producer found the buffer full and parked. */
    record ProducerParked(long atNanos, int producer, int fill, int capacity, int link) implements TelemetryEvent {
        /** On the first link (a classic run's one buffer). */
        public ProducerParked(long atNanos, int producer, int fill, int capacity) {
            this(atNanos, producer, fill, capacity, 0);
        }
    }

    /** A producer stopped waiting after {@code parkedNanos}; {@code gotSpace} false if it gave up. */
    record ProducerUnparked(long atNanos, int producer, long parkedNanos, boolean gotSpace, int link) implements TelemetryEvent {
        /** On the first link (a classic run's one buffer). */
        public ProducerUnparked(long atNanos, int producer, long parkedNanos, boolean gotSpace) {
            this(atNanos, producer, parkedNanos, gotSpace, 0);
        }
    }

    /** A consumer found the buffer empty and parked. */
    record ConsumerParked(long atNanos, int consumer, int link) implements TelemetryEvent {
        /** On the first link (a classic run's one buffer). */
        public ConsumerParked(long atNanos, int consumer) {
            this(atNanos, consumer, 0);
        }
    }

    /** A consumer stopped waiting after {@code parkedNanos}. */
    record ConsumerUnparked(long atNanos, int consumer, long parkedNanos, boolean gotItem, int link) implements TelemetryEvent {
        /** On the first link (a classic run's one buffer). */
        public ConsumerUnparked(long atNanos, int consumer, long parkedNanos, boolean gotItem) {
            this(atNanos, consumer, parkedNanos, gotItem, 0);
        }
    }

    /** REJECT: the full buffer refused an item at once. */
    record ItemRejected(long atNanos, int producer, long sequence, int link, int attempt) implements TelemetryEvent {
        /** An item of an open-loop run (no attempt number: 0). */
        public ItemRejected(long atNanos, int producer, long sequence, int link) {
            this(atNanos, producer, sequence, link, 0);
        }

        /** On the first link (a classic run's one buffer). */
        public ItemRejected(long atNanos, int producer, long sequence) {
            this(atNanos, producer, sequence, 0);
        }
    }

    /** TIMEOUT: a timed send gave up. */
    record ItemTimedOut(long atNanos, int producer, long sequence, int link, int attempt) implements TelemetryEvent {
        /** An item of an open-loop run (no attempt number: 0). */
        public ItemTimedOut(long atNanos, int producer, long sequence, int link) {
            this(atNanos, producer, sequence, link, 0);
        }

        /** On the first link (a classic run's one buffer). */
        public ItemTimedOut(long atNanos, int producer, long sequence) {
            this(atNanos, producer, sequence, 0);
        }
    }

    /** DROP_NEWEST / DROP_OLDEST: an item was discarded ({@code oldest}: a queued one, else the new one). */
    record ItemDropped(long atNanos, int producer, long sequence, boolean oldest, int link, int attempt) implements TelemetryEvent {
        /** An item of an open-loop run (no attempt number: 0). */
        public ItemDropped(long atNanos, int producer, long sequence, boolean oldest, int link) {
            this(atNanos, producer, sequence, oldest, link, 0);
        }

        /** On the first link (a classic run's one buffer). */
        public ItemDropped(long atNanos, int producer, long sequence, boolean oldest) {
            this(atNanos, producer, sequence, oldest, 0);
        }
    }

    /** A producer's send failed because the receiver was dropped; the producer stops. */
    /**
     * A link's CoDel shed an item as its taker took it: its sojourn had stood above the target
     * for an interval (RFC 8289).
     */
    record ItemShed(long atNanos, int taker, long sequence, long sojournNanos, int link, int attempt) implements TelemetryEvent { }

    /** A stage's adaptive limit refused a send at once: {@code limit} requests were in flight there. */
    record ItemLimited(long atNanos, int producer, long sequence, int limit, int link) implements TelemetryEvent { }

    /**
     * A demand link's taking side requested {@code n} more items ({@code Flow.Subscription.request}),
     * leaving {@code outstanding} demand for its senders; {@code taker} is the worker whose take
     * reached the replenish point (0 for the run's first request).
     */
    record DemandRequested(long atNanos, int taker, long n, long outstanding, int link) implements TelemetryEvent { }

    record ReceiverDropped(long atNanos, int producer) implements TelemetryEvent { }

    /** A producer finished its share of a finite run. */
    record ProducerFinished(long atNanos, int producer) implements TelemetryEvent { }

    /** The run ended. */
    record RunEnded(long atNanos, RunOutcome outcome, String reason) implements TelemetryEvent { }
}
