package dev.backflow.sweep;

import dev.backflow.units.Names;
import dev.backflow.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bound a cell must meet: {@code p99<=100ms}, {@code refused<=1%}, {@code throughput>=95/s}.
 * The value takes the figure's unit grammar (a share as {@code 1%} or {@code 0.01}).
 *
 * @param figure what is bounded
 * @param atMost true for {@code <=} (and {@code <}), false for {@code >=} (and {@code >})
 * @param strict true for {@code <} and {@code >}
 * @param value  the bound, in the figure's unit (a share as a fraction)
 * @param text   as written
 */
public record Target(Figure figure, boolean atMost, boolean strict, double value, String text) {

    private static final Pattern ONE = Pattern.compile("\\s*([A-Za-z0-9-]+)\\s*(<=|>=|<|>|=<|=>)\\s*(.+?)\\s*");

    /** True if {@code v} meets this bound; a figure that does not exist (null) meets none. */
    public boolean met(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return false;
        }
        return atMost ? (strict ? v < value : v <= value) : (strict ? v > value : v >= value);
    }

    /**
     * Reads a comma-separated list of bounds; "" for none.
     *
     * @throws IllegalArgumentException one sentence on the first mistake
     */
    public static List<Target> parseAll(String text) {
        List<Target> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /** Reads one bound. */
    public static Target parse(String text) {
        Matcher m = ONE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a target is FIGURE<=VALUE or FIGURE>=VALUE, like p99<=100ms or refused<=1%; got "
                    + Names.quote(text == null ? "" : text.strip()));
        }
        Figure f = Figure.of(m.group(1));
        String op = m.group(2).replace("=<", "<=").replace("=>", ">=");
        double v;
        try {
            v = Units.parse(m.group(3), f.unit, f.key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target " + Names.quote(text.strip()) + ": " + e.getMessage(), e);
        }
        return new Target(f, op.startsWith("<"), !op.endsWith("="), v, text.strip());
    }

    /** The targets as {@link #parseAll} reads them back. */
    public static String format(List<Target> targets) {
        return String.join(",", targets.stream().map(Target::text).toList());
    }
}
