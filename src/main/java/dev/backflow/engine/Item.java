package dev.backflow.engine;

/**
 * One unit of work passed from a producer to a consumer.
 *
 * <p>The enqueue time is written by the producer just before it sends the item, and rewritten
 * by the queue (under its lock) if the send had to wait for space; the lock hand-off makes it
 * visible to the consumer that takes the item.
 */
public final class Item {

    /**
     * What one queued item really costs on the heap apart from its simulated size: the object
     * (a 12-byte header and 32 bytes of fields, padded to 48 with compressed references) and its
     * slot in the queue's array (4 bytes, up to twice that while the array has grown and is half
     * used). A closed-loop run's items each carry an {@link Attempt} too (about 32 bytes more),
     * which the budget does not count: such runs keep few items queued, their callers give up. The memory budget counts it, so a budget the heap can hold is one the
     * run can reach without running the JVM itself out of memory.
     */
    public static final int HEAP_BYTES = 56;

    private final long sequence;
    private final int producer;
    /** Its caller's attempt; null in an open-loop run (no deadline, no retries). */
    private final Attempt attempt;
    private long enqueuedNanos;
    private long queuedNanos;
    /**
     * The adaptive limit's hold on this item while it is in flight at a limited stage, or null;
     * set by the sender before the send, released by the stage's taker (the queue's lock hands it over).
     */
    com.netflix.concurrency.limits.Limiter.Listener limitHold;

    /**
     * @param sequence per-run sequence number across all producers, from 0
     * @param producer which producer made it (1-based)
     */
    public Item(long sequence, int producer) {
        this(sequence, producer, null);
    }

    Item(long sequence, int producer, Attempt attempt) {
        this.sequence = sequence;
        this.producer = producer;
        this.attempt = attempt;
    }

    /** Its caller's attempt, or null in an open-loop run. */
    Attempt attempt() {
        return attempt;
    }

    public long sequence() {
        return sequence;
    }

    public int producer() {
        return producer;
    }

    /** When the queue accepted it (engine clock); 0 before that. */
    public long enqueuedNanos() {
        return enqueuedNanos;
    }

    /** Total time spent in links so far (a pipeline adds one wait per link). Taker only. */
    public long queuedNanos() {
        return queuedNanos;
    }

    /** Adds one link's wait; called by the worker that took the item. */
    void addQueued(long nanos) {
        queuedNanos += nanos;
    }

    /** Called by the producer before sending, and by the queue after a wait for space. */
    void markEnqueued(long nanos) {
        enqueuedNanos = nanos;
    }
}
