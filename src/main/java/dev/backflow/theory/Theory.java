package dev.backflow.theory;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Hop;
import dev.backflow.engine.SendPolicy;
import dev.backflow.units.Units;

/**
 * Chooses the queueing model for a config and predicts its steady state: exact M/M/c/K when
 * arrivals are Poisson and service exponential, M/M/c (Erlang C) or M/D/1 (Pollaczek-Khinchine)
 * for an unbounded buffer, and labelled approximations otherwise (Allen-Cunneen's variability
 * factor; for a finite buffer, the buffer scaled by the same factor, so that less variable
 * traffic behaves like more room). docs/decisions/0009-theory-beside-the-run.md explains each.
 */
public final class Theory {

    /** The most states a finite model is solved with (a scaled buffer can be very long). */
    static final int MAX_STATES = 200_000;

    private Theory() {
    }

    /**
     * What theory predicts for {@code c}'s settings in steady state. Never throws: settings no
     * model covers get a prediction without figures that says why.
     */
    public static Prediction predict(ExperimentConfig c) {
        try {
            return choose(c);
        } catch (RuntimeException e) {
            return Prediction.none("none", "No prediction for these settings (" + e.getMessage() + ").");
        }
    }

    private static Prediction choose(ExperimentConfig c) {
        if (c.callers().closedLoop()) {
            return closedLoop(c);
        }
        if (c.usesLimits()) {
            return Prediction.none("simulation only", "An adaptive concurrency limit moves with the latency it measures "
                    + "(Netflix concurrency-limits): no closed-form model covers it. Its ideal in flight is Little's law for "
                    + "a saturated stage, its workers; the figures here are measured.");
        }
        if (c.usesCodel()) {
            return Prediction.none("simulation only", "CoDel drops items by how long they waited (RFC 8289): no "
                    + "closed-form queueing model covers a queue that sheds by sojourn time, so the figures here are "
                    + "measured, not predicted.");
        }
        if (c.usesDemand()) {
            return Prediction.none("simulation only", "A demand link lets a sender in only against outstanding demand, "
                    + "which the taking side renews in batches: between two requests its room is smaller than its "
                    + "capacity by what was taken since the last one, so no fixed-capacity queue models it (a plain buffer "
                    + "of the same capacity, M/M/1/K, is its best case). The figures here are measured.");
        }
        if (!c.hops().isEmpty()) {
            return bottleneck(c);
        }
        Double ca2 = cv2(c.arrivals());
        Double cs2 = cv2(c.service());
        if (ca2 == null) {
            return Prediction.none("none", "No model for bursty arrivals: they have no steady rate to predict from.");
        }
        double lambda = c.producerRate();
        int servers = c.consumers();
        if (c.consumerDelayMs() <= 0) {
            return new Prediction("instant service", true, 0.0, 0.0, 0.0, lambda, 0.0, null,
                    "Consumers take no time per item, so nothing ever waits.");
        }
        double mu = 1000 / c.consumerDelayMs();
        boolean markov = ca2 == 1 && cs2 == 1;
        return switch (c.policy().whenFull()) {
            case TURNS_AWAY -> loss(c, lambda, mu, servers, ca2, cs2, markov);
            case WAITS -> blocking(c, lambda, mu, servers, ca2, cs2, markov);
            case NEVER -> unbounded(c, lambda, mu, servers, ca2, cs2, markov);
        };
    }

    /** Squared coefficient of variation of a distribution of gaps or service times; null if none. */
    static Double cv2(Distribution d) {
        return switch (d) {
            case Distribution.Constant k -> 0.0;
            case Distribution.Exponential e -> 1.0;
            case Distribution.Uniform u -> u.jitter() * u.jitter() / 3;
            case Distribution.Bursty b -> null;
        };
    }

    private static String kendall(Double ca2, Double cs2) {
        return (ca2 == 1 ? "M" : ca2 == 0 ? "D" : "G") + "/" + (cs2 == 1 ? "M" : cs2 == 0 ? "D" : "G");
    }

