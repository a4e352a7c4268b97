package dev.backflow.ui;

import dev.backflow.engine.Limits;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numeric setting a person can drag or type: its range, log scale, units, and how its text
 * is parsed and shown.
 *
 * @param range        allowed values and the wording of messages
 * @param scale        how the slider maps to values
 * @param integral     true if only whole numbers make sense (capacity)
 * @param tooltip      what the setting means, shown on hover
 */
public record Setting(Limits.Range range, LogScale scale, boolean integral, String tooltip) {

    /** Buffer capacity in items. */
    public static final Setting CAPACITY = new Setting(Limits.CAPACITY,
            new LogScale(1, 10_000, 0), true,
            "How many items the buffer holds. When it is full, producers park until a consumer takes one.");
    /** Total producer rate. */
    public static final Setting PRODUCER_RATE = new Setting(Limits.PRODUCER_RATE,
            new LogScale(0.1, 100_000, 0), false,
            "How many items per second all producers together try to hand to the buffer.");
    /** Consumer delay per item. */
    public static final Setting CONSUMER_DELAY = new Setting(Limits.CONSUMER_DELAY_MS,
            new LogScale(0, 5_000, 1), false,
            "How long a consumer works on each item before it takes the next one.");

    // A number (digits with optional , or _ grouping and decimals, or exponent), then an optional unit.
    private static final Pattern INPUT = Pattern.compile(
            "\\s*([+-]?(?:\\d[\\d,_]*)?(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)\\s*([a-zA-Z/µ]*(?:/s)?)\\s*");

    /**
     * Parses what a person typed, such as {@code 500}, {@code 1,000}, {@code 2s}, {@code 250 ms}
     * or {@code 100/s}, into this setting's unit, and checks the range.
     *
     * @return the value, or a message saying what is wrong
     */
    public Parsed parse(String text) {
        String given = text == null ? "" : text.strip();
        if (given.isEmpty()) {
            return Parsed.problem(range.name() + " needs a number");
        }
        Matcher m = INPUT.matcher(given);
        if (!m.matches() || m.group(1).isEmpty() || m.group(1).matches("[+-]?")) {
            return Parsed.problem(range.name() + " must be a number" + unitHint() + "; got \"" + given + "\"");
        }
        double value;
        try {
            value = Double.parseDouble(m.group(1).replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            return Parsed.problem(range.name() + " must be a number" + unitHint() + "; got \"" + given + "\"");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        Double factor = unitFactor(unit);
        if (factor == null) {
            return Parsed.problem(range.name() + ": unknown unit \"" + m.group(2) + "\"" + unitHint());
        }
        value *= factor;
        if (!range.contains(value)) {
            return Parsed.problem(range.message(given));
        }
        if (integral && value != Math.rint(value)) {
            return Parsed.problem(range.name() + " must be a whole number; got " + given);
        }
        return new Parsed(value, null);
    }

    private Double unitFactor(String unit) {
        if (unit.isEmpty()) {
            return 1.0;
        }
        return switch (range.unit()) {
            case "ms" -> switch (unit) {
                case "ms" -> 1.0;
                case "s", "sec" -> 1000.0;
                case "us", "µs" -> 0.001;
                default -> null;
            };
            case "items/s" -> switch (unit) {
                case "/s", "items/s", "hz" -> 1.0;
                case "/min" -> 1.0 / 60;
                default -> null;
            };
            case "items" -> unit.equals("items") ? 1.0 : null;
            default -> null;
        };
    }

    private String unitHint() {
        return switch (range.unit()) {
            case "ms" -> " (like 500, 500ms or 2s)";
            case "items/s" -> " (like 100 or 100/s)";
            default -> "";
        };
    }

    /** The value as shown in its text field. */
    public String format(double value) {
        return integral ? Limits.Range.format(Math.rint(value)) : Limits.Range.format(LogScale.roundSignificant(value, 4));
    }

    /** The value a slider position stands for, rounded to what a person would pick. */
    public double valueAt(double position) {
        double v = scale.toValue(position);
        if (integral) {
            return Math.rint(v);
        }
        double rounded = LogScale.roundSignificant(v, 2);
        return range.clamp(rounded < 0.05 && range.min() == 0 ? 0 : rounded);
    }

    /** "1 to 10,000 items", for tooltips. */
    static String rangeText(Setting s) {
        Limits.Range r = s.range();
        return Limits.Range.format(r.min()) + " to " + Limits.Range.format(r.max())
                + (r.unit().isEmpty() ? "" : " " + r.unit());
    }

    /**
     * Result of parsing: a value, or a problem.
     *
     * @param value   the parsed value if {@code problem} is null
     * @param problem what is wrong, worded for a person
     */
    public record Parsed(double value, String problem) {
        static Parsed problem(String message) {
            return new Parsed(Double.NaN, message);
        }

        /** True if parsing gave a usable value. */
        public boolean ok() {
            return problem == null;
        }
    }
}
