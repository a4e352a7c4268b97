package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;
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
        /** ±20 %: what "uniform" means when no jitter is given, here and in the window. */
        public static final Uniform DEFAULT = new Uniform(0.2);

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
        /** 1,000 items/s for 200 ms, then 800 ms idle: what "bursty" means when nothing more is given. */
        public static final Bursty DEFAULT = new Bursty(1000, 200, 800);

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
                    Units.number(burstRate), Units.number(burstMs), Units.number(idleMs));
        }

        /** The three parameters as a person types them: {@code 1000/s, 200ms, 800ms}. */
        public String params() {
            return Units.format(burstRate, Unit.PER_SECOND) + ", " + Units.format(burstMs, Unit.MILLISECONDS) + ", "
                    + Units.format(idleMs, Unit.MILLISECONDS);
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

    /**
     * Parses {@code constant}, {@code exponential} ({@code poisson}), {@code uniform[:JITTER]} and
     * {@code bursty:RATE,BURST,IDLE}, with every parameter in the one grammar of {@link Units}:
     * JITTER is a fraction or a percentage ({@code 0.2}, {@code 20%}); RATE is items/s and
     * BURST, IDLE are ms when they have no unit ({@code bursty:1000,200,800} is
     * {@code bursty:1000/s,200ms,800ms}).
     *
     * @throws IllegalArgumentException with a message for a person
     */
    static Distribution parse(String text) {
        String given = text == null ? "" : text.strip();
        if (given.length() > 200) {
            throw new IllegalArgumentException("a distribution is a short word with at most three values, like "
                    + "bursty:1000/s,200ms,800ms; got " + dev.backflow.units.Names.quote(given));
        }
        String[] parts = given.split(":", 2);
        String params = parts.length > 1 ? parts[1] : null;
        return switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "constant" -> new Constant();
            case "exponential", "poisson" -> new Exponential();
            case "uniform" -> params == null ? Uniform.DEFAULT : new Uniform(parseJitter(params, Unit.FRACTION));
            case "bursty" -> params == null ? Bursty.DEFAULT : parseBursts(params);
            default -> throw new IllegalArgumentException("unknown distribution " + dev.backflow.units.Names.quote(given)
                    + "; expected constant, exponential, uniform[:JITTER] or bursty:RATE,BURST,IDLE");
        };
    }

    /**
     * A jitter typed as a share: {@code 20%}, or a bare number in {@code bare} (a fraction on the
     * command line, a percentage in the window's box labelled %).
     */
    static double parseJitter(String text, Unit bare) {
        double share = Units.parse(text, bare, "jitter") * (bare == Unit.PERCENT ? 0.01 : 1);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 100 %; got " + dev.backflow.units.Names.quote(text.strip()));
        }
        return share;
    }

    /** {@code RATE,BURST,IDLE}, as in {@code 1000/s, 200ms, 800ms} or {@code 1000,200,800}. */
    static Bursty parseBursts(String text) {
        String[] p = text.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("bursts need three values RATE,BURST,IDLE (like 1000/s,200ms,800ms; "
                    + "write 1000 or 1k, not 1,000, inside the list); got " + dev.backflow.units.Names.quote(text.strip()));
        }
        return new Bursty(Limits.PRODUCER_RATE.parse(p[0]), Limits.BURST_MS.parse(p[1]), Limits.IDLE_MS.parse(p[2]));
    }

    /** The text {@link #parse} accepts for this distribution, as preset files store it. */
    static String format(Distribution d) {
        return switch (d) {
            case Constant c -> "constant";
            case Exponential e -> "exponential";
            case Uniform u -> "uniform:" + Units.plain(u.jitter());
            case Bursty b -> "bursty:" + Units.plain(b.burstRate()) + "," + Units.plain(b.burstMs()) + ","
                    + Units.plain(b.idleMs());
        };
    }
}
