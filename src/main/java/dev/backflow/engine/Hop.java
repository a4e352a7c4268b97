package dev.backflow.engine;

import java.util.Objects;

/**
 * One step of a pipeline beyond the first link: a middle stage and the bounded link it sends
 * into. A pipeline is {@code source → link → [stage → link]* → sink}; the source, the first link
 * and the sink are the experiment's producers, buffer and consumers, and each hop adds one stage
 * and one link (docs/decisions/0008-pipelines.md).
 *
 * <p>A <b>coupled</b> stage (the default, like tokio's {@code Framed}: one task reads and writes)
 * has workers that take an item from the input link, work on it for the (drawn) service time,
 * then send it into the output link under that link's policy. While a send is blocked the worker
 * still holds the item and takes no other: backpressure travels upstream.
 *
 * <p>A <b>decoupled</b> stage reads and writes on separate workers: its workers take and work on
 * items and hand them to the stage's own unbounded buffer, and one writer sends from that buffer
 * into the output link. A full output link parks only the writer; the workers read on, and the
 * stage's buffer (and memory) grows instead: the "read faster than you write" case.
 *
 * @param name      the stage's name, for summaries and the window
 * @param workers   worker threads of the stage ({@link Limits#PRODUCERS})
 * @param serviceMs mean time a worker spends per item ({@link Limits#CONSUMER_DELAY_MS})
 * @param service   how service times vary around the mean (not bursty)
 * @param capacity  the output link's bound ({@link Limits#CAPACITY}; unused when unbounded)
 * @param policy    what the stage does when its output link is full
 * @param coupled   true if a blocked send stops the stage's reads (the default); false for a
 *                  stage that reads on into its own buffer while one writer waits
 * @param checksDeadlines true if the stage skips an item whose caller's deadline has passed when
 *                  it takes it (deadline propagation; {@code check-deadlines} in the pipeline
 *                  grammar), instead of doing work nobody waits for
 * @param codel     CoDel on the output link (RFC 8289), or null for none
 * @param limit     an adaptive concurrency limit on what is in flight at this stage (its input
 *                  link and its workers), or null for none
 * @param demand    the output link as a demand link (its capacity the prefetch; {@link Demand}),
 *                  or null for a plain bounded buffer
 */
public record Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy,
                  boolean coupled, boolean checksDeadlines, CoDel codel, AdaptiveLimit limit, Demand demand) {

    /** A stage whose output link is a plain bounded buffer. */
    public Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy,
               boolean coupled, boolean checksDeadlines, CoDel codel, AdaptiveLimit limit) {
        this(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, limit, null);
    }

    /** A stage whose output link has no CoDel. */
    public Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy,
               boolean coupled, boolean checksDeadlines) {
        this(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, null, null);
    }

    /** A stage without an adaptive limit in front of it. */
    public Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy,
               boolean coupled, boolean checksDeadlines, CoDel codel) {
        this(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, null);
    }

    /** A stage that serves every item it takes, however late ({@code checksDeadlines} false). */
    public Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy,
               boolean coupled) {
        this(name, workers, serviceMs, service, capacity, policy, coupled, false);
    }

    /** A coupled stage. */
    public Hop(String name, int workers, double serviceMs, Distribution service, int capacity, SendPolicy policy) {
        this(name, workers, serviceMs, service, capacity, policy, true);
    }

    /** @throws IllegalArgumentException naming the first setting out of range */
    public Hop {
        requireName(name);
        Limits.PRODUCERS.require(workers);
        Limits.CONSUMER_DELAY_MS.require(serviceMs);
        Objects.requireNonNull(service, "service");
        if (service instanceof Distribution.Bursty) {
            throw new IllegalArgumentException("bursty applies to the source only; a stage's service times can be constant, exponential or uniform");
        }
        Limits.CAPACITY.require(capacity);
        Objects.requireNonNull(policy, "policy");
        if (demand != null && Demand.refusal(policy) != null) {
            throw new IllegalArgumentException(Demand.refusal(policy));
        }
    }

    /** Checks a stage's name and returns it: 1 to 40 characters, not blank, no {@code |} (it separates a pipeline's parts). */
    public static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 40 || name.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a stage needs a name of 1 to 40 characters without \"|\"; got "
                    + dev.backflow.units.Names.quote(name));
        }
        dev.backflow.units.Names.problem(name, "a stage name").ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return name;
    }

    public Hop withName(String v) { return new Hop(v, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, limit, demand); }
    public Hop withWorkers(int v) { return new Hop(name, v, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, limit, demand); }
    public Hop withServiceMs(double v) { return new Hop(name, workers, v, service, capacity, policy, coupled, checksDeadlines, codel, limit, demand); }
    public Hop withCapacity(int v) { return new Hop(name, workers, serviceMs, service, v, policy, coupled, checksDeadlines, codel, limit, demand); }
    public Hop withPolicy(SendPolicy v) { return new Hop(name, workers, serviceMs, service, capacity, v, coupled, checksDeadlines, codel, limit, demand); }
    public Hop withCoupled(boolean v) { return new Hop(name, workers, serviceMs, service, capacity, policy, v, checksDeadlines, codel, limit, demand); }
    public Hop withChecksDeadlines(boolean v) { return new Hop(name, workers, serviceMs, service, capacity, policy, coupled, v, codel, limit, demand); }
    public Hop withCodel(CoDel v) { return new Hop(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, v, limit, demand); }
    public Hop withDemand(Demand v) { return new Hop(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, limit, v); }
    public Hop withLimit(AdaptiveLimit v) { return new Hop(name, workers, serviceMs, service, capacity, policy, coupled, checksDeadlines, codel, v, demand); }

    /** Mean service time in nanoseconds. */
    public long serviceNanos() {
        return Math.round(serviceMs * 1e6);
    }

    /** The output link's bound: the capacity, or no bound under UNBOUNDED. */
    public int effectiveCapacity() {
        return policy.bounded() ? capacity : ObservedQueue.UNBOUNDED;
    }
}
