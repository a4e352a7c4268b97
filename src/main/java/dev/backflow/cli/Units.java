package dev.backflow.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations ({@code 500ms}, {@code 2s}, {@code 1.5m}) and sizes ({@code 1KiB}, {@code 256MiB}). */
final class Units {

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Zµ]*)\\s*");

    private Units() {
    }

    /**
     * A duration in milliseconds.
     *
     * @param bareUnitMs what a number without unit means, in ms (1 for "ms", 1000 for "s")
     */
    static double millis(String text, double bareUnitMs) {
        Matcher m = match(text, "a duration like 500ms, 2s or 1.5m");
        double v = Double.parseDouble(m.group(1));
        return v * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> bareUnitMs;
            case "us", "µs" -> 0.001;
            case "ms" -> 1;
            case "s", "sec" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("unknown time unit \"" + m.group(2) + "\" in \"" + text
                    + "\"; use us, ms, s, m or h");
        };
    }

    /** A size in bytes: {@code 1024}, {@code 1KiB}, {@code 256MiB}, {@code 1GB}. */
    static long bytes(String text) {
        Matcher m = match(text, "a size like 1024, 1KiB or 256MiB");
        double v = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "kib" -> 1024;
            case "m", "mb" -> 1e6;
            case "mib" -> 1024 * 1024;
            case "g", "gb" -> 1e9;
            case "gib" -> 1024.0 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown size unit \"" + m.group(2) + "\" in \"" + text
                    + "\"; use B, KiB, MiB, GiB (or KB, MB, GB)");
        };
        double bytes = v * factor;
        if (bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("size \"" + text + "\" is too large");
        }
        return Math.round(bytes);
    }

    private static Matcher match(String text, String expected) {
        Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + expected);
        }
        return m;
    }
}
