package dev.backflow.engine;

/**
 * Everything that shapes a run, as one immutable value. The engine swaps a whole config at once
 * ({@link Engine#reconfigure}), so a worker never sees half of a change.
 *
 * @param capacity          buffer capacity, items ({@link Limits#CAPACITY})
 * @param producerRate      total items per second across all producers ({@link Limits#PRODUCER_RATE})
 * @param consumerDelayMs   time each consumer spends per item, ms ({@link Limits#CONSUMER_DELAY_MS})
 * @param producers         number of producer threads ({@link Limits#PRODUCERS})
 * @param consumers         number of consumer threads ({@link Limits#CONSUMERS})
 */
public record ExperimentConfig(int capacity, double producerRate, double consumerDelayMs,
                               int producers, int consumers) {

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
    }

    /** Consumer delay per item in nanoseconds. */
    public long consumerDelayNanos() {
        return Math.round(consumerDelayMs * 1e6);
    }

    public ExperimentConfig withCapacity(int value) {
        return new ExperimentConfig(value, producerRate, consumerDelayMs, producers, consumers);
    }

    public ExperimentConfig withProducerRate(double value) {
        return new ExperimentConfig(capacity, value, consumerDelayMs, producers, consumers);
    }

    public ExperimentConfig withConsumerDelayMs(double value) {
        return new ExperimentConfig(capacity, producerRate, value, producers, consumers);
    }

    public ExperimentConfig withWorkers(int producerCount, int consumerCount) {
        return new ExperimentConfig(capacity, producerRate, consumerDelayMs, producerCount, consumerCount);
    }
}