    /** A buffer that refuses, drops or times out when full: a loss system. */
    /**
     * Callers that give up and retry: no closed form covers them (the load the server sees depends
     * on how many attempts fail, which depends on the load), so no figures, only the offered load
     * retries can raise: λ × attempts per request, up to λ × (retries + 1).
     */
    private static Prediction closedLoop(ExperimentConfig c) {
        double lambda = c.producerRate();
        int most = c.callers().maxAttempts();
        String capacity = "";
        if (c.hops().isEmpty() && c.consumerDelayMs() > 0) {
            capacity = " against the consumers' " + dev.backflow.units.Units.format(c.consumers() * 1000 / c.consumerDelayMs(),
                    dev.backflow.units.Units.Unit.PER_SECOND);
        }
        String load = most == 1 ? "each request is one attempt, so the load is λ = "
                + dev.backflow.units.Units.format(lambda, dev.backflow.units.Units.Unit.PER_SECOND) + capacity
                : "retries raise the load to λ × attempts per request: from "
                + dev.backflow.units.Units.format(lambda, dev.backflow.units.Units.Unit.PER_SECOND) + " up to "
                + dev.backflow.units.Units.format(lambda * most, dev.backflow.units.Units.Unit.PER_SECOND)
                + " (" + most + " attempts)" + capacity;
        return Prediction.none("simulation only", "Callers give up and retry: " + load
                + ". No closed-form model covers callers that time out and retry (how many attempts fail depends on "
                + "the load they make), so the figures here are measured, not predicted.");
    }

    private static Prediction loss(ExperimentConfig c, double lambda, double mu, int servers, double ca2, double cs2,
                                   boolean markov) {
        int buffer = c.capacity();
        String note;
        boolean exact;
        long scaled;
        double factor = Queueing.allenCunneen(ca2, cs2);
        if (markov) {
            scaled = buffer;
            String left = c.policy().lossModelNote();
            exact = left == null;
            note = exact ? "Exact: Poisson arrivals, exponential service, K = capacity + consumers."
                    : c.policy() instanceof SendPolicy.DropOldest ? "Exact for fill, drops and throughput; " + left + "."
                    : "Approximation: " + left + ".";
        } else {
            // Less variable traffic needs less room: scale the buffer by 1 / factor.
            scaled = factor <= 0 ? Long.MAX_VALUE : Math.round(buffer / factor);
            exact = false;
            note = "Approximation: " + kendall(ca2, cs2) + " traffic as M/M/c/K with the buffer scaled by 2 / (ca² + cs²)"
                    + (c.policy() instanceof SendPolicy.Timeout ? "; a timed-out send counted as a rejection." : ".");
        }
        String model = (markov ? "M/M/" : kendall(ca2, cs2) + "/") + servers + "/"
                + (markov ? Units.number(buffer + (double) servers) : "K") + (exact ? "" : " (approx.)");
        if (scaled > MAX_STATES - servers) {
            // So much (effective) room that the buffer never fills below saturation.
            return saturatingOrInfinite(model, exact, note, lambda, mu, servers, buffer, factor);
        }
        Queueing.Figures f = Queueing.mmck(lambda, mu, servers, (int) scaled + servers);
        double fill = markov ? f.meanInQueue() : Math.min(buffer, f.meanInQueue() * factor);
        return new Prediction(model, exact, f.utilisation(), fill, f.fullProbability(), f.throughput(),
                f.throughput() > 0 ? fill / f.throughput() * 1000 : 0.0, null, note);
    }

    /** A scaled buffer too long to solve: below saturation nothing is lost, above it the excess is. */
    private static Prediction saturatingOrInfinite(String model, boolean exact, String note, double lambda, double mu,
                                                   int servers, int buffer, double factor) {
        Queueing.Figures f = Queueing.mmc(lambda, mu, servers, Long.MAX_VALUE);
        if (f == null) {
            double served = servers * mu;
            return new Prediction(model, exact, 1.0, (double) buffer, 1 - served / lambda, served,
                    buffer / served * 1000, null, note);
        }
        double fill = Math.min(buffer, f.meanInQueue() * factor);
        return new Prediction(model, exact, f.utilisation(), fill, 0.0, lambda, fill / lambda * 1000, null, note);
    }

