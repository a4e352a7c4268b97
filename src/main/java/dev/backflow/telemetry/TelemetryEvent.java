package dev.backflow.telemetry;

/**
 * Something that happened to one worker at one instant, as reported by the engine.
 * Timestamps are on the engine's monotonic clock, in nanoseconds.
 */
public sealed interface TelemetryEvent {

    /** When it happened (engine clock, nanoseconds). */
    long atNanos();

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
}
