package dev.backflow.telemetry;

import org.HdrHistogram.Histogram;

import java.util.function.Consumer;

/** What the engine offers to whoever samples it (one sampler, at frame rate). */
public interface TelemetrySource {

    /** Cumulative counters of the current (or last) run, read at one instant. */
    Counts counts();

    /**
     * Moves up to {@code max} pending events, oldest first, to {@code sink}.
     * Call from one thread at a time.
     *
     * @return the number of events moved
     */
    int drainEvents(Consumer<? super TelemetryEvent> sink, int max);

    /**
     * Adds the queue waits (enqueue to dequeue, nanoseconds) recorded since the previous call to
     * {@code into}. Call from one thread at a time.
     */
    void drainQueueWait(Histogram into);

    /** Adds the consumers' service times (ns) recorded since the previous call. One thread at a time. */
    default void drainServiceTime(Histogram into) {
    }

    /** Adds the consumers' wake-up latencies (ns) recorded since the previous call. One thread at a time. */
    default void drainWakeLatency(Histogram into) {
    }

    /** Moves the callers' end-to-end latencies (ns) recorded since the last call into {@code into}; closed-loop runs only. */
    default void drainEndToEnd(Histogram into) {
    }
}