    /**
     * A blocking buffer: a sender that finds it full parks holding its item, and the items that
     * fall due meanwhile wait in the sender, up to {@link ExperimentConfig#PRODUCER_CATCH_UP_NANOS}
     * of them (older ones are skipped). So the system is M/M/c/K with K = consumers + capacity +
     * the items that fit in the catch-up window; a send parks when it finds the buffer full.
     */
    private static Prediction blocking(ExperimentConfig c, double lambda, double mu, int servers, double ca2, double cs2,
                                       boolean markov) {
        int buffer = c.capacity();
        double factor = Queueing.allenCunneen(ca2, cs2);
        long room = markov ? buffer : factor <= 0 ? Long.MAX_VALUE / 4 : Math.round(buffer / factor);
        long owed = Math.max(1, Math.round(lambda * ExperimentConfig.PRODUCER_CATCH_UP_NANOS / 1e9));
        String base = (markov ? "M/M/" : kendall(ca2, cs2) + "/") + servers;
        String note = "Approximation: M/M/c/K with the items that find the buffer full waiting in their parked sender, "
                + "up to the " + ExperimentConfig.PRODUCER_CATCH_UP_NANOS / 1_000_000 + " ms a producer catches up ("
                + owed + (owed == 1 ? " item" : " items") + ")" + (markov ? "." : ", and the buffer scaled by 2 / (ca² + cs²).");
        if (room > MAX_STATES - servers - owed) {
            // So much (effective) room that the buffer never fills below saturation; above it,
            // the buffer stays full and every send parks (the excess is never sent).
            Prediction p = saturatingOrInfinite(base + ", blocking sender (approx.)", false, note, lambda, mu, servers,
                    buffer, factor);
            return p.utilisation() >= 1 ? new Prediction(p.model(), false, 1.0, p.meanFill(), 1.0, p.throughputPerSecond(),
                    p.queueWaitMillis(), null, note) : p;
        }
        int k = (int) (servers + room + owed);
        double[] p = Queueing.birthDeath(lambda, mu, servers, k);
        double inBuffer = 0;
        double parks = 0;
        for (int n = 0; n <= k; n++) {
            inBuffer += Math.min(Math.max(n - servers, 0), room) * p[n];
            if (n >= servers + room && n < k) {
                parks += p[n];
            }
        }
        double sent = 1 - p[k];                 // the share of due items that are sent at all
        double throughput = lambda * sent;
        double fill = markov ? inBuffer : Math.min(buffer, inBuffer * factor);
        return new Prediction(base + ", blocking sender (approx.)", false, throughput / (servers * mu), fill,
                sent > 0 ? parks / sent : 1.0, throughput, throughput > 0 ? fill / throughput * 1000 : 0.0, null, note);
    }

    /** An unbounded buffer: M/M/c, M/D/1, or Allen-Cunneen; no steady state when ρ ≥ 1. */
    private static Prediction unbounded(ExperimentConfig c, double lambda, double mu, int servers, double ca2, double cs2,
                                        boolean markov) {
        Queueing.Figures f = Queueing.mmc(lambda, mu, servers, Long.MAX_VALUE);
        String kind = kendall(ca2, cs2) + "/" + servers;
        if (f == null) {
            double growth = lambda - servers * mu;
            double items = c.memoryBudgetBytes() / (double) c.itemSizeBytes();
            return new Prediction(kind + " (no steady state)", false, 1.0, null, 0.0, servers * mu, null,
                    growth > 0 ? items / growth : null,
                    "No steady state: ρ ≥ 1, so the buffer grows by " + Units.number(Math.round(growth))
                            + " items a second until the memory budget is reached.");
        }
        boolean md1 = ca2 == 1 && cs2 == 0 && servers == 1;
        boolean exact = markov || md1;
        double factor = markov ? 1 : Queueing.allenCunneen(ca2, cs2);
        double fill = f.meanInQueue() * factor;
        String note = markov ? "Exact: M/M/c (Erlang C)."
                : md1 ? "Exact: M/D/1 (Pollaczek-Khinchine)."
                : "Approximation (Allen-Cunneen): M/M/c scaled by (ca² + cs²) / 2.";
        return new Prediction(kind + (exact ? "" : " (approx.)"), exact, f.utilisation(), fill, 0.0, lambda,
                fill / lambda * 1000, null, note);
    }

    /** A pipeline: its throughput is its slowest stage's; nothing else is predicted. */
    private static Prediction bottleneck(ExperimentConfig c) {
        double best = c.producerRate();
        String slowest = c.sourceName();
        for (Hop h : c.hops()) {
            double rate = h.serviceMs() <= 0 ? Double.POSITIVE_INFINITY : h.workers() * 1000 / h.serviceMs();
            if (rate < best) {
                best = rate;
                slowest = h.name();
            }
        }
        double sink = c.consumerDelayMs() <= 0 ? Double.POSITIVE_INFINITY : c.consumers() * 1000 / c.consumerDelayMs();
        if (sink < best) {
            best = sink;
            slowest = c.sinkName();
        }
        Double utilisation = Double.isFinite(sink) ? best / sink : 0.0;
        return new Prediction("tandem, bottleneck (approx.)", false, utilisation, null, null, best, null, null,
                "Approximation: a chain runs at its slowest stage's pace (here " + slowest
                        + "); fill and waits depend on the whole chain and are not predicted.");
    }
}
