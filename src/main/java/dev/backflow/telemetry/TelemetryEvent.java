package dev.backflow.telemetry;

/**
 * Something that happened to one worker at one instant, as reported by the engine.
 * Timestamps are on the engine's monotonic clock, in nanoseconds. Workers are numbered from 1.
 */
public sealed interface TelemetryEvent {

    /** When it happened (engine clock, nanoseconds). */
    long atNanos();

    /** A producer handed item {@code sequence} to the buffer. */
    record Produced(long atNanos, int producer, long sequence) implements TelemetryEvent { }

    /** A consumer took item {@code sequence} from the buffer after it waited {@code waitedNanos} there. */
    record Consumed(long atNanos, int consumer, long sequence, long waitedNanos) implements TelemetryEvent { }

    /** A producer found the buffer full and parked. */
    record ProducerParked(long atNanos, int producer, int fill, int capacity) implements TelemetryEvent { }

    /** A producer stopped waiting after {@code parkedNanos}; {@code gotSpace} false if it gave up. */
    record ProducerUnparked(long atNanos, int producer, long parkedNanos, boolean gotSpace)
            implements TelemetryEvent { }

    /** A consumer found the buffer empty and parked. */
    record ConsumerParked(long atNanos, int consumer) implements TelemetryEvent { }

    /** A consumer stopped waiting after {@code parkedNanos}. */
    record ConsumerUnparked(long atNanos, int consumer, long parkedNanos, boolean gotItem)
            implements TelemetryEvent { }

    /** REJECT: the full buffer refused an item at once. */
    record ItemRejected(long atNanos, int producer, long sequence) implements TelemetryEvent { }

    /** TIMEOUT: a timed send gave up. */
    record ItemTimedOut(long atNanos, int producer, long sequence) implements TelemetryEvent { }

    /** DROP_NEWEST / DROP_OLDEST: an item was discarded ({@code oldest}: a queued one, else the new one). */
    record ItemDropped(long atNanos, int producer, long sequence, boolean oldest) implements TelemetryEvent { }

    /** A producer's send failed because the receiver was dropped; the producer stops. */
    record ReceiverDropped(long atNanos, int producer) implements TelemetryEvent { }

    /** A producer finished its share of a finite run. */
    record ProducerFinished(long atNanos, int producer) implements TelemetryEvent { }

    /** The run ended. */
    record RunEnded(long atNanos, RunOutcome outcome, String reason) implements TelemetryEvent { }
}
