package dev.backflow.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Two runs on one seeded workload, side by side: both summaries and B − A for the figures a
 * comparison is read by. The same for {@code backflow compare} and the window's A/B mode.
 *
 * @param difference B minus A: throughput, queue wait p99, the producers' parked share, items
 *                   refused (rejected + dropped + timed out), memory at the end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(RunSummary a, RunSummary b, Map<String, Double> difference) {

    public Comparison {
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
        difference = Map.copyOf(difference);
    }

    /** A and B with their differences worked out. */
    public static Comparison of(RunSummary a, RunSummary b) {
        return new Comparison(a, b, difference(a, b));
    }

    /** B − A for the figures a comparison is read by, in a fixed order. */
    static Map<String, Double> difference(RunSummary a, RunSummary b) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("throughputPerSecond", round(b.throughputPerSecond() - a.throughputPerSecond()));
        d.put("queueWaitP99Millis", round(queueWaitP99(b) - queueWaitP99(a)));
        d.put("parkedShare", round(parkedShare(b) - parkedShare(a)));
        d.put("refused", (double) (refused(b) - refused(a)));
        d.put("memoryBytesAtEnd", (double) (b.memoryBytesAtEnd() - a.memoryBytesAtEnd()));
        if (a.callers() != null && b.callers() != null) { // closed-loop runs: what their callers got, and waited
            d.put("goodputPerSecond", round(b.callers().goodputPerSecond() - a.callers().goodputPerSecond()));
            d.put("endToEndP99Millis", round(b.callers().endToEndMillis().get("p99") - a.callers().endToEndMillis().get("p99")));
        }
        return d;
    }

    /** The 99th percentile of the wait in the (first) buffer, ms; 0 before any item was taken. */
    public static double queueWaitP99(RunSummary s) {
        Double p99 = s.queueWaitMillis() == null ? null : s.queueWaitMillis().get("p99");
        return p99 == null ? 0 : p99;
    }

    /** The producers' share of time parked. */
    public static double parkedShare(RunSummary s) {
        Object producers = s.config().get("producers");
        int n = producers instanceof Number p ? Math.max(1, p.intValue()) : 1;
        return s.elapsedSeconds() > 0 ? Math.min(1, s.producerParkedSeconds() / (s.elapsedSeconds() * n)) : 0;
    }

    /** Items turned away: rejected, dropped or timed out at a full link, shed by a link's CoDel, or refused by a stage's limit. */
    public static long refused(RunSummary s) {
        long shed = s.links() == null ? 0 : s.links().stream()
                .mapToLong(l -> l.codelDrops() == null ? 0 : l.codelDrops()).sum();
        long limited = s.stages() == null ? 0 : s.stages().stream()
                .mapToLong(st -> st.refusedByLimit() == null ? 0 : st.refusedByLimit()).sum();
        return s.rejected() + s.dropped() + s.timedOut() + shed + limited;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }
}
