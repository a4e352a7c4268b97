package dev.backflow.engine;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;

import java.util.Locale;

/**
 * An adaptive concurrency limit in front of a stage, with Netflix's {@code concurrency-limits}
 * (the library Java services use): requests in flight at the stage (queued in its input link or
 * in service) may not exceed a limit that moves with the latency it measures; a send above it is
 * refused at once, as an HTTP 429 would be.
 *
 * <ul>
 *   <li>{@code aimd}: +1 per success while in use, ×0.9 on a drop (a full link's refusal, a shed or
 *       expired item) or a latency over its timeout: the library's defaults;
 *   <li>{@code gradient}: the limit times the ratio of the no-load latency (the least seen lately)
 *       to the latency now, plus a queue: with a tolerance of 1 and a queue of 1 instead of the
 *       library's 2 and √limit, which admit 2.5 to 5 times the ideal in flight in front of a 4-worker
 *       stage (measured: docs/limits.md);
 *   <li>{@code gradient2}: follows the ratio of long-term to short-term latency, plus a queue of 4:
 *       the library's defaults (under a steady overload its long-term latency catches up, and the
 *       limit climbs to its maximum: a lesson of its own);
 *   <li>{@code vegas}: TCP Vegas's queue estimate against thresholds: the library's defaults.
 * </ul>
 * All but Vegas take a minimum limit of 1 instead of the library's 20, since with 20 no stage of
 * fewer than 20 workers could ever be held to its ideal in-flight count.
 *
 * @param kind which algorithm
 */
public record AdaptiveLimit(Kind kind) {

    /** The algorithms, by their names in the pipeline grammar and presets. */
    public enum Kind {
        AIMD("aimd"), GRADIENT("gradient"), GRADIENT2("gradient2"), VEGAS("vegas");

        public final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }
    }

    public AdaptiveLimit {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    /** @throws IllegalArgumentException naming the algorithms */
    public static AdaptiveLimit parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.cliName.equals(t)) {
                return new AdaptiveLimit(k);
            }
        }
        throw new IllegalArgumentException("unknown limit " + dev.backflow.units.Names.quote(text == null ? "" : text)
                + "; expected aimd, gradient, gradient2 or vegas");
    }

    public String format() {
        return kind.cliName;
    }

    /** A fresh limit of this kind (each run's stage gets its own). */
    Limit newLimit() {
        return switch (kind) {
            case AIMD -> AIMDLimit.newBuilder().minLimit(1).build();
            case GRADIENT -> com.netflix.concurrency.limits.limit.GradientLimit.newBuilder().minLimit(1).rttTolerance(1.0).queueSize(1).build();
            case GRADIENT2 -> Gradient2Limit.newBuilder().minLimit(1).build();
            case VEGAS -> com.netflix.concurrency.limits.limit.VegasLimit.newBuilder().build();
        };
    }
}
