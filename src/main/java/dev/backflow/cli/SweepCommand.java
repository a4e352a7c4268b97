package dev.backflow.cli;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;
import dev.backflow.sweep.Cell;
import dev.backflow.sweep.Figure;
import dev.backflow.sweep.Sweep;
import dev.backflow.sweep.SweepFile;
import dev.backflow.sweep.SweepResult;
import dev.backflow.sweep.SweepRunner;
import dev.backflow.sweep.Target;
import dev.backflow.sweep.Vary;
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

/** {@code backflow sweep}: one or two settings varied over ranges, each cell a real run, and the cheapest cell meeting targets. */
@Command(name = "sweep", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Runs an experiment once per value (or pair of values) of one or two",
                "settings, several cells at once, each a real run of the engine on the same",
                "seed for --duration. Prints each cell's figure, marks the cells that meet",
                "--target and names the cheapest (the smallest value of the first --vary,",
                "then of the second), with theory's answer beside it where a model applies.",
                "EXPERIMENT is a preset (a name, a short name or a .backflow.json file),",
                "optionally followed by options of 'backflow run' that override it, in one",
                "quoted argument (default: run's defaults). A preset that holds a sweep",
                "(\"sweep\" in the file) supplies --vary, --duration and --target."},
        exitCodeOnInvalidInput = 2,
        footerHeading = "%nExamples:%n",
        footer = {
            "  The smallest buffer that keeps the wait under 100 ms and refuses under 1 %%, at 4 rates:",
            "    backflow sweep \"db-writer-reject\" --vary capacity=1..1000:log10 --vary rate=50,100,150,200 \\",
            "        --target \"p99<=100ms,refused<=1%%\"",
            "  How many consumers, as CSV:",
            "    backflow sweep \"first-tutorial --rate 50\" --vary consumers=1..8:8 --duration 3s --csv -",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the sweep ran (or was stopped by Ctrl+C) and its result was printed",
            "1:the JSON or CSV file could not be written",
            "2:bad input (an unknown setting, figure or preset, a range out of order, too many cells); nothing was started",
            "70:an unexpected failure (details on standard error)"})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT",
            description = "The base experiment: a preset, then any 'backflow run' options (default: run's defaults).")
    String experiment;
    @Option(names = "--vary", paramLabel = "NAME=VALUES", description = {"A setting and its values: a list (consumers=1,2,4), a range of 10",
            "(rate=50..150), of N (rate=50..150:5), or N on a log scale (capacity=1..1000:log10). Give it once or twice.",
            "Names: capacity, rate, consumer-delay, consumers, producers, timeout, deadline, retries, backoff-base,",
            "and in a pipeline STAGE.workers, STAGE.service, STAGE.capacity."})
    List<String> vary = new ArrayList<>();
    @Option(names = "--duration", paramLabel = "TIME", description = "How long each cell produces, then drains; s if no unit (default 5 s, 0.5 s..10 min).")
    String duration;
    @Option(names = "--target", paramLabel = "BOUNDS", description = {"Bounds a cell should meet, like \"p99<=100ms,refused<=1%%\". Figures: p50, p99,",
            "mean-wait, refused, parked, throughput, goodput, memory, e2e-p99."})
    String target;
    @Option(names = "--figure", paramLabel = "FIGURE", description = "The figure the table shows (default: the first target's, else p99).")
    String figure;
    @Option(names = "--parallel", paramLabel = "N", description = "Cells run at once, 1..64 (default: twice the cores, ${DEFAULT-VALUE}).")
    int parallel = SweepRunner.defaultParallel();
    @Option(names = "--presets-dir", paramLabel = "DIR", description = "Folder of your presets (default: the per-user folder).")
    Path presetsDir;
    @Option(names = "--json", paramLabel = "FILE", description = "Write the whole sweep as JSON to FILE (a file the Sweep window reopens), or - for standard output.")
    String json;
    @Option(names = "--csv", paramLabel = "FILE", description = "Write one row per cell (the run summary's field names) to FILE, or - for standard output.")
    String csv;

    @Override
    public Integer call() throws Exception {
        Sweep sweep = sweep();
        Figure shown = figure != null ? parse("--figure", figure, Figure::of)
                : sweep.targets().isEmpty() ? Figure.P99 : sweep.targets().getFirst().figure();
        if (parallel < 1 || parallel > 64) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--parallel': 1 to 64 cells at once; got " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Open the outputs before starting, so a path that cannot be written fails with nothing run.
        try (OutputFile jsonFile = json == null || "-".equals(json) ? null : open(json, "--json", "the sweep");
             OutputFile csvFile = csv == null || "-".equals(csv) ? null : open(csv, "--csv", "the sweep's rows")) {
            SweepRunner runner = new SweepRunner(sweep, parallel);
            // Ctrl+C stops the running cells and waits until what finished has been printed.
            try (CtrlC ctrlC = new CtrlC(runner::cancel, 60, "backflow-sweep-ctrl-c")) {
                int total = sweep.columns() * sweep.rows();
                err.printf(Locale.ROOT, "Sweep: %d cells of %s each, %d at once; Ctrl+C stops it and keeps what finished.%n",
                        total, dev.backflow.units.Units.format(sweep.cellSeconds(), dev.backflow.units.Units.Unit.SECONDS), parallel);
                err.flush();
                boolean terminal = System.console() != null;
                SweepResult result = runner.run((soFar, cell, left) -> {
                    if (terminal) {
                        err.print("\r" + progress(soFar.done(), total, left));
                        err.flush();
                    }
                });
                if (terminal) {
                    err.println();
                }
                if (!result.complete()) {
                    err.println("Stopped: " + result.done() + " of " + total + " cells finished; they are kept below.");
                }
                err.flush();
                if (!"-".equals(json) && !"-".equals(csv)) {
                    out.print(text(result, shown));
                    out.flush();
                }
                String file = new String(SweepFile.write(result), java.nio.charset.StandardCharsets.UTF_8);
                String rows = SweepFile.csvHeader(result) + "\n" + String.join("\n", SweepFile.csvRows(result)) + "\n";
                if ("-".equals(json)) {
                    out.print(file);
                } else if (jsonFile != null) {
                    jsonFile.write(file);
                }
                if ("-".equals(csv)) {
                    out.print(rows);
                } else if (csvFile != null) {
                    csvFile.write(rows);
                }
                out.flush();
                int code = RunCommand.reportFailures(err, jsonFile, csvFile);
                err.flush();
                return code;
            }
        }
    }

    /** The sweep the options (or the preset's own sweep) describe, checked before anything runs. */
    private Sweep sweep() {
        ExperimentConfig base;
        dev.backflow.preset.Preset.SweepPlan plan = null;
        if (experiment == null) {
            base = ExperimentConfig.DEFAULT;
        } else {
            base = CompareCommand.experiment(spec.commandLine(), "EXPERIMENT", experiment, presetsDir,
                    "use --json or --csv of sweep");
            plan = presetPlan();
        }
        List<String> axes = !vary.isEmpty() ? vary : plan != null ? plan.vary() : List.of();
        if (axes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing --vary: say what to vary, like --vary capacity=1..1000:log10");
        }
        if (axes.size() > 2) {
            throw new ParameterException(spec.commandLine(), "a sweep varies one or two settings; got " + axes.size() + " --vary");
        }
        List<Vary> parsed = new ArrayList<>();
        for (String v : axes) {
            parsed.add(parse("--vary", v, t -> Vary.parse(t, base)));
        }
        double seconds = duration != null ? parse("--duration", duration, Sweep.CELL_SECONDS::parse)
                : plan != null ? plan.cellSeconds() : Sweep.DEFAULT_CELL_SECONDS;
        String bounds = target != null ? target : plan != null ? plan.target() : "";
        List<Target> targets = parse("--target", bounds, Target::parseAll);
        try {
            return new Sweep(base, parsed, seconds, targets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The sweep a preset holds, when EXPERIMENT names a preset that has one. */
    private dev.backflow.preset.Preset.SweepPlan presetPlan() {
        List<String> words = CompareCommand.words(experiment);
        if (words.isEmpty() || words.getFirst().startsWith("-")) {
            return null;
        }
        try {
            dev.backflow.preset.PresetStore store = presetsDir != null ? new dev.backflow.preset.PresetStore(presetsDir)
                    : dev.backflow.preset.PresetStore.forUser();
            return RunCommand.findPreset(store, words.getFirst()).sweep();
        } catch (Exception e) {
            return null; // the experiment itself was read above; a preset without a sweep has none
        }
    }

    private OutputFile open(String path, String option, String what) {
        try {
            return OutputFile.open(what, Path.of(path));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), option + ": cannot write " + path + " (" + e.getMessage() + ")");
        }
    }

    private <T> T parse(String option, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    /** "[#########...........]  45/100 cells · 1 min 20 s left". */
    static String progress(long done, int total, double secondsLeft) {
        int width = 24;
        int filled = (int) Math.round(width * (double) done / Math.max(1, total));
        long s = Math.round(secondsLeft);
        String left = s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d/%d cells · %s left  ", done, total, left);
    }

    /** The result as a table of one figure (✓ where a cell meets the targets, ! where the machine distorted it) and the answer. */
    static String text(SweepResult r, Figure shown) {
        StringBuilder b = new StringBuilder();
        Sweep s = r.sweep();
        b.append(String.format(Locale.ROOT, "Sweep of %s: %d of %d cells ran, %d at once, in %.1f s%n",
                String.join(" × ", s.axes().stream().map(a -> a.setting().name()).toList()), r.done(),
                s.columns() * s.rows(), r.parallel(), r.wallSeconds()));
        b.append(shown.label).append(" per cell").append(s.targets().isEmpty() ? "" : " (✓ meets " + Target.format(s.targets()) + ")")
                .append(" · ! the machine distorted the cell").append(System.lineSeparator());
        String rowName = s.axes().size() > 1 ? s.axes().get(1).setting().name() : "";
        b.append(String.format(Locale.ROOT, "%-14s", s.axes().size() > 1 ? rowName + " \\ " + s.axes().get(0).setting().name()
                : s.axes().get(0).setting().name()));
        for (double x : s.axes().get(0).values()) {
            b.append(String.format(Locale.ROOT, " %13s", dev.backflow.units.Units.number(x)));
        }
        b.append(System.lineSeparator());
        for (int row = 0; row < s.rows(); row++) {
            b.append(String.format(Locale.ROOT, "%-14s", s.axes().size() > 1 ? dev.backflow.units.Units.number(s.axes().get(1).values().get(row)) : ""));
            for (int col = 0; col < s.columns(); col++) {
                Cell c = r.at(col, row);
                String v = c == null || !c.done() ? "not run" : shown.format(shown.measured(c.summary()))
                        + (r.meets(c) ? " ✓" : "") + (c.distortion() != null ? " !" : "");
                b.append(String.format(Locale.ROOT, " %13s", v));
            }
            b.append(System.lineSeparator());
        }
        for (Cell c : r.cells()) {
            if (c.distortion() != null) {
                b.append("! ").append(r.place(c)).append(": ").append(c.distortion()).append(System.lineSeparator());
            }
        }
        b.append(r.answer()).append(System.lineSeparator());
        return b.toString();
    }
}
