package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.Optional;

/**
 * The allowed range of every experiment setting, and the one place that words the message a
 * person sees when a value is outside it ("capacity must be between 1 and 10,000; got -3").
 */
public final class Limits {

    /** Buffer capacity, items. */
    public static final Range CAPACITY = new Range("capacity", 1, 10_000, "items", Unit.ITEMS);
    /** Total producer rate across all producers, items per second. */
    public static final Range PRODUCER_RATE = new Range("producer rate", 0.1, 1_000_000, "items/s", Unit.PER_SECOND);
    /** Time a consumer spends on each item, milliseconds. */
    public static final Range CONSUMER_DELAY_MS = new Range("consumer delay", 0, 5_000, "ms", Unit.MILLISECONDS);
    /** Number of producers. */
    public static final Range PRODUCERS = new Range("producers", 1, 10_000, "", Unit.ITEMS);
    /** Number of consumers. */
    public static final Range CONSUMERS = new Range("consumers", 1, 10_000, "", Unit.ITEMS);

    /** Deadline of a timed offer (TIMEOUT policy), milliseconds. */
    public static final Range TIMEOUT_MS = new Range("timeout", 1, 60_000, "ms", Unit.MILLISECONDS);
    /** Simulated size of one queued item (UNBOUNDED policy), bytes. */
    public static final Range ITEM_SIZE = new Range("item size", 1, 16L << 20, "bytes", Unit.BYTES);
    /** Memory a run may use for queued items before it is killed (UNBOUNDED policy), bytes. */
    public static final Range MEMORY_BUDGET = new Range("memory budget", 1L << 10, 64L << 30, "bytes", Unit.BYTES);
    /** Items a finite run produces in total; 0 means no limit. */
    public static final Range ITEMS = new Range("items", 0, 1_000_000_000, "", Unit.ITEMS);
    /** Length of a timed run in seconds; 0 means no limit. */
    public static final Range DURATION_S = new Range("duration", 0, 86_400, "s", Unit.SECONDS);
    /** Length of one burst (bursty arrivals), milliseconds. */
    public static final Range BURST_MS = new Range("burst length", 1, 60_000, "ms", Unit.MILLISECONDS);
    /** Silence between bursts (bursty arrivals), milliseconds. */
    public static final Range IDLE_MS = new Range("idle length", 0, 60_000, "ms", Unit.MILLISECONDS);
    /** A caller's deadline for each attempt, milliseconds; 0 means the caller never gives up. */
    public static final Range DEADLINE_MS = new Range("deadline", 0, 60_000, "ms", Unit.MILLISECONDS);
    /** Retries a caller makes after its first attempt. */
    public static final Range RETRIES = new Range("retries", 0, 20, "", Unit.ITEMS);
    /** A backoff's base (its first wait) and its cap, milliseconds. */
    public static final Range BACKOFF_MS = new Range("backoff", 1, 60_000, "ms", Unit.MILLISECONDS);
    /** A retry budget's tokens (gRPC's maxTokens). */
    public static final Range BUDGET_TOKENS = new Range("retry budget tokens", 1, 1_000, "", Unit.ITEMS);
    /** What a success earns a retry budget (gRPC's tokenRatio). */
    public static final Range BUDGET_RATIO = new Range("retry budget ratio", 0.001, 1, "", Unit.FRACTION);
    /** CoDel's target and interval, milliseconds (RFC 8289). */
    public static final Range CODEL_MS = new Range("CoDel time", 0.1, 60_000, "ms", Unit.MILLISECONDS);
    /** How long each cell of a sweep runs. */
    public static final Range SWEEP_CELL_S = new Range("cell duration", 0.5, 600, "s", Unit.SECONDS);
    /** When a scheduled change starts, and how long it lasts, seconds. */
    public static final Range CHANGE_S = new Range("change time", 0, 86_400, "s", Unit.SECONDS);
    /**
     * The most items an unbounded run may simulate (budget ÷ item size). Items are simulated, not
     * allocated, but each still costs Backflow about 50 bytes; this keeps Backflow itself far from
     * running out of memory.
     */
    public static final long MAX_SIMULATED_ITEMS = 10_000_000L;

