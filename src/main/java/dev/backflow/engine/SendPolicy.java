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

    /** Parses a command-line or file name, case-insensitively, with {@code _} or {@code -}. */
    public static SendPolicy parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (SendPolicy p : values()) {
            if (p.cliName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy \"" + name + "\"; expected one of "
                + java.util.Arrays.stream(values()).map(SendPolicy::cliName).toList());
    }
}
