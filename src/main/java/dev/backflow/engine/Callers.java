package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.Objects;

/**
 * What the source's callers do with their requests (docs/callers.md). With the defaults
 * ({@link #NONE}) the source is an open loop: a producer sends and forgets, as in the tutorials.
 * With a deadline or retries each request gets its own caller, a virtual thread, that sends the
 * request's item, waits for the sink to serve it (or for its deadline), and retries after a
 * backoff when its attempt failed, through resilience4j's {@code Retry}.
 *
 * @param deadlineMs     each attempt's deadline, ms after it starts (0: the caller waits as long
 *                       as it takes; {@link Limits#DEADLINE_MS}). An item served after its
 *                       caller gave up is <em>late</em>: its work was wasted
 * @param retries        retries after the first attempt ({@link Limits#RETRIES}); a retry follows
 *                       a refused send, a dropped item, an expired one or a passed deadline
 * @param backoff        the wait before each retry
 * @param budget         a retry budget, or null for none
 * @param checkDeadlines whether the sink skips items whose deadline has passed when it takes
 *                       them (a middle stage's own setting is {@link Hop#checksDeadlines()})
 */
public record Callers(double deadlineMs, int retries, Backoff backoff, RetryBudget budget, boolean checkDeadlines) {

    /** Open loop: no deadline, no retries. */
    public static final Callers NONE = new Callers(0, 0, Backoff.NONE, null, false);

    /** @throws IllegalArgumentException naming the first setting out of range */
    public Callers {
        Limits.DEADLINE_MS.require(deadlineMs);
        Limits.RETRIES.require(retries);
        Objects.requireNonNull(backoff, "backoff");
    }

    /** True when each request has a caller that waits for it: a deadline or retries are set. */
    public boolean closedLoop() {
        return deadlineMs > 0 || retries > 0;
    }

    /** Attempts a request may make: the first and its retries. */
    public int maxAttempts() {
        return retries + 1;
    }

    public long deadlineNanos() {
        return Math.round(deadlineMs * 1e6);
    }

    public Callers withDeadlineMs(double v) { return new Callers(v, retries, backoff, budget, checkDeadlines); }
    public Callers withRetries(int v) { return new Callers(deadlineMs, v, backoff, budget, checkDeadlines); }
    public Callers withBackoff(Backoff v) { return new Callers(deadlineMs, retries, v, budget, checkDeadlines); }
    public Callers withBudget(RetryBudget v) { return new Callers(deadlineMs, retries, backoff, v, checkDeadlines); }
    public Callers withCheckDeadlines(boolean v) { return new Callers(deadlineMs, retries, backoff, budget, v); }

    /** One line, as the command line would say it: "deadline 200ms, 2 retries (none), budget 10/0.1". */
    public String describe() {
        if (!closedLoop()) {
            return "open loop (no deadline, no retries)";
        }
        StringBuilder b = new StringBuilder();
        b.append(deadlineMs > 0 ? "deadline " + Units.format(deadlineMs, Unit.MILLISECONDS) : "no deadline");
        b.append(", ").append(retries == 1 ? "1 retry" : retries + " retries");
        if (retries > 0) {
            b.append(" (backoff ").append(backoff.format()).append(')');
            if (budget != null) {
                b.append(", budget ").append(budget.format());
            }
        }
        if (checkDeadlines) {
            b.append(", the sink checks deadlines");
        }
        return b.toString();
    }
}
