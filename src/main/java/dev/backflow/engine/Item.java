package dev.backflow.engine;

/**
 * One unit of work passed from a producer to a consumer.
 *
 * @param sequence      per-run sequence number across all producers, from 0
 * @param producer      which producer made it (1-based)
 * @param createdNanos  when it was handed to the queue (engine clock)
 */
public record Item(long sequence, int producer, long createdNanos) {
}
