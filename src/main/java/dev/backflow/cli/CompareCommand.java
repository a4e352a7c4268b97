package dev.backflow.cli;

import dev.backflow.report.Comparison;
import dev.backflow.report.RunSummary;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code backflow compare A B}: two experiments at once, headless, on the same seeded workload,
 * with both summaries and their differences.
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Runs two experiments side by side on the same seeded workload (the same arrival and",
                "service draws) and prints the key figures of both and their difference.",
                "A and B are each a preset (a name, a short name or a .backflow.json file), optionally",
                "followed by options of 'backflow run' that override it, in one quoted argument."},
        exitCodeOnInvalidInput = 2,
        footerHeading = "%nExamples:%n",
        footer = {
            "  Block or reject for the database writer, 20 s each:",
            "    backflow compare db-writer-reject \"db-writer-reject --policy block\" --duration 20s",
            "  A buffer of 5 against one of 50, with the summaries as JSON:",
            "    backflow compare \"first-tutorial --items 200\" \"first-tutorial --items 200 --capacity 50\" --json -",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:both runs ended and the comparison was printed",
            "1:the JSON file could not be written",
            "2:bad input (an unknown preset or option, a value out of range); nothing was started",
            "70:an unexpected failure (details on standard error)"})
final class CompareCommand implements Callable<Integer> {

    /** How long two runs without an end of their own produce for. */
    static final double DEFAULT_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first experiment: a preset, then any 'backflow run' options.")
    String a;
    @Parameters(index = "1", paramLabel = "B", description = "The second experiment, the same way.")
    String b;
    @Option(names = "--duration", paramLabel = "TIME", description = "Both produce for this long, then drain and end; s if no unit "
            + "(default: each one's own end, or 10 s if it has none).")
    String duration;
    @Option(names = "--items", paramLabel = "N", description = "Both produce this many items in total, then drain and end.")
    String items;
    @Option(names = "--seed", paramLabel = "N", description = "The seed both use (default: A's).")
    String seed;
    @Option(names = "--presets-dir", paramLabel = "DIR", description = "Folder of your presets (default: the per-user folder).")
    Path presetsDir;
    @Option(names = "--json", paramLabel = "FILE", description = "Write both summaries and the differences as JSON to FILE, or - for standard output.")
    String json;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig first = config("A", a);
        ExperimentConfig second = config("B", b);
        long commonSeed = seed == null ? first.seed() : parse("--seed", seed, dev.backflow.engine.Limits::parseSeed);
        first = ends(first.toBuilder().seed(commonSeed).build());
        second = ends(second.toBuilder().seed(commonSeed).build());
        HeadlessRun runA = new HeadlessRun(first, null, null);
        HeadlessRun runB = new HeadlessRun(second, null, null);
        CompletableFuture<RunSummary> doneB = new CompletableFuture<>();
        Thread other = Thread.ofPlatform().name("backflow-compare-b").start(() -> {
            try {
                doneB.complete(runB.run());
            } catch (Throwable e) {
                doneB.completeExceptionally(e);
            }
        });
        RunSummary sa = runA.run();
        RunSummary sb;
        try {
            sb = doneB.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        other.join();
        Comparison result = Comparison.of(sa, sb);
        PrintWriter out = spec.commandLine().getOut();
        if (!"-".equals(json)) {
            out.print(text(result, a, b));
            out.flush();
        }
        if (json != null) {
            RunCommand.writeJson(result, json, "comparison", out);
        }
        return 0;
    }

    /** One side: its preset and overrides, read exactly as 'backflow run' reads them. */
    private ExperimentConfig config(String side, String text) {
        return experiment(spec.commandLine(), side, text, presetsDir, "use --json of compare for both");
    }

