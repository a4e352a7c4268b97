package dev.backflow.ui.settings;

/**
 * Maps a slider position to a value on a logarithmic scale and back, so one slider can span
 * 0.1 to 1,000,000 with equal room per decade.
 *
 * <p>Values are shifted by {@code offset} before the logarithm, so a range that includes 0 (the
 * consumer delay, 0..5,000 ms) works with {@code offset = 1}: position = log10(value + 1).
 *
 * @param min    smallest value
 * @param max    largest value
 * @param offset added to a value before taking its logarithm
 */
public record LogScale(double min, double max, double offset) {

    public LogScale {
        if (!(min + offset > 0) || !(max > min)) {
            throw new IllegalArgumentException("need 0 < min + offset and min < max");
        }
    }

    /** Slider position of the smallest value. */
    public double minPosition() {
        return Math.log10(min + offset);
    }

    /** Slider position of the largest value. */
    public double maxPosition() {
        return Math.log10(max + offset);
    }

    /** The value at a slider position, clamped to the range. */
    public double toValue(double position) {
        double v = Math.pow(10, position) - offset;
        return Math.max(min, Math.min(max, v));
    }

    /** The slider position of a value (clamped to the range). */
    public double toPosition(double value) {
        double v = Math.max(min, Math.min(max, value));
        return Math.log10(v + offset);
    }

    /**
     * Rounds a value to {@code digits} significant digits, so dragging gives 120 or 0.35 rather
     * than 119.8374.
     */
    public static double roundSignificant(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        double magnitude = Math.pow(10, digits - 1 - (int) Math.floor(Math.log10(Math.abs(value))));
        return Math.round(value * magnitude) / magnitude;
    }
}
