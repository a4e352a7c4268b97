package dev.backflow.ui.settings;

import dev.backflow.units.Units;
import dev.backflow.engine.Limits;


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
            new LogScale(0.1, 1_000_000, 0), false,
            "How many items per second all producers together try to hand to the buffer.");
    /** Consumer delay per item. */
    public static final Setting CONSUMER_DELAY = new Setting(Limits.CONSUMER_DELAY_MS,
            new LogScale(0, 5_000, 1), false,
            "How long a consumer works on each item before it takes the next one.");

    /** Worker threads of a middle stage of a pipeline. */
    public static final Setting STAGE_WORKERS = new Setting(Limits.PRODUCERS,
            new LogScale(1, 10_000, 0), true,
            "Worker threads of this stage. Each takes an item from the link before it, works on it, and sends it on.");
    /** Mean service time of a middle stage of a pipeline, ms. */
    public static final Setting STAGE_SERVICE = new Setting(Limits.CONSUMER_DELAY_MS,
            new LogScale(0, 5_000, 1), false,
            "How long one of this stage's workers spends on each item before sending it on.");
    /** Capacity of the link after a middle stage. */
    public static final Setting LINK_CAPACITY = new Setting(Limits.CAPACITY,
            new LogScale(1, 10_000, 0), true,
            "How many items the link after this stage holds. When it is full, the stage's workers park holding their item.");

    /**
     * Parses what a person typed, such as {@code 500}, {@code 1,000}, {@code 1k}, {@code 2s},
     * {@code 250 ms} or {@code 100/s}, with the one grammar of {@link dev.backflow.units.Units},
     * into this setting's unit, and checks the range.
     *
     * @return the value, or a message saying what is wrong
     */
    public Parsed parse(String text) {
        try {
            return new Parsed(integral ? range.parseWhole(text) : range.parse(text), null);
        } catch (IllegalArgumentException e) {
            return Parsed.problem(e.getMessage());
        }
    }

    /** The value as shown in its text field. */
    public String format(double value) {
        return integral ? Units.number(Math.rint(value)) : Units.number(LogScale.roundSignificant(value, 4));
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
        return Units.number(r.min()) + " to " + Units.number(r.max())
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