    /**
     * An experiment written as one argument, a preset then any 'backflow run' options (compare's
     * sides, a sweep's base), read exactly as 'backflow run' reads them.
     *
     * @param outputs what to say when the text asks for one of run's outputs
     */
    static ExperimentConfig experiment(CommandLine cmd, String side, String text, Path presetsDir, String outputs) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            throw new ParameterException(cmd, side + " is empty: give a preset, like first-tutorial");
        }
        List<String> args = new ArrayList<>();
        if (!words.getFirst().startsWith("-")) {
            args.add("--preset");
        }
        args.addAll(words);
        if (presetsDir != null && !words.contains("--presets-dir")) {
            args.add("--presets-dir");
            args.add(presetsDir.toString());
        }
        for (String w : words) {
            if (List.of("--json", "--csv", "--events").contains(w)) {
                throw new ParameterException(cmd, side + ": " + w + " is an output of 'backflow run'; " + outputs);
            }
        }
        RunCommand run = new RunCommand();
        CommandLine parser = new CommandLine(run);
        try {
            parser.parseArgs(args.toArray(String[]::new));
            return run.toConfig();
        } catch (ParameterException e) {
            throw new ParameterException(cmd, side + " (\"" + text.strip() + "\"): " + e.getMessage());
        } catch (dev.backflow.preset.PresetException e) {
            throw new ParameterException(cmd, side + ": " + e.getMessage());
        }
    }

    /** {@code c} with the shared end: --duration or --items if given, else its own, else 10 s. */
    private ExperimentConfig ends(ExperimentConfig c) {
        ExperimentConfig.Builder bld = c.toBuilder();
        if (duration != null) {
            bld.durationSeconds(parse("--duration", duration, Limits.DURATION_S::parse)).items(0);
        }
        if (items != null) {
            bld.items(parse("--items", items, Limits.ITEMS::parseWhole)).durationSeconds(0);
        }
        ExperimentConfig e = bld.build();
        return e.items() == 0 && e.durationSeconds() == 0 ? e.toBuilder().durationSeconds(DEFAULT_SECONDS).build() : e;
    }

    private <T> T parse(String option, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    /** Splits a side into words, keeping "quoted parts" together. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        Character quote = null;
        boolean any = false;
        for (char ch : text.toCharArray()) {
            if (quote != null) {
                if (ch == quote) {
                    quote = null;
                } else {
                    w.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                any = true;
            } else if (Character.isWhitespace(ch)) {
                if (any || !w.isEmpty()) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
            }
        }
        if (any || !w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }

    /** The comparison as a person reads it: one row per figure, A, B and B − A. */
    static String text(Comparison c, String nameA, String nameB) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "A: %s%nB: %s%nSame seed (%s): the same arrival and service draws.%n%n",
                nameA.strip(), nameB.strip(), c.a().config().get("seed")));
        out.append(String.format(Locale.ROOT, "%-24s %14s %14s %14s%n", "", "A", "B", "B − A"));
        row(out, "policy", String.valueOf(c.a().config().get("policy")), String.valueOf(c.b().config().get("policy")), "");
        row(out, "capacity", String.valueOf(c.a().config().get("capacity")), String.valueOf(c.b().config().get("capacity")), "");
        row(out, "throughput (items/s)", num(c.a().throughputPerSecond()), num(c.b().throughputPerSecond()),
                num(c.difference().get("throughputPerSecond")));
        row(out, "queue wait p99 (ms)", num(Comparison.queueWaitP99(c.a())), num(Comparison.queueWaitP99(c.b())),
                num(c.difference().get("queueWaitP99Millis")));
        row(out, "producers parked", pct(Comparison.parkedShare(c.a())), pct(Comparison.parkedShare(c.b())),
                pct(c.difference().get("parkedShare")));
        row(out, "refused", Long.toString(Comparison.refused(c.a())), Long.toString(Comparison.refused(c.b())),
                String.format(Locale.ROOT, "%+d", c.difference().get("refused").longValue()));
        row(out, "memory at end (bytes)", Long.toString(c.a().memoryBytesAtEnd()), Long.toString(c.b().memoryBytesAtEnd()),
                String.format(Locale.ROOT, "%+d", c.difference().get("memoryBytesAtEnd").longValue()));
        row(out, "outcome", c.a().outcome(), c.b().outcome(), "");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String a, String b, String d) {
        out.append(String.format(Locale.ROOT, "%-24s %14s %14s %14s%n", name, a, b, d));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
