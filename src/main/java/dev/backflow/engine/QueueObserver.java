package dev.backflow.engine;

/**
 * Receives the moments when a thread parks on, or is released by, an {@link ObservedQueue}.
 *
 * <p>Every {@code producerParked} is followed, on the same thread, by exactly one
 * {@code producerUnparked} (also when the wait ends by interrupt or timeout), and likewise for
 * consumers, so parks always come in matching pairs.
 *
 * <p>Implementation note: callbacks run on the parking thread <em>with the queue's lock held</em>;
 * they must be short and must never block or call back into the queue.
 */
public interface QueueObserver {

    /** An observer that ignores everything. */
    QueueObserver NONE = new QueueObserver() { };

    /** A producer found the queue full and is about to wait. */
    default void producerParked(long atNanos, int fill, int capacity) { }

    /**
     * A producer stopped waiting.
     *
     * @param parkedNanos how long it waited
     * @param gotSpace    true if it can now insert; false if it gave up (timeout or interrupt)
     */
    default void producerUnparked(long atNanos, long parkedNanos, int fill, boolean gotSpace) { }

    /** A consumer found the queue empty and is about to wait. */
    default void consumerParked(long atNanos) { }

    /** A consumer stopped waiting; {@code gotItem} is false on timeout or interrupt. */
    default void consumerUnparked(long atNanos, long parkedNanos, boolean gotItem) { }

    /**
     * A demand queue's taking side requested {@code n} more items, leaving {@code outstanding}
     * demand unused ({@link ObservedQueue#useDemand}); {@code atNanos} is 0 for a queue without hooks.
     */
    default void demandRequested(long atNanos, long n, long outstanding) { }
}
