package dev.backflow.engine;

import io.github.resilience4j.core.IntervalFunction;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long a caller waits before it retries: one of the laws of the AWS Architecture Blog's
 * "Exponential Backoff And Jitter" (Marc Brooker, 2015), with its {@code base} and {@code cap}.
 * The {@code n}th retry (from 1) waits
 * <ul>
 *   <li>{@code none}: 0 (it retries at once);
 *   <li>{@code fixed}: {@code base};
 *   <li>{@code exponential}: {@code min(cap, base·2^(n−1))};
 *   <li>{@code full-jitter}: uniform in {@code [0, min(cap, base·2^(n−1))]};
 *   <li>{@code equal-jitter}: half of that, plus uniform in {@code [0, half]};
 *   <li>{@code decorrelated}: {@code min(cap, uniform in [base, 3·previous])}, the first previous
 *       being {@code base}.
 * </ul>
 * The caller's retries run through resilience4j's {@code Retry} ({@link CallerPool}), so the lab
 * does what Java services do; {@code fixed} and {@code exponential} are resilience4j's own
 * {@link IntervalFunction}s. The three jittered laws are written here: resilience4j's randomised
 * backoff spreads each wait ±a factor around the exponential one, which is none of the three
 * laws the article compares (full jitter draws from 0 to the exponential wait). They draw from
 * the caller's own seeded stream ({@link Draws}), so a run's waits depend only on its seed.
 *
 * @param law    which law
 * @param baseMs the first wait, ms ({@link Limits#BACKOFF_MS})
 * @param capMs  the longest wait, ms, at least {@code baseMs}
 */
public record Backoff(Law law, double baseMs, double capMs) {

    /** The laws, by the names the command line and presets use. */
    public enum Law {
        NONE("none"), FIXED("fixed"), EXPONENTIAL("exponential"), FULL_JITTER("full-jitter"),
        EQUAL_JITTER("equal-jitter"), DECORRELATED("decorrelated");

        /** The name in {@code --backoff} and in presets. */
        public final String cliName;

        Law(String cliName) {
            this.cliName = cliName;
        }

        /** @throws IllegalArgumentException listing the laws */
        public static Law parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Law l : values()) {
                if (l.cliName.equals(t)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown backoff " + dev.backflow.units.Names.quote(text == null ? "" : text)
                    + "; expected one of none, fixed, exponential, full-jitter, equal-jitter, decorrelated");
        }
    }

    /** No wait between attempts. */
    public static final Backoff NONE = new Backoff(Law.NONE, 10, 1_000);

    /** @throws IllegalArgumentException naming the first setting out of range */
    public Backoff {
        java.util.Objects.requireNonNull(law, "backoff law");
        Limits.BACKOFF_MS.require(baseMs);
        Limits.BACKOFF_MS.require(capMs);
        if (capMs < baseMs) {
            throw new IllegalArgumentException("the backoff cap (" + dev.backflow.units.Units.format(capMs,
                    dev.backflow.units.Units.Unit.MILLISECONDS) + ") is below its base ("
                    + dev.backflow.units.Units.format(baseMs, dev.backflow.units.Units.Unit.MILLISECONDS) + ")");
        }
    }

    /**
     * One caller's draws for the jittered laws: its own seeded stream, and its previous wait
     * (the decorrelated law's memory). Its caller's thread only.
     */
    public static final class Draws {
        final RandomGenerator random;
        long previousMillis = -1;

        public Draws(RandomGenerator random) {
            this.random = random;
        }
    }

    /** The caller whose retry is being planned, for the jittered laws. Bound by each caller's thread. */
    static final ScopedValue<Draws> CALLER = ScopedValue.newInstance();

    /**
     * The wait before retry {@code n} (from 1) in whole ms (what resilience4j's interval functions
     * give), drawing from {@code draws} for the jittered laws. Pure apart from {@code draws}.
     */
    public long delayMillis(int n, Draws draws) {
        long base = Math.round(baseMs);
        long cap = Math.round(capMs);
        return switch (law) {
            case NONE -> 0;
            case FIXED -> base;
            case EXPONENTIAL -> exponential(n, base, cap);
            case FULL_JITTER -> draws.random.nextLong(exponential(n, base, cap) + 1);
            case EQUAL_JITTER -> {
                long half = exponential(n, base, cap) / 2;
                yield half + draws.random.nextLong(half + 1);
            }
            case DECORRELATED -> {
                long previous = draws.previousMillis < 0 ? base : draws.previousMillis;
                long high = Math.max(base, Math.min(cap, previous * 3)); // beyond the cap every draw is capped anyway
                long wait = Math.min(cap, base + draws.random.nextLong(high - base + 1));
                draws.previousMillis = wait;
                yield wait;
            }
        };
    }

    /** {@code min(cap, base·2^(n−1))} without overflow. */
    private static long exponential(int n, long base, long cap) {
        int shift = Math.max(0, n - 1);
        if (shift >= 62 || base > cap >> Math.min(shift, 62)) {
            return cap;
        }
        return Math.min(cap, base << shift);
    }

    /**
     * The interval function a resilience4j {@code RetryConfig} is given: the library's own for
     * {@code fixed} and {@code exponential}, this law for the others (the caller's draws come from
     * {@link #CALLER}).
     */
    IntervalFunction intervalFunction() {
        long base = Math.round(baseMs);
        long cap = Math.round(capMs);
        return switch (law) {
            case FIXED -> IntervalFunction.of(base);
            case EXPONENTIAL -> IntervalFunction.ofExponentialBackoff(base, 2.0, cap);
            case NONE -> n -> 0L;
            default -> n -> delayMillis(n, CALLER.get());
        };
    }

    /** How the command line writes it: {@code exponential 10ms..1s}, {@code none}. */
    public String format() {
        return switch (law) {
            case NONE -> "none";
            case FIXED -> "fixed " + ms(baseMs);
            default -> law.cliName + " " + ms(baseMs) + ".." + ms(capMs);
        };
    }

    private static String ms(double v) {
        return dev.backflow.units.Units.format(v, dev.backflow.units.Units.Unit.MILLISECONDS).replace(" ", "");
    }
}
