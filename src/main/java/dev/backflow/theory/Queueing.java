package dev.backflow.theory;

/**
 * Steady-state formulas of queueing theory, as in Gross &amp; Harris, <i>Fundamentals of Queueing
 * Theory</i>, ch. 2-3, and Kleinrock, <i>Queueing Systems</i> vol. 1. Rates are per second,
 * times in seconds. Pure functions; no state.
 *
 * <p>State probabilities are computed in log space and normalised by their largest term, so
 * thousands of servers and tens of thousands of places neither overflow nor underflow.
 */
public final class Queueing {

    private Queueing() {
    }

    /**
     * Figures of a queue in steady state.
     *
     * @param utilisation     share of server time busy, λ_eff / (c μ)
     * @param meanInQueue     mean number waiting (not in service), L_q
     * @param meanInSystem    mean number in the system, L
     * @param fullProbability the probability an arrival finds the system full (M/M/c/K: P_K, the
     *                        loss probability) or, for an unlimited queue, that it finds at least
     *                        {@code c + buffer} in the system (see {@link #mmc})
     * @param throughput      accepted (and served) per second, λ_eff
     * @param meanWait        mean time waiting before service, W_q, seconds
     * @param probabilityEmpty the probability the system is empty, p_0
     */
    public record Figures(double utilisation, double meanInQueue, double meanInSystem, double fullProbability,
                          double throughput, double meanWait, double probabilityEmpty) {
    }

    /**
     * M/M/c/K: Poisson arrivals at {@code lambda}, {@code c} exponential servers at {@code mu}
     * each, room for {@code k} in the system ({@code k >= c}); an arrival that finds k present is
     * lost. Exact.
     */
    public static Figures mmck(double lambda, double mu, int c, int k) {
        requirePositive(lambda, mu, c);
        if (k < c) {
            throw new IllegalArgumentException("K must be at least c; got K=" + k + ", c=" + c);
        }
        double[] p = birthDeath(lambda, mu, c, k);
        double lq = 0;
        double l = 0;
        for (int n = 0; n <= k; n++) {
            l += n * p[n];
            if (n > c) {
                lq += (n - c) * p[n];
            }
        }
        double full = p[k];
        double throughput = lambda * (1 - full);
        return new Figures(throughput / (c * mu), lq, l, full, throughput, throughput > 0 ? lq / throughput : 0, p[0]);
    }

    /** The state probabilities p_0..p_k of M/M/c/K. */
    static double[] birthDeath(double lambda, double mu, int c, int k) {
        double a = lambda / mu;
        double[] log = new double[k + 1];
        double max = 0;
        for (int n = 1; n <= k; n++) {
            log[n] = log[n - 1] + Math.log(a / Math.min(n, c));
            max = Math.max(max, log[n]);
        }
        double sum = 0;
        double[] p = new double[k + 1];
        for (int n = 0; n <= k; n++) {
            p[n] = Math.exp(log[n] - max);
            sum += p[n];
        }
        for (int n = 0; n <= k; n++) {
            p[n] /= sum;
        }
        return p;
    }

    /**
     * Erlang's C formula: the probability that an arrival to M/M/c waits, for offered load
     * {@code a = λ/μ < c}.
     */
    public static double erlangC(double a, int c) {
        if (!(a < c)) {
            return 1;
        }
        // Erlang B by its stable recurrence, then C from B.
        double b = 1;
        for (int n = 1; n <= c; n++) {
            b = a * b / (n + a * b);
        }
        double rho = a / c;
        return b / (1 - rho + rho * b);
    }

    /**
     * M/M/c with an unlimited queue (ρ = λ / cμ &lt; 1), read as a buffer of {@code buffer}
     * places in front of the servers whose overflow waits outside it (a blocked sender holding
     * its item): {@code fullProbability} is P(N ≥ c + buffer), the share of arrivals that find
     * the buffer full; {@code meanInQueue} counts only the items inside the buffer, and
     * {@code meanWait} is their mean time in it. Exact for that reading.
     *
     * @return null when ρ ≥ 1: there is no steady state
     */
    public static Figures mmc(double lambda, double mu, int c, long buffer) {
        requirePositive(lambda, mu, c);
        double a = lambda / mu;
        double rho = a / c;
        if (rho >= 1) {
            return null;
        }
        double waits = erlangC(a, c);           // P(N >= c)
        double full = waits * Math.pow(rho, buffer); // P(N >= c + buffer)
        // Items inside the buffer: sum over j = 1..buffer of P(N >= c + j).
        double inBuffer = buffer >= Long.MAX_VALUE / 2 ? waits * rho / (1 - rho)
                : waits * rho * (1 - Math.pow(rho, buffer)) / (1 - rho);
        double inSystem = inBuffer + a;
        double empty = 1 / (sumTerms(a, c) + Math.pow(a, c) / factorial(c) / (1 - rho));
        return new Figures(rho, inBuffer, inSystem, full, lambda, inBuffer / lambda, Double.isFinite(empty) ? empty : 0);
    }

    private static double sumTerms(double a, int c) {
        double term = 1;
        double sum = 0;
        for (int n = 0; n < c; n++) {
            sum += term;
            term *= a / (n + 1);
        }
        return sum;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    /**
     * Allen-Cunneen's approximation for G/G/c: the M/M/c queue scaled by the variability of the
     * arrivals and the service, {@code (ca² + cs²) / 2}, where c² is a squared coefficient of
     * variation (1 for exponential, 0 for constant). With Poisson arrivals, constant service and
     * one server it is the Pollaczek-Khinchine formula of M/D/1, which is exact.
     *
     * @return the factor that multiplies M/M/c's mean queue and mean wait
     */
    public static double allenCunneen(double ca2, double cs2) {
        return (ca2 + cs2) / 2;
    }

    private static void requirePositive(double lambda, double mu, int c) {
        if (!(lambda > 0) || !(mu > 0) || c < 1) {
            throw new IllegalArgumentException("need λ > 0, μ > 0, c ≥ 1; got λ=" + lambda + ", μ=" + mu + ", c=" + c);
        }
    }
}
