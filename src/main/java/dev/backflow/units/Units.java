package dev.backflow.units;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for numbers with units, used by the window's boxes, the command line and
 * preset files alike, and the one place that formats them back. docs/cli.md has the table of
 * examples.
 *
 * <p><b>Numbers.</b> {@code 500}, {@code 2.5}, {@code 1e3}, {@code 1_000}, and {@code 1,000} with
 * commas that group exactly three digits ({@code 1,5} is refused rather than guessed).
 *
 * <p><b>Units</b>, by what is measured (case-insensitive unless said):
 * <ul>
 *   <li>counts: none, {@code k} (thousand), {@code M} (million, upper case: {@code m} is not a count);
 *   <li>rates: an optional {@code k} or {@code M}, then {@code /s} ({@code items/s}, {@code hz}),
 *       {@code /min} or {@code /h};
 *   <li>times: {@code us} ({@code µs}), {@code ms}, {@code s} ({@code sec}), {@code m} ({@code min}), {@code h};
 *   <li>sizes: {@code B}, {@code KiB}, {@code MiB}, {@code GiB}, or decimal {@code KB}/{@code k},
 *       {@code MB}/{@code m}, {@code GB}/{@code g};
 *   <li>shares: {@code %}, or none.
 * </ul>
 * A number without a unit is in the unit of the place it is typed in (a box labelled "ms", an
 * option documented as "ms if no unit").
 */
public final class Units {

    /** What a quantity measures. */
    public enum Dimension {
        COUNT("a number (like 1000, 1,000 or 1k)"),
        RATE("a rate (like 100, 100/s or 6000/min)"),
        TIME("a duration (like 500ms, 2s or 1.5m)"),
        SIZE("a size (like 1024, 1KiB or 256MiB)"),
        SHARE("a share (like 20% or 0.2)");

        private final String example;

        Dimension(String example) {
            this.example = example;
        }
    }

    /**
     * The unit a value is held in, and that a bare number typed for it means.
     */
    public enum Unit {
        ITEMS(Dimension.COUNT, 1, ""),
        PER_SECOND(Dimension.RATE, 1, "/s"),
        MILLISECONDS(Dimension.TIME, 1, "ms"),
        SECONDS(Dimension.TIME, 1_000, "s"),
        BYTES(Dimension.SIZE, 1, "B"),
        KIBIBYTES(Dimension.SIZE, 1 << 10, "KiB"),
        MEBIBYTES(Dimension.SIZE, 1 << 20, "MiB"),
        FRACTION(Dimension.SHARE, 1, ""),
        PERCENT(Dimension.SHARE, 0.01, "%");

        private final Dimension dimension;
        /** How many base units (items, items/s, ms, bytes, fraction) one of this is. */
        private final double base;
        private final String symbol;

        Unit(Dimension dimension, double base, String symbol) {
            this.dimension = dimension;
            this.base = base;
            this.symbol = symbol;
        }

        public Dimension dimension() {
            return dimension;
        }

        /** The symbol written after a number, such as "ms" ("" for plain counts and fractions). */
        public String symbol() {
            return symbol;
        }
    }

    // A number, then an optional unit. Grouping commas only in threes; underscores anywhere.
    // Every part is possessive or atomic, so a failed match is linear in the text's length
    // (backtracking into the digits made a long number followed by spaces take quadratic time).
    private static final Pattern NUMBER_UNIT = Pattern.compile(
            "([+-]?+(?>\\d{1,3}(?:,\\d{3})++(?!\\d)|[\\d_]++)?+(?:\\.\\d++)?+(?:[eE][+-]?+\\d++)?+)\\s*+(\\S*+)");

    /** Longest text {@link #parse} reads: far more than any real quantity needs. */
    public static final int MAX_TEXT = 64;

    private Units() {
    }

