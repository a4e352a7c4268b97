package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.units.Units;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a sender does when its link is full: the tutorials' decision matrix, mapped onto the
 * {@link java.util.concurrent.BlockingQueue} verbs. One record per policy, each with the
 * parameters it needs (a {@link Timeout} carries its own deadline, so two links can time out
 * differently) and everything the rest of the program asks of it: how it sends, which of its
 * refusals count as rejections, which sends theory counts as "found the buffer full", and how
 * it reads in a label and on the command line. A new policy is one record here, its name in
 * {@link #parse} and {@link #KINDS}, and its model in {@code theory.Theory}
 * (docs/decisions/0013-the-engine-s-shape.md).
 */
public sealed interface SendPolicy {

    /** {@code put}: the producer parks until there is space (tokio {@code send().await}). */
    record Block() implements SendPolicy {
        @Override public String cliName() { return "block"; }
        @Override public String label() { return "Block (put)"; }
        @Override public String description() { return "put: the producer parks until there is space"; }
        @Override public Full whenFull() { return Full.WAITS; }
        @Override public long fullSends(Counts c) { return c.producerParks(); }
        @Override public String fullSendsName() { return "Sends that park"; }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) throws InterruptedException {
            queue.put(item);
            return Sent.of(Outcome.SENT);
        }
    }

    /** {@code offer}: fails at once and the item is rejected (tokio {@code try_send}). */
    record Reject() implements SendPolicy {
        @Override public String cliName() { return "reject"; }
        @Override public String label() { return "Reject (try_send)"; }
        @Override public String description() { return "offer: a full buffer refuses the item at once"; }
        @Override public boolean refusalsAreRejections() { return true; }
        @Override public long fullSends(Counts c) { return c.rejected(); }
        @Override public String fullSendsName() { return "Rejected share"; }
        @Override public String lossModelNote() { return null; }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) {
            return Sent.of(queue.offer(item) ? Outcome.SENT : Outcome.REJECTED);
        }
    }

    /**
     * {@code offer(e, timeout)}: waits up to its own deadline, then gives up.
     *
     * @param millis the deadline, ms ({@link Limits#TIMEOUT_MS})
     */
    record Timeout(double millis) implements SendPolicy {
        /** @throws IllegalArgumentException if the deadline is out of range */
        public Timeout {
            Limits.TIMEOUT_MS.require(millis);
        }

        /** The deadline in nanoseconds. */
        public long nanos() {
            return Math.round(millis * 1e6);
        }

        @Override public String cliName() { return "timeout"; }
        @Override public String label() { return "Time out (offer with deadline)"; }
        @Override public String description() { return "offer with a deadline: wait up to the timeout, then give up"; }
        @Override public long fullSends(Counts c) { return c.timedOut(); }
        @Override public String fullSendsName() { return "Timed-out share"; }
        @Override public String lossModelNote() {
            return "a timed-out send is counted as a rejection (a sender that waits is not modelled)";
        }
        @Override public String format() { return "timeout " + Units.format(millis, Units.Unit.MILLISECONDS).replace(" ", ""); }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) throws InterruptedException {
            return Sent.of(queue.offer(item, nanos(), TimeUnit.NANOSECONDS) ? Outcome.SENT : Outcome.TIMED_OUT);
        }
    }

    /** {@code offer}: the new item is discarded when full. */
    record DropNewest() implements SendPolicy {
        @Override public String cliName() { return "drop-newest"; }
        @Override public String label() { return "Drop newest"; }
        @Override public String description() { return "the new item is discarded when the buffer is full"; }
        @Override public long fullSends(Counts c) { return c.dropped(); }
        @Override public String fullSendsName() { return "Dropped share"; }
        @Override public String lossModelNote() { return null; }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) {
            return Sent.of(queue.offer(item) ? Outcome.SENT : Outcome.DROPPED_NEWEST);
        }
    }

    /** {@code poll} + {@code offer}: the oldest queued item is discarded to make room. */
    record DropOldest() implements SendPolicy {
        @Override public String cliName() { return "drop-oldest"; }
        @Override public String label() { return "Drop oldest"; }
        @Override public String description() { return "the oldest queued item is discarded to make room"; }
        @Override public long fullSends(Counts c) { return c.dropped(); }
        @Override public String fullSendsName() { return "Dropped share"; }
        @Override public String lossModelNote() {
            return "an evicted item's wait is not counted, so the queue wait is approximate";
        }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) {
            E old = queue.offerEvictingOldest(item);
            return old == null ? Sent.of(Outcome.SENT) : new Sent<>(Outcome.SENT_EVICTING_OLDEST, old);
        }
    }

    /** No bound: the buffer, and memory, grow until the memory budget kills the run. */
    record Unbounded() implements SendPolicy {
        @Override public String cliName() { return "unbounded"; }
        @Override public String label() { return "Unbounded (memory grows)"; }
        @Override public String description() { return "no bound: memory grows until the budget is exceeded"; }
        @Override public boolean bounded() { return false; }
        @Override public Full whenFull() { return Full.NEVER; }
        @Override public long fullSends(Counts c) { return 0; }
        @Override public String fullSendsName() { return "Buffer full"; }

        @Override
        public <E> Sent<E> send(ObservedQueue<E> queue, E item) throws InterruptedException {
            queue.put(item);
            return Sent.of(Outcome.SENT);
        }
    }

    SendPolicy BLOCK = new Block();
    SendPolicy REJECT = new Reject();
    /** The timeout policy with the default deadline (100 ms). */
    Timeout TIMEOUT = new Timeout(100);
    SendPolicy DROP_NEWEST = new DropNewest();
    SendPolicy DROP_OLDEST = new DropOldest();
    SendPolicy UNBOUNDED = new Unbounded();

    /** One of each kind, in the order a picker lists them (the timeout with its default deadline). */
    List<SendPolicy> KINDS = List.of(BLOCK, REJECT, TIMEOUT, DROP_NEWEST, DROP_OLDEST, UNBOUNDED);

    /** What a full buffer means for a send under a policy: the family of model theory uses. */
    enum Full {
        /** The sender parks until there is space: a blocking system. */
        WAITS,
        /** The buffer turns the send away (rejects, drops, evicts or times out): a loss system. */
        TURNS_AWAY,
        /** There is no bound: the buffer grows. */
        NEVER
    }

    /** The name shown in a picker. */
    String label();

    /** The lower-case name used on the command line and in files. */
    String cliName();

    /** One line on what the policy does. */
    String description();

    /**
     * Sends {@code item} into {@code queue} under this policy: the one place that decides
     * whether a full buffer makes the sender wait, refuses, times out, or evicts.
     *
     * @throws InterruptedException if interrupted while waiting (nothing was inserted)
     * @throws QueueClosedException if the receiver was dropped
     */
    <E> Sent<E> send(ObservedQueue<E> queue, E item) throws InterruptedException;

    /** What a full buffer means for this policy's sends. */
    default Full whenFull() {
        return Full.TURNS_AWAY;
    }

    /** True if a buffer under this policy has a bound (all but {@link Unbounded}). */
    default boolean bounded() {
        return true;
    }

    /**
     * Whether the queue's refusals (a full buffer turning an item away) count as rejected (true)
     * or dropped (false) under this policy.
     */
    default boolean refusalsAreRejections() {
        return false;
    }

    /**
     * The sends in {@code c} that found the buffer full, in the sense theory predicts for this
     * policy: parks for block, rejections for reject, time-outs for timeout, drops for the drops.
     */
    long fullSends(Counts c);

    /** The name of that figure, as a row of the theory panel shows it. */
    String fullSendsName();

    /**
     * For a loss system with Poisson arrivals and exponential service, what M/M/c/K leaves out
     * for this policy, as a clause; null if it is exact. Only asked when {@link #whenFull()} is
     * {@link Full#TURNS_AWAY}.
     */
    default String lossModelNote() {
        return "not modelled";
    }

    /** The policy as the pipeline grammar writes it after a capacity: {@code block}, {@code timeout 250ms}. */
    default String format() {
        return cliName();
    }

    /** The entry of {@link #KINDS} of this policy's kind (what a picker shows selected). */
    default SendPolicy kind() {
        return KINDS.stream().filter(this::sameKind).findFirst().orElse(this);
    }

    /** True if {@code other} is the same kind of policy, whatever its parameters. */
    default boolean sameKind(SendPolicy other) {
        return other != null && other.getClass() == getClass();
    }

    /** What became of one send: every send ends in exactly one of these. */
    enum Outcome {
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
    record Sent<E>(Outcome outcome, E evicted) {
        private static final Sent<?>[] PLAIN = java.util.Arrays.stream(Outcome.values())
                .map(o -> new Sent<>(o, null)).toArray(Sent<?>[]::new);

        @SuppressWarnings("unchecked")
        static <E> Sent<E> of(Outcome outcome) {
            return (Sent<E>) PLAIN[outcome.ordinal()];
        }
    }

    /**
     * Parses a command-line or file name, case-insensitively, with {@code _} or {@code -}: one of
     * {@link #KINDS}, a timeout with its default deadline.
     */
    static SendPolicy parse(String name) {
        return parse(name, TIMEOUT.millis());
    }

    /** As {@link #parse(String)}, a bare {@code timeout} getting {@code timeoutMs}. */
    static SendPolicy parse(String name, double timeoutMs) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SendPolicy p : KINDS) {
            if (p.cliName().equals(n)) {
                return p instanceof Timeout ? new Timeout(timeoutMs) : p;
            }
        }
        throw new IllegalArgumentException("unknown policy " + dev.backflow.units.Names.quote(name) + "; expected one of "
                + KINDS.stream().map(SendPolicy::cliName).toList());
    }
}
