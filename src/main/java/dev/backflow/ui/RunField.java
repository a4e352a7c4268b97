package dev.backflow.ui;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A per-run setting typed into a text box: how its text is shown, parsed and applied to a
 * config. Parsing failures and range problems become messages for a person.
 */
public enum RunField {
    PRODUCERS(c -> fmt(c.producers()), (c, t) -> c.toBuilder().producers((int) whole(t, Limits.PRODUCERS)).build()),
    CONSUMERS(c -> fmt(c.consumers()), (c, t) -> c.toBuilder().consumers((int) whole(t, Limits.CONSUMERS)).build()),
    TIMEOUT(c -> fmt(c.timeoutMs()), (c, t) -> c.toBuilder().timeoutMs(number(t, Limits.TIMEOUT_MS)).build()),
    ITEM_SIZE(c -> fmt(c.itemSizeBytes()), (c, t) -> c.toBuilder().itemSizeBytes(bytes(t, Limits.ITEM_SIZE)).build()),
    MEMORY_BUDGET(c -> mebibytes(c.memoryBudgetBytes()), (c, t) -> c.toBuilder().memoryBudgetBytes(bytes(t, Limits.MEMORY_BUDGET)).build()),
    ITEMS(c -> fmt(c.items()), (c, t) -> c.toBuilder().items(whole(t, Limits.ITEMS)).build()),
    DURATION(c -> fmt(c.durationSeconds()), (c, t) -> c.toBuilder().durationSeconds(number(t, Limits.DURATION_S)).build()),
    SEED(c -> Long.toString(c.seed()), (c, t) -> c.toBuilder().seed(seed(t)).build()),
    ARRIVAL_JITTER(c -> jitterOf(c.arrivals()), (c, t) -> c.toBuilder().arrivals(new Distribution.Uniform(jitter(t))).build()),
    SERVICE_JITTER(c -> jitterOf(c.service()), (c, t) -> c.toBuilder().service(new Distribution.Uniform(jitter(t))).build()),
    BURST(c -> burstOf(c.arrivals()), (c, t) -> c.toBuilder().arrivals(burst(t)).build());

    private final Function<ExperimentConfig, String> show;
    private final BiFunction<ExperimentConfig, String, ExperimentConfig> apply;

    RunField(Function<ExperimentConfig, String> show, BiFunction<ExperimentConfig, String, ExperimentConfig> apply) {
        this.show = show;
        this.apply = apply;
    }

    /** The field's current value as text. */
    public String show(ExperimentConfig c) {
        return show.apply(c);
    }

    /**
     * The config with this field set from {@code text}.
     *
     * @throws IllegalArgumentException with a message for a person
     */
    public ExperimentConfig apply(ExperimentConfig c, String text) {
        return apply.apply(c, text == null ? "" : text.strip());
    }

    private static String fmt(double v) {
        return Limits.Range.format(v);
    }

    private static String mebibytes(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : fmt(bytes);
    }

    private static double plain(String t, String name) {
        try {
            double v = Double.parseDouble(t.replace(",", "").replace("_", ""));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number; got \"" + t + "\"");
        }
    }

    private static long whole(String t, Limits.Range r) {
        double v = plain(t, r.name());
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(r.name() + " must be a whole number; got " + t);
        }
        r.problemWith(v).ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
        return (long) v;
    }

    private static double number(String t, Limits.Range r) {
        String s = t.toLowerCase(Locale.ROOT);
        double factor = 1;
        if (r.unit().equals("ms") && s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
        } else if (r.unit().equals("ms") && s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
            factor = 1000;
        } else if (r.unit().equals("s") && s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
            factor = 0.001;
        } else if (r.unit().equals("s") && s.endsWith("min")) {
            s = s.substring(0, s.length() - 3);
            factor = 60;
        } else if (r.unit().equals("s") && s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        double v = plain(s.strip(), r.name()) * factor;
        r.problemWith(v).ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
        return v;
    }

    private static long bytes(String t, Limits.Range r) {
        String s = t.toLowerCase(Locale.ROOT).replace(" ", "");
        long factor = 1;
        for (String[] unit : new String[][] {{"gib", "1073741824"}, {"mib", "1048576"}, {"kib", "1024"},
                {"gb", "1000000000"}, {"mb", "1000000"}, {"kb", "1000"}, {"b", "1"}}) {
            if (s.endsWith(unit[0])) {
                s = s.substring(0, s.length() - unit[0].length());
                factor = Long.parseLong(unit[1]);
                break;
            }
        }
        double v = plain(s, r.name()) * factor;
        r.problemWith(v).ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
        return Math.round(v);
    }

    private static long seed(String t) {
        try {
            return Long.parseLong(t.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed must be a whole number; got \"" + t + "\"");
        }
    }

    private static double jitter(String t) {
        String s = t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t;
        double pct = plain(s, "jitter");
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("jitter must be between 0 and 100 %; got " + t);
        }
        return pct / 100;
    }

    private static String jitterOf(Distribution d) {
        return d instanceof Distribution.Uniform u ? fmt(u.jitter() * 100) + " %" : "20 %";
    }

    private static String burstOf(Distribution d) {
        Distribution.Bursty b = d instanceof Distribution.Bursty x ? x : new Distribution.Bursty(1000, 200, 800);
        return fmt(b.burstRate()).replace(",", "") + "/s, " + fmt(b.burstMs()).replace(",", "") + " ms, "
                + fmt(b.idleMs()).replace(",", "") + " ms";
    }

    private static Distribution burst(String t) {
        String[] parts = t.replace("/s", "").replace("ms", "").split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bursts need three numbers: rate/s, burst ms, idle ms (like 1000/s, 200 ms, 800 ms); got \"" + t + "\"");
        }
        return new Distribution.Bursty(plain(parts[0].strip(), "burst rate"), plain(parts[1].strip(), "burst length"),
                plain(parts[2].strip(), "idle length"));
    }
}
