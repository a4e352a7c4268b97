package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;

import java.util.Objects;

/**
 * A named, described experiment: every setting, plus how much history the chart shows.
 *
 * @param name               what it is called (unique among a person's presets)
 * @param description        a short explanation shown in the window
 * @param config             every engine setting
 * @param chartWindowSeconds seconds of history on the chart's time axis
 * @param sweep              a sweep over this experiment ({@code backflow sweep PRESET} and the Sweep
 *                           window run it), or null
 */
public record Preset(String name, String description, ExperimentConfig config, double chartWindowSeconds, SweepPlan sweep) {

    /**
     * A sweep a preset holds, as written (the sweep layer reads and checks it against the config).
     *
     * @param vary        one or two {@code NAME=VALUES}
     * @param cellSeconds each cell's length
     * @param target      bounds, like {@code p99<=100ms,refused<=1%}; "" for none
     */
    public record SweepPlan(java.util.List<String> vary, double cellSeconds, String target) {
        public SweepPlan {
            vary = java.util.List.copyOf(vary);
            if (vary.isEmpty() || vary.size() > 2) {
                throw new IllegalArgumentException("a sweep varies one or two settings; got " + vary.size());
            }
            dev.backflow.engine.Limits.SWEEP_CELL_S.problemWith(cellSeconds).ifPresent(why -> {
                throw new IllegalArgumentException("sweep: " + why);
            });
            target = target == null ? "" : target.strip();
        }
    }

    /** A preset without a sweep. */
    public Preset(String name, String description, ExperimentConfig config, double chartWindowSeconds) {
        this(name, description, config, chartWindowSeconds, null);
    }

    /** Longest name a preset may have. */
    public static final int MAX_NAME = 80;
    /** Longest description a preset may have. */
    public static final int MAX_DESCRIPTION = 2_000;
    /** Shortest and longest chart window. */
    public static final double MIN_WINDOW = 5;
    public static final double MAX_WINDOW = 120;

    public Preset {
        name = checkName(name);
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        Objects.requireNonNull(config, "config");
        if (!(chartWindowSeconds >= MIN_WINDOW && chartWindowSeconds <= MAX_WINDOW)) {
            throw new IllegalArgumentException("chart window must be between 5 and 120 s; got " + chartWindowSeconds);
        }
    }

    /** Checks a name a person typed and returns it trimmed. */
    public static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("a preset needs a name");
        }
        if (n.length() > MAX_NAME) {
            throw new IllegalArgumentException("a preset name has at most " + MAX_NAME + " characters");
        }
        dev.backflow.units.Names.problem(n, "a preset name").ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return n;
    }

    public Preset withName(String newName) {
        return new Preset(newName, description, config, chartWindowSeconds, sweep);
    }
}