    /**
     * Parses {@code text} as a quantity of {@code unit}'s dimension and returns it in {@code unit}.
     *
     * @param name what the value is, for the message ("consumer delay")
     * @throws IllegalArgumentException with a message for a person, naming {@code name}
     */
    public static double parse(String text, Unit unit, String name) {
        String given = text == null ? "" : text.strip();
        if (given.isEmpty()) {
            throw new IllegalArgumentException(name + " needs " + unit.dimension.example);
        }
        if (given.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " must be " + unit.dimension.example + "; got "
                    + Names.quote(given) + ", longer than any quantity (at most " + MAX_TEXT + " characters)");
        }
        Matcher m = NUMBER_UNIT.matcher(given);
        String digits = m.matches() ? m.group(1).replace(",", "").replace("_", "") : "";
        if (digits.isEmpty() || digits.matches("[+-]?") || digits.startsWith(".") && digits.length() == 1) {
            throw new IllegalArgumentException(name + " must be " + unit.dimension.example + "; got " + Names.quote(given));
        }
        double number;
        try {
            number = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + unit.dimension.example + "; got " + Names.quote(given));
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(name + " must be a finite number; got " + Names.quote(given));
        }
        String suffix = m.group(2);
        if (suffix.startsWith(",")) {
            throw new IllegalArgumentException(name + " must be " + unit.dimension.example + "; got " + Names.quote(given)
                    + " (use a dot for decimals, and commas only to group thousands)");
        }
        double base = suffix.isEmpty() ? unit.base : factor(unit.dimension, suffix);
        if (Double.isNaN(base)) {
            throw new IllegalArgumentException(name + ": unknown unit \"" + suffix + "\" in \"" + given + "\"; expected "
                    + unit.dimension.example);
        }
        double value = number * base / unit.base;
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is too large; got " + Names.quote(given));
        }
        return value;
    }

    /** Base units per one {@code suffix}, or NaN if the suffix is not a unit of {@code d}. */
    private static double factor(Dimension d, String suffix) {
        String s = suffix.toLowerCase(Locale.ROOT);
        return switch (d) {
            case COUNT -> switch (suffix) {
                case "items" -> 1;
                case "k", "K" -> 1e3;
                case "M" -> 1e6;
                default -> Double.NaN;
            };
            case RATE -> {
                double multiplier = 1;
                String per = s;
                if (suffix.startsWith("k") || suffix.startsWith("K")) {
                    multiplier = 1e3;
                    per = s.substring(1);
                } else if (suffix.startsWith("M")) {
                    multiplier = 1e6;
                    per = s.substring(1);
                }
                double perSecond = switch (per) {
                    case "", "/s", "items/s", "hz", "/sec" -> 1;
                    case "/min", "items/min", "/m" -> 1.0 / 60;
                    case "/h", "items/h" -> 1.0 / 3600;
                    default -> Double.NaN;
                };
                yield per.isEmpty() && multiplier == 1 ? Double.NaN : multiplier * perSecond;
            }
            case TIME -> switch (s) {
                case "us", "µs" -> 0.001;
                case "ms" -> 1;
                case "s", "sec" -> 1_000;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                default -> Double.NaN;
            };
            case SIZE -> switch (s) {
                case "b" -> 1;
                case "k", "kb" -> 1e3;
                case "kib" -> 1024;
                case "m", "mb" -> 1e6;
                case "mib" -> 1 << 20;
                case "g", "gb" -> 1e9;
                case "gib" -> 1024.0 * 1024 * 1024;
                default -> Double.NaN;
            };
            case SHARE -> s.equals("%") ? 0.01 : Double.NaN;
        };
    }

    /**
     * {@code value} (held in {@code unit}) as text that {@link #parse} reads back to the same
     * value: {@code 500ms}, {@code 100/s}, {@code 20%}, {@code 1000}. No grouping commas, so it
     * is safe inside lists such as {@code bursty:1000/s,200ms,800ms}.
     */
    public static String format(double value, Unit unit) {
        String n = plain(value);
        return unit.symbol.isEmpty() ? n : n + unit.symbol;
    }

    /** A number as a person reads it: grouping commas, at most 3 decimals ({@code 10,000}, {@code 0.5}). */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        NumberFormat f = NumberFormat.getNumberInstance(Locale.ROOT);
        f.setGroupingUsed(true);
        f.setMaximumFractionDigits(3);
        return f.format(value);
    }

    /** {@link #number} without grouping. */
    public static String plain(double value) {
        return number(value).replace(",", "");
    }

    /**
     * A measured time for a readout: two decimals below 100 ms ({@code 2.50 ms}), whole
     * milliseconds from 100 ms ({@code 2,500 ms}). The one cut-off used everywhere.
     */
    public static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** A measured size for a readout: {@code 512 B}, {@code 1.5 KiB}, {@code 256.0 MiB}, {@code 1.0 GiB}. */
    public static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        } else if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        } else if (b >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return b + " B";
    }

    /** The text with its first letter in upper case, for messages that start a sentence. */
    public static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