    private Limits() {
    }

    /**
     * Why this JVM cannot hold {@code budgetBytes} of queued items, or empty if it can: a budget
     * may take at most half the maximum heap ({@code maxHeapBytes}, {@code Runtime.maxMemory()}),
     * the other half being what the program itself and its telemetry need. A budget above that
     * would let the JVM run out of heap before the simulated budget is reached.
     */
    public static Optional<String> heapProblem(long budgetBytes, long maxHeapBytes) {
        long most = maxHeapBytes / 2;
        if (budgetBytes <= most) {
            return Optional.empty();
        }
        return Optional.of("a memory budget of " + Units.bytes(budgetBytes) + " is more than this JVM can hold: its maximum heap is "
                + Units.bytes(maxHeapBytes) + ", so at most " + Units.bytes(most)
                + " can go to queued items (lower the budget, or start Java with a larger -Xmx)");
    }

    /**
     * A seed as people write it: a whole number of ASCII digits, with an optional sign and
     * {@code _} or {@code ,} between digits (as every other number here; other scripts' digits,
     * which {@code Long.parseLong} would take, are refused like everywhere else).
     */
    public static long parseSeed(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > Units.MAX_TEXT || !t.matches("[+-]?[0-9][0-9_,]*")) {
            throw new IllegalArgumentException("seed must be a whole number; got " + dev.backflow.units.Names.quote(t));
        }
        try {
            return Long.parseLong(t.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + "; got " + dev.backflow.units.Names.quote(t));
        }
    }

    /** {@link #heapProblem(long, long)} for this JVM. */
    public static Optional<String> heapProblem(long budgetBytes) {
        return heapProblem(budgetBytes, Runtime.getRuntime().maxMemory());
    }

    /**
     * A closed numeric range with a name and unit for messages.
     *
     * @param name what the value is, as a person would say it
     * @param min  smallest allowed value
     * @param max  largest allowed value
     * @param unit unit shown after numbers in messages, may be empty
     * @param held the unit values are held in, and that a bare typed number means
     */
    public record Range(String name, double min, double max, String unit, Unit held) {

        /**
         * Parses what a person typed (in the window, on the command line) with the one grammar
         * of {@link Units}, and checks the range.
         *
         * @throws IllegalArgumentException with the message to show
         */
        public double parse(String text) {
            double value = Units.parse(text, held, name);
            if (!contains(value)) {
                throw new IllegalArgumentException(message(text == null ? "" : text.strip()));
            }
            return value;
        }

        /** {@link #parse}, and the value must be a whole number. */
        public long parseWhole(String text) {
            double value = parse(text);
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException(name + " must be a whole number; got " + text.strip());
            }
            return (long) value;
        }

        /** True if {@code value} is a finite number within the range. */
        public boolean contains(double value) {
            return Double.isFinite(value) && value >= min && value <= max;
        }

        /** Empty if {@code value} is allowed, otherwise the message to show. */
        public Optional<String> problemWith(double value) {
            return contains(value) ? Optional.empty() : Optional.of(message(Units.number(value)));
        }

        /** The message for a value that is not allowed, given as the person typed it. */
        public String message(String given) {
            return name + " must be between " + Units.number(min) + " and " + Units.number(max)
                    + (unit.isEmpty() ? "" : " " + unit) + "; got " + given;
        }

        /** Throws {@link IllegalArgumentException} with the message if {@code value} is not allowed. */
        public double require(double value) {
            problemWith(value).ifPresent(m -> {
                throw new IllegalArgumentException(m);
            });
            return value;
        }

        /** Clamps a finite value into the range (NaN becomes {@code min}). */
        public double clamp(double value) {
            if (Double.isNaN(value)) {
                return min;
            }
            return Math.max(min, Math.min(max, value));
        }

    }
}
