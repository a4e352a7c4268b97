package dev.backflow.engine;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How inter-arrival or service times vary around their mean. Every draw is a factor with mean 1
 * that multiplies the configured mean, so changing the rate or delay live rescales the draws.
 * Draws come from a seeded generator per worker: the same seed gives the same sequence.
 */
public sealed interface Distribution {

    /** A factor with mean 1. */
    double factor(RandomGenerator random);

    /** Short name for the command line and files. */
    String name();

    /** How the distribution reads in a summary, with its parameters. */
    String describe();

    /** Every gap exactly the mean. */
    record Constant() implements Distribution {
        @Override
        public double factor(RandomGenerator random) {
            return 1;
        }

        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String describe() {
            return "constant";
        }
    }

    /** Exponential gaps: Poisson arrivals (memoryless). */
    record Exponential() implements Distribution {
        @Override
        public double factor(RandomGenerator random) {
            // 1 - nextDouble() is in (0, 1], so the log is finite.
            return -Math.log(1.0 - random.nextDouble());
        }

        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public String describe() {
            return "exponential";
        }
    }

    /**
     * Uniform within ± {@code jitter} of the mean.
     *
     * @param jitter fraction of the mean, 0..1 (0.2 means ±20 %)
     */
    record Uniform(double jitter) implements Distribution {
        public Uniform {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1; got " + jitter);
            }
        }

        @Override
        public double factor(RandomGenerator random) {
            return 1 + jitter * (2 * random.nextDouble() - 1);
        }

        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "uniform ±%.0f%%", jitter * 100);
        }
    }

    /**
     * On/off traffic (arrivals only): {@code burstMs} at {@code burstRate} items/s in total, then
     * {@code idleMs} of silence, repeating. The producer rate setting is not used.
     *
     * @param burstRate items per second during a burst, all producers together
     * @param burstMs   length of a burst
     * @param idleMs    length of the silence between bursts
     */
    record Bursty(double burstRate, double burstMs, double idleMs) implements Distribution {
        public Bursty {
            Limits.PRODUCER_RATE.require(burstRate);
            Limits.BURST_MS.require(burstMs);
            Limits.IDLE_MS.require(idleMs);
        }

        @Override
        public double factor(RandomGenerator random) {
            return 1;
        }

        @Override
        public String name() {
            return "bursty";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "bursty %s/s for %s ms, idle %s ms",
                    Limits.Range.format(burstRate), Limits.Range.format(burstMs), Limits.Range.format(idleMs));
        }

        /** Mean rate over a whole cycle. */
        public double meanRate() {
            return burstRate * burstMs / (burstMs + idleMs);
        }

        /**
         * The earliest time at or after {@code t} (nanoseconds since the run started) that lies
         * inside a burst.
         */
        public long nextOnTime(long t) {
            long burst = Math.round(burstMs * 1e6);
            long cycle = burst + Math.round(idleMs * 1e6);
            long phase = Math.floorMod(t, cycle);
            return phase < burst ? t : t - phase + cycle;
        }
    }

    /** Parses {@code constant}, {@code exponential}, {@code uniform[:jitter]}, {@code bursty:rate,burstMs,idleMs}. */
    static Distribution parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":", 2);
        try {
            return switch (parts[0]) {
                case "constant" -> new Constant();
                case "exponential", "poisson" -> new Exponential();
                case "uniform" -> new Uniform(parts.length > 1 ? Double.parseDouble(parts[1]) : 0.2);
                case "bursty" -> {
                    if (parts.length < 2) {
                        throw new IllegalArgumentException("bursty needs rate,burstMs,idleMs, as in bursty:1000,200,800");
                    }
                    String[] p = parts[1].split(",");
                    if (p.length != 3) {
                        throw new IllegalArgumentException("bursty needs three numbers rate,burstMs,idleMs; got \"" + parts[1] + "\"");
                    }
                    yield new Bursty(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                }
                default -> throw new IllegalArgumentException("unknown distribution \"" + text
                        + "\"; expected constant, exponential, uniform[:jitter] or bursty:rate,burstMs,idleMs");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("distribution \"" + text + "\" has a parameter that is not a number");
        }
    }

    /** The text {@link #parse} accepts for this distribution. */
    static String format(Distribution d) {
        return switch (d) {
            case Constant c -> "constant";
            case Exponential e -> "exponential";
            case Uniform u -> "uniform:" + Limits.Range.format(u.jitter());
            case Bursty b -> "bursty:" + Limits.Range.format(b.burstRate()).replace(",", "") + ","
                    + Limits.Range.format(b.burstMs()).replace(",", "") + "," + Limits.Range.format(b.idleMs()).replace(",", "");
        };
    }
}
