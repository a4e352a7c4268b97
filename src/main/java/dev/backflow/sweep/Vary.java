package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.units.Names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One axis of a sweep: a setting and the values it takes, written {@code NAME=VALUES}:
 * <ul>
 *   <li>{@code capacity=1,5,10,50}: a list, in the setting's units ({@code consumer-delay=2ms,5ms});
 *   <li>{@code rate=50..150}: 10 values evenly spaced from 50 to 150, both included;
 *       {@code rate=50..150:5}: 5 of them;
 *   <li>{@code capacity=1..1000:log10}: 10 values spaced evenly on a log scale (each a constant
 *       factor from the last), both ends included; {@code :log4}: 4.
 * </ul>
 * Values of a count (capacity, workers) are rounded and kept once; they run in the order given.
 *
 * @param setting what is varied
 * @param text    as written after the {@code =}, for files and messages
 * @param values  its values, at least 1 and at most {@link #MAX_VALUES}
 */
public record Vary(SweepSetting setting, String text, List<Double> values) {

    /** The most values one axis takes. */
    public static final int MAX_VALUES = 50;
    /** How many values a range without a count takes. */
    public static final int DEFAULT_STEPS = 10;

    private static final Pattern RANGE = Pattern.compile("([^:]*?[^.:])\\.\\.([^.:][^:]*)(?::(log)?(\\d+))?");

    public Vary {
        values = List.copyOf(values);
    }

    /** {@code NAME=VALUES} as the command line and presets write it. */
    public String format() {
        return setting.name() + "=" + text;
    }

    /**
     * Reads {@code NAME=VALUES} against {@code base} (which names its stages).
     *
     * @throws IllegalArgumentException one sentence on what is wrong
     */
    public static Vary parse(String spec, ExperimentConfig base) {
        String s = spec == null ? "" : spec.strip();
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("a sweep varies NAME=VALUES, like capacity=1..1000:log10 or consumers=1,2,4; got "
                    + Names.quote(s));
        }
        SweepSetting setting = SweepSetting.of(s.substring(0, eq), base);
        String text = s.substring(eq + 1).strip();
        String where = setting.name() + ": ";
        if (text.isEmpty()) {
            throw new IllegalArgumentException(where + "no values; give a list (1,5,10) or a range (1..100, 1..1000:log10)");
        }
        List<Double> raw = new ArrayList<>();
        Matcher m = RANGE.matcher(text);
        if (m.matches()) {
            double from = value(setting, m.group(1), where);
            double to = value(setting, m.group(2), where);
            if (from == to) {
                throw new IllegalArgumentException(where + "the range " + text + " is empty: its ends are equal; give one value as a list");
            }
            if (from > to) {
                throw new IllegalArgumentException(where + "the range " + text + " is reversed; write it from the smaller end, "
                        + m.group(2).strip() + ".." + m.group(1).strip());
            }
            boolean log = m.group(3) != null;
            int steps = m.group(4) == null ? DEFAULT_STEPS : parseSteps(m.group(4), where);
            if (log && from <= 0) {
                throw new IllegalArgumentException(where + "a log range starts above 0; got " + m.group(1).strip());
            }
            for (int i = 0; i < steps; i++) {
                double f = (double) i / (steps - 1);
                raw.add(i == steps - 1 ? to : log ? from * Math.pow(to / from, f) : from + (to - from) * f);
            }
        } else if (text.contains("..")) {
            throw new IllegalArgumentException(where + "a range is FROM..TO, FROM..TO:N or FROM..TO:logN (like 1..1000:log10); got "
                    + Names.quote(text));
        } else {
            String[] parts = text.split(",", -1);
            if (parts.length > MAX_VALUES) {
                throw new IllegalArgumentException(where + "at most " + MAX_VALUES + " values; got " + parts.length);
            }
            for (String p : parts) {
                if (p.isBlank()) {
                    throw new IllegalArgumentException(where + "an empty value in " + Names.quote(text));
                }
                raw.add(value(setting, p, where));
            }
        }
        Set<Double> kept = new LinkedHashSet<>();
        for (double v : raw) {
            double r = setting.whole() ? Math.rint(v) : Math.round(v * 1e6) / 1e6;
            kept.add(setting.range().clamp(r));
        }
        return new Vary(setting, text, new ArrayList<>(kept));
    }

    private static int parseSteps(String digits, String where) {
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = Integer.MAX_VALUE;
        }
        if (n < 2 || n > MAX_VALUES) {
            throw new IllegalArgumentException(where + "a range takes 2 to " + MAX_VALUES + " values; got " + digits);
        }
        return n;
    }

    private static double value(SweepSetting s, String text, String where) {
        try {
            return s.range().parse(text);
        } catch (IllegalArgumentException e) {
            // The range's own message names the setting already ("capacity must be ...").
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith(s.range().name()) ? m : where + m, e);
        }
    }
}
