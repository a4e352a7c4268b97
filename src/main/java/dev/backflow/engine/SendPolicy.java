package dev.backflow.engine;

/**
 * What a producer does when the buffer is full: the tutorials' decision matrix, mapped onto the
 * {@link java.util.concurrent.BlockingQueue} verbs.
 */
public enum SendPolicy {
    /** {@code put}: the producer parks until there is space (tokio {@code send().await}). */
    BLOCK("block", "Block (put)", "put: the producer parks until there is space"),
    /** {@code offer}: fails at once and the item is rejected (tokio {@code try_send}). */
    REJECT("reject", "Reject (try_send)", "offer: a full buffer refuses the item at once"),
    /** {@code offer(e, timeout)}: waits up to the timeout, then gives up. */
    TIMEOUT("timeout", "Time out (offer with deadline)", "offer with a deadline: wait up to the timeout, then give up"),
    /** {@code offer}: the new item is discarded when full. */
    DROP_NEWEST("drop-newest", "Drop newest", "the new item is discarded when the buffer is full"),
    /** {@code poll} + {@code offer}: the oldest queued item is discarded to make room. */
    DROP_OLDEST("drop-oldest", "Drop oldest", "the oldest queued item is discarded to make room"),
    /** No bound: the buffer, and memory, grow until the memory budget kills the run. */
    UNBOUNDED("unbounded", "Unbounded (memory grows)", "no bound: memory grows until the budget is exceeded");

    private final String cliName;
    private final String label;
    private final String description;

    SendPolicy(String cliName, String label, String description) {
        this.cliName = cliName;
        this.label = label;
        this.description = description;
    }

    /** The name shown in a picker. */
    public String label() {
        return label;
    }

    /** The lower-case name used on the command line and in files. */
    public String cliName() {
        return cliName;
    }

    /** One line on what the policy does. */
    public String description() {
        return description;
    }

    /** What became of one send: every send ends in exactly one of these. */
    public enum Outcome {
        /** The item is in the buffer. */
        SENT,
        /** REJECT: a full buffer refused it at once. */
        REJECTED,
        /** TIMEOUT: no space before the deadline. */
        TIMED_OUT,
        /** DROP_NEWEST: a full buffer discarded it. */
        DROPPED_NEWEST,
        /** DROP_OLDEST: the item is in the buffer, and the oldest queued item was discarded for it. */
        SENT_EVICTING_OLDEST
    }

    /**
     * The result of {@link #send}: an outcome and, for {@link Outcome#SENT_EVICTING_OLDEST}, the
     * element that was discarded. Results without an evicted element are shared constants, so a
     * send allocates nothing unless it evicts.
     */
    public record Sent<E>(Outcome outcome, E evicted) {
        private static final Sent<?>[] PLAIN = java.util.Arrays.stream(Outcome.values())
                .map(o -> new Sent<>(o, null)).toArray(Sent<?>[]::new);

        @SuppressWarnings("unchecked")
        static <E> Sent<E> of(Outcome outcome) {
            return (Sent<E>) PLAIN[outcome.ordinal()];
        }
    }

    /**
     * Sends {@code item} into {@code queue} under this policy: the one place that decides
     * whether a full buffer makes the sender wait, refuses, times out, or evicts.
     *
     * @param timeoutNanos the deadline of a {@link #TIMEOUT} send (unused by the others)
     * @throws InterruptedException   if interrupted while waiting (nothing was inserted)
     * @throws QueueClosedException   if the receiver was dropped
     */
    public <E> Sent<E> send(ObservedQueue<E> queue, E item, long timeoutNanos) throws InterruptedException {
        return switch (this) {
            case BLOCK, UNBOUNDED -> {
                queue.put(item);
                yield Sent.of(Outcome.SENT);
            }
            case REJECT -> Sent.of(queue.offer(item) ? Outcome.SENT : Outcome.REJECTED);
            case DROP_NEWEST -> Sent.of(queue.offer(item) ? Outcome.SENT : Outcome.DROPPED_NEWEST);
            case TIMEOUT -> Sent.of(queue.offer(item, timeoutNanos, java.util.concurrent.TimeUnit.NANOSECONDS)
                    ? Outcome.SENT : Outcome.TIMED_OUT);
            case DROP_OLDEST -> {
                E old = queue.offerEvictingOldest(item);
                yield old == null ? Sent.of(Outcome.SENT) : new Sent<>(Outcome.SENT_EVICTING_OLDEST, old);
            }
        };
    }

    /** True if a buffer under this policy has a bound (all but {@link #UNBOUNDED}). */
    public boolean bounded() {
        return this != UNBOUNDED;
    }

    /**
     * Whether the queue's refusals (a full buffer turning an item away) count as rejected (true)
     * or dropped (false) under this policy.
     */
    public boolean refusalsAreRejections() {
        return this == REJECT;
    }

    /** Parses a command-line or file name, case-insensitively, with {@code _} or {@code -}. */
    public static SendPolicy parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (SendPolicy p : values()) {
            if (p.cliName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy " + dev.backflow.units.Names.quote(name) + "; expected one of "
                + java.util.Arrays.stream(values()).map(SendPolicy::cliName).toList());
    }
}
