package dev.backflow.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backflow.telemetry.CallerCounts;
import dev.backflow.telemetry.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The callers' part of a run's summary (closed-loop runs: a deadline or retries), written at the
 * summary's top level (docs/cli.md names every field: a stable format, add, never rename).
 *
 * @param requests           requests the source made
 * @param succeeded          requests with a good attempt
 * @param failed             requests whose caller gave up for good
 * @param goodputPerSecond   good attempts (succeeded requests) per second of the run: goodput
 * @param attempts           attempts made in all
 * @param good               attempts served while their caller still waited
 * @param late               attempts served after their caller gave up (wasted work)
 * @param refusedAttempts    attempts a link turned away
 * @param expired            attempts whose deadline passed before anyone served them
 * @param retries            attempts after a request's first
 * @param attemptsPerRequest {@code mean} (the amplification) and {@code max}
 * @param endToEndMillis     first attempt to success, each succeeded request: mean, p50, p90, p99, max
 * @param retryBudget        {@code denied} retries and {@code tokensMin}, with a budget only
 * @param perSecond          one row per second: requests, attempts, retries, good, late, refused and
 *                           expired per second, and the goodput share of the requests ({@code t}: the
 *                           end of the second, seconds into the run)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallerSummary(long requests, long succeeded, long failed, double goodputPerSecond, long attempts, long good,
                            long late, long refusedAttempts, long expired, long retries,
                            Map<String, Double> attemptsPerRequest, Map<String, Double> endToEndMillis,
                            Map<String, Double> retryBudget, List<Map<String, Double>> perSecond) {

    /** The callers' summary of a run at {@code last}, or null for an open-loop run. */
    static CallerSummary of(Snapshot last, List<CallerCounts> secondly, List<Double> secondlyAt) {
        CallerCounts k = last.counts().calls();
        if (k == null) {
            return null;
        }
        double elapsed = last.elapsedSeconds();
        Map<String, Double> amplification = new LinkedHashMap<>();
        amplification.put("mean", k.requests() == 0 ? 0 : round(k.amplification()));
        amplification.put("max", (double) k.maxAttempts());
        Snapshot.WaitPercentiles w = last.calls() == null ? Snapshot.WaitPercentiles.NONE : last.calls().endToEnd();
        Map<String, Double> e2e = new LinkedHashMap<>();
        e2e.put("mean", round(w.mean()));
        e2e.put("p50", round(w.p50()));
        e2e.put("p90", round(w.p90()));
        e2e.put("p99", round(w.p99()));
        e2e.put("max", round(w.max()));
        Map<String, Double> budget = null;
        if (!Double.isNaN(k.tokensMin())) {
            budget = new LinkedHashMap<>();
            budget.put("denied", (double) k.denied());
            budget.put("tokensMin", round(k.tokensMin()));
        }
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 1; i < secondly.size(); i++) {
            CallerCounts a = secondly.get(i - 1);
            CallerCounts b = secondly.get(i);
            double dt = secondlyAt.get(i) - secondlyAt.get(i - 1);
            if (dt <= 0) {
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("t", round(secondlyAt.get(i)));
            row.put("requests", round((b.requests() - a.requests()) / dt));
            row.put("attempts", round((b.attempts() - a.attempts()) / dt));
            row.put("retries", round((b.retries() - a.retries()) / dt));
            row.put("good", round((b.good() - a.good()) / dt));
            row.put("late", round((b.late() - a.late()) / dt));
            row.put("refused", round((b.refused() - a.refused()) / dt));
            row.put("expired", round((b.expired() - a.expired()) / dt));
            long asked = b.requests() - a.requests();
            row.put("goodputShare", asked == 0 ? 0 : round((b.good() - a.good()) / (double) asked));
            rows.add(row);
        }
        return new CallerSummary(k.requests(), k.succeeded(), k.failed(), elapsed > 0 ? round(k.good() / elapsed) : 0,
                k.attempts(), k.good(), k.late(), k.refused(), k.expired(), k.retries(), amplification, e2e, budget, rows);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Lines for the text summary. */
    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Callers: %,d requests · %,d succeeded · %,d gave up · goodput %.2f/s%n",
                requests, succeeded, failed, goodputPerSecond));
        b.append(String.format(Locale.ROOT, "Attempts: %,d (%.2f per request, at most %.0f) · good %,d · late %,d · refused %,d · expired %,d · retries %,d%n",
                attempts, attemptsPerRequest.get("mean"), attemptsPerRequest.get("max"), good, late, refusedAttempts, expired, retries));
        b.append(String.format(Locale.ROOT, "End to end (first attempt to success): p50 %.2f ms · p99 %.2f ms · max %.2f ms%n",
                endToEndMillis.get("p50"), endToEndMillis.get("p99"), endToEndMillis.get("max")));
        if (retryBudget != null) {
            b.append(String.format(Locale.ROOT, "Retry budget: %,.0f retries denied · fewest tokens %.2f%n",
                    retryBudget.get("denied"), retryBudget.get("tokensMin")));
        }
        return b.toString();
    }
}
