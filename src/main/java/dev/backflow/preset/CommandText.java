package dev.backflow.preset;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.PipelineSpec;
import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code backflow run ...} line that reproduces a config headless ("Copy as command"): every
 * setting that differs from {@link ExperimentConfig#DEFAULT}, in the options' own grammar, so
 * {@code backflow run} reads it back to the same config.
 */
public final class CommandText {

    private CommandText() {
    }

    /** The whole line, quoted for a POSIX shell. */
    public static String run(ExperimentConfig c) {
        StringBuilder b = new StringBuilder("backflow run");
        for (String arg : runArgs(c)) {
            b.append(' ').append(quote(arg));
        }
        return b.toString();
    }

    /**
     * The {@code backflow compare A B} line that runs two configs side by side headless, as the
     * A/B window does: each side is its {@code backflow run} options in one argument (with its
     * seed, so a side is never empty), quoted for a POSIX shell.
     */
    public static String compare(ExperimentConfig a, ExperimentConfig b) {
        return "backflow compare " + quote(side(a)) + " " + quote(side(b));
    }

    /**
     * One side of {@code backflow compare}: the run's options, a word with spaces in quotes as
     * compare splits them ("..." or, for a word holding a double quote, '...'; compare's
     * splitting has no escapes, so a stage name holding both quote marks cannot be written).
     */
    static String side(ExperimentConfig c) {
        List<String> args = new ArrayList<>(runArgs(c));
        if (!args.contains("--seed")) {
            args.add("--seed");
            args.add(Long.toString(c.seed()));
        }
        StringBuilder b = new StringBuilder();
        for (String arg : args) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            // compare splits a side at spaces outside "..." or '...' (no escapes inside them).
            boolean safe = arg.matches("[A-Za-z0-9_./:%,=+@-]+");
            b.append(safe ? arg : arg.contains("\"") ? "'" + arg + "'" : "\"" + arg + "\"");
        }
        return b.toString();
    }

    /** The options alone, one argument each, unquoted. */
    public static List<String> runArgs(ExperimentConfig c) {
        ExperimentConfig d = ExperimentConfig.DEFAULT;
        List<String> a = new ArrayList<>();
        if (!c.hops().isEmpty() || !c.sourceName().equals(ExperimentConfig.SOURCE) || !c.sinkName().equals(ExperimentConfig.SINK)) {
            // The chain carries the producers, rate, arrivals, the first link, the consumers and their service.
            a.add("--pipeline");
            a.add(PipelineSpec.format(c));
        } else {
            add(a, "--capacity", c.capacity() != d.capacity(), Units.plain(c.capacity()));
            add(a, "--producers", c.producers() != d.producers(), Units.plain(c.producers()));
            add(a, "--consumers", c.consumers() != d.consumers(), Units.plain(c.consumers()));
            add(a, "--rate", c.producerRate() != d.producerRate(), Units.format(c.producerRate(), Unit.PER_SECOND));
            add(a, "--consumer-delay", c.consumerDelayMs() != d.consumerDelayMs(),
                    Units.format(c.consumerDelayMs(), Unit.MILLISECONDS));
            add(a, "--policy", c.policy() != d.policy(), c.policy().cliName());
            add(a, "--arrivals", !c.arrivals().equals(d.arrivals()), Distribution.format(c.arrivals()));
            add(a, "--service", !c.service().equals(d.service()), Distribution.format(c.service()));
        }
        add(a, "--timeout", c.timeoutMs() != d.timeoutMs(), Units.format(c.timeoutMs(), Unit.MILLISECONDS));
        add(a, "--item-size", c.itemSizeBytes() != d.itemSizeBytes(), Units.plain(c.itemSizeBytes()));
        add(a, "--memory-budget", c.memoryBudgetBytes() != d.memoryBudgetBytes(), Units.plain(c.memoryBudgetBytes()));
        add(a, "--items", c.items() != d.items(), Units.plain(c.items()));
        add(a, "--duration", c.durationSeconds() != d.durationSeconds(), Units.format(c.durationSeconds(), Unit.SECONDS));
        add(a, "--seed", c.seed() != d.seed(), Long.toString(c.seed()));
        add(a, "--threads", c.threads() != d.threads(), c.threads().name().toLowerCase(Locale.ROOT));
        return a;
    }

    private static void add(List<String> args, String option, boolean differs, String value) {
        if (differs) {
            args.add(option);
            args.add(value);
        }
    }

    /** {@code arg} as one word for a POSIX shell: as is when safe, else in single quotes. */
    static String quote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:%,=+@-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
