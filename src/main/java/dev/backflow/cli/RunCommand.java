package dev.backflow.cli;

import dev.backflow.report.RunSummary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backflow.engine.Backoff;
import dev.backflow.engine.Callers;
import dev.backflow.engine.Change;
import dev.backflow.engine.Distribution;
import dev.backflow.engine.RetryBudget;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code backflow run}: one experiment, headless, with a summary at the end. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        defaultValueProvider = RunCommand.Defaults.class,
        description = {"Runs an experiment without a window and prints a summary.",
                "Without --items or --duration it runs until you press Ctrl+C.",
                "Durations take units (500ms, 2s, 1m); sizes too (1KiB, 256MiB)."},
        exitCodeOnInvalidInput = 2,
        footerHeading = "%nExamples:%n",
        footer = {
            "  The first tutorial: a buffer of 5, 20 items, a 500 ms consumer (about 10 s):",
            "    backflow run --capacity 5 --items 20 --consumer-delay 500ms",
            "  A preset with one setting overridden, the summary as JSON on standard output:",
            "    backflow run --preset first-tutorial --consumer-delay 50ms --json -",
            "  A pipeline: a 50 ms store behind a 1 ms parse stage; watch both links fill:",
            "    backflow run --pipeline \"source 200/s | 5 block | parse 1ms | 5 block | store 50ms\" \\",
            "                 --duration 10s",
            "  Reject instead of wait, Poisson arrivals, for 30 s, with a CSV time series:",
            "    backflow run --policy reject --arrivals exponential --duration 30s \\",
            "                 --csv fill.csv",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the run ended and the summary was printed",
            "1:an output file could not be written during the run",
            "2:bad input (an unknown option, a value out of range, a broken preset, an output path that cannot be created); nothing was started",
            "70:an unexpected failure (details on standard error)"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME|FILE", description = "Start from a preset (a name, a short name like first-tutorial, or a .backflow.json file); other options override it.")
    String preset;
    @Option(names = "--presets-dir", paramLabel = "DIR", description = "Folder of your presets (default: the per-user folder).")
    Path presetsDir;
    // Every setting is text read with the one grammar of dev.backflow.units.Units (1k, 1,000,
    // 100/s, 500ms, 256MiB), and its default comes from ExperimentConfig.DEFAULT (see Defaults).
    @Option(names = "--capacity", paramLabel = "N", description = "Buffer capacity, 1..10,000 items (default ${DEFAULT-VALUE}).")
    String capacity;
    @Option(names = "--producers", paramLabel = "N", description = "Producer threads, 1..10,000 (default ${DEFAULT-VALUE}).")
    String producers;
    @Option(names = "--consumers", paramLabel = "N", description = "Consumer threads, 1..10,000 (default ${DEFAULT-VALUE}).")
    String consumers;
    @Option(names = "--rate", paramLabel = "RATE", description = "Total producer rate, 0.1..1,000,000 items/s; /s if no unit (default ${DEFAULT-VALUE}).")
    String rate;
    @Option(names = "--consumer-delay", paramLabel = "TIME", description = "Time per item, 0..5s; ms if no unit (default ${DEFAULT-VALUE}).")
    String consumerDelay;
    @Option(names = "--policy", paramLabel = "POLICY", description = "block, reject, timeout, drop-newest, drop-oldest or unbounded (default ${DEFAULT-VALUE}).")
    String policy;
    @Option(names = "--timeout", paramLabel = "TIME", description = "Send deadline for --policy timeout, 1ms..60s; ms if no unit (default ${DEFAULT-VALUE}).")
    String timeout;
    @Option(names = "--item-size", paramLabel = "SIZE", description = "Simulated item size for --policy unbounded; bytes if no unit (default ${DEFAULT-VALUE}).")
    String itemSize;
    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "Memory budget for --policy unbounded; bytes if no unit (default ${DEFAULT-VALUE}).")
    String memoryBudget;
    @Option(names = "--arrivals", paramLabel = "DIST", description = "constant, exponential, uniform[:JITTER] or bursty:RATE,BURST,IDLE (default ${DEFAULT-VALUE}).")
    String arrivals;
    @Option(names = "--service", paramLabel = "DIST", description = "constant, exponential or uniform[:JITTER] (default ${DEFAULT-VALUE}).")
    String service;
    @Option(names = "--pipeline", paramLabel = "SPEC", description = {
            "A chain of stages and bounded links instead of one buffer, as in",
            "\"source 200/s | 16 block | parse 1ms x2 | 8 reject | store 50ms\" (see docs/cli.md).",
            "It sets the producers, rate, arrivals, capacity, policy, consumers, delay and service."})
    String pipeline;
    @Option(names = "--items", paramLabel = "N", description = "Items to produce in total, then drain and end (default: no limit).")
    String items;
    @Option(names = "--duration", paramLabel = "TIME", description = "Produce for this long, then drain and end; s if no unit (default: no limit).")
    String duration;
    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random draw (default ${DEFAULT-VALUE}).")
    String seed;
    @Option(names = "--threads", paramLabel = "KIND", description = "virtual or platform (default ${DEFAULT-VALUE}).")
    String threads;
    @Option(names = "--codel", paramLabel = "TARGET/INTERVAL", description = {"CoDel on the buffer (RFC 8289): shed items whose sojourn stood above TARGET",
            "for INTERVAL, like 5ms/100ms (a pipeline's links: codel in --pipeline). Default: off."})
    String codel;
    @Option(names = "--demand", paramLabel = "PERCENT", description = {"Make the buffer a demand link (Reactive Streams request(n)): the consumers request",
            "--capacity items at the start and again each PERCENT of them taken, 75%% as Reactor, 100%% (or strict) for strict",
            "batches; a producer sends only against demand, and --policy says what it does without (a pipeline: demand 32@75%%)."})
    String demand;
    @Option(names = "--limit", paramLabel = "ALGORITHM", description = {"An adaptive concurrency limit in front of the consumers (Netflix concurrency-limits):",
            "aimd, gradient, gradient2 or vegas; sends above it are refused at once (a pipeline's stages: limit in --pipeline)."})
    String limit;
    @Option(names = "--deadline", paramLabel = "TIME", description = {"Each request's caller waits this long for each attempt, then gives up; ms if no unit,",
            "0..60s (default: no deadline). With --retries it makes the source closed-loop (docs/callers.md)."})
    String deadline;
    @Option(names = "--retries", paramLabel = "N", description = "Retries after a failed attempt (refused, dropped, expired or past its deadline), 0..20 (default 0).")
    String retries;
    @Option(names = "--backoff", paramLabel = "LAW", description = "Wait before a retry: none, fixed, exponential, full-jitter, equal-jitter or decorrelated (default none).")
    String backoff;
    @Option(names = "--backoff-base", paramLabel = "TIME", description = "The backoff's first wait, 1ms..60s; ms if no unit (default ${DEFAULT-VALUE}).")
    String backoffBase;
    @Option(names = "--backoff-cap", paramLabel = "TIME", description = "The backoff's longest wait, at least the base; ms if no unit (default ${DEFAULT-VALUE}).")
    String backoffCap;
    @Option(names = "--retry-budget", paramLabel = "TOKENS/RATIO", description = {"A gRPC-style retry budget: TOKENS tokens, a failure costs 1, a success earns RATIO,",
            "retries stop below half (like 10/0.1; default: none)."})
    String retryBudget;
    @Option(names = "--check-deadlines", description = "The sink skips an item it cannot finish before its caller's deadline (a pipeline's stages: check-deadlines in --pipeline).")
    boolean checkDeadlines;
    @Option(names = "--change", paramLabel = "AT+FOR SETTING=VALUE", description = {"A scheduled change, like \"5s+2s consumer-delay=20ms\": the setting takes the value",
            "at AT for FOR, then returns. SETTING: rate, consumer-delay, capacity, timeout, or a stage's name. Repeatable."})
    java.util.List<String> changes;
    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary as JSON to FILE, or - for standard output.")
    String json;
    @Option(names = "--csv", paramLabel = "FILE", description = "Write a time series, one row per 100 ms, to FILE.")
    Path csv;
    @Option(names = "--events", paramLabel = "FILE", description = "Write every event as CSV to FILE.")
    Path events;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config;
        try {
            config = toConfig();
        } catch (dev.backflow.preset.PresetException e) {
            throw new ParameterException(spec.commandLine(), "--preset: " + e.getMessage());
        }
        if (config.usesMemoryBudget()) {
            Limits.heapProblem(config.memoryBudgetBytes()).ifPresent(why -> {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--memory-budget': " + why);
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Open every output before starting, so a bad path fails with nothing run.
        try (OutputFile series = open(csv, "--csv", "the time series");
             OutputFile log = open(events, "--events", "the event log");
             OutputFile summaryFile = json == null || "-".equals(json) ? null
                     : open(Path.of(json), "--json", "the JSON summary")) {
            HeadlessRun run = new HeadlessRun(config, series, log);
            // Ctrl+C stops the run and waits until its summary has been written.
            try (CtrlC ctrlC = new CtrlC(run::requestStop, 30, "backflow-ctrl-c")) {
                if (config.items() == 0 && config.durationSeconds() == 0) {
                    err.println("Running until stopped: press Ctrl+C for the summary.");
                    err.flush();
                }
                RunSummary summary = run.run();
                if (!"-".equals(json)) {
                    out.print(summary.toText());
                    out.flush();
                }
                if ("-".equals(json)) {
                    writeJson(summary, json, "summary", out);
                } else if (summaryFile != null) {
                    summaryFile.write(JSON.writeValueAsString(summary) + "\n");
                    summaryFile.close();
                }
                return reportFailures(err, series, log, summaryFile);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Tells every output that could not be written whole; 1 if any, else 0. */
    static int reportFailures(PrintWriter err, OutputFile... files) {
        int code = 0;
        for (OutputFile f : files) {
            if (f != null) {
                f.close();
                if (!f.ok()) {
                    err.println("backflow: " + f.failure());
                    code = 1;
                }
            }
        }
        err.flush();
        return code;
    }

    /**
     * Writes {@code value} as indented JSON to {@code target}: a file, or {@code -} for {@code out}.
     *
     * @param what the document's name in a failure's message ("summary", "comparison")
     */
    static void writeJson(Object value, String target, String what, PrintWriter out) throws IOException {
        ObjectMapper mapper = JSON;
        if ("-".equals(target)) {
            out.println(mapper.writeValueAsString(value));
            out.flush();
        } else {
            try {
                mapper.writeValue(Path.of(target).toFile(), value);
            } catch (IOException e) {
                throw new IOException("could not write the JSON " + what + " to " + target + ": " + e.getMessage(), e);
            }
        }
    }

    private OutputFile open(Path path, String option, String what) {
        if (path == null) {
            return null;
        }
        try {
            return OutputFile.open(what, path);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + ": cannot write " + path + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The config to run: the preset's (if any) with every option given on the command line
     * applied over it, or the options (and their defaults) alone.
     */
    /** The preset {@code name} names: a .backflow.json file, or a name or short name in {@code store}. */
    static dev.backflow.preset.Preset findPreset(dev.backflow.preset.PresetStore store, String name)
            throws dev.backflow.preset.PresetException {
        Path file = Path.of(name);
        return name.endsWith(".json") || Files.isRegularFile(file) ? store.read(file) : PresetsCommand.find(store, name);
    }

    ExperimentConfig toConfig() throws dev.backflow.preset.PresetException {
        ExperimentConfig fromOptions = optionsConfig();
        if (preset == null) {
            return withCallers(withPipeline(fromOptions));
        }
        dev.backflow.preset.PresetStore store = presetsDir != null
                ? new dev.backflow.preset.PresetStore(presetsDir) : dev.backflow.preset.PresetStore.forUser();
        ExperimentConfig base = findPreset(store, preset).config();
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        ExperimentConfig.Builder b = base.toBuilder();
        if (given.hasMatchedOption("--capacity")) b.capacity(fromOptions.capacity());
        if (given.hasMatchedOption("--producers")) b.producers(fromOptions.producers());
        if (given.hasMatchedOption("--consumers")) b.consumers(fromOptions.consumers());
        if (given.hasMatchedOption("--rate")) b.producerRate(fromOptions.producerRate());
        if (given.hasMatchedOption("--consumer-delay")) b.consumerDelayMs(fromOptions.consumerDelayMs());
        if (given.hasMatchedOption("--policy")) b.policy(fromOptions.policy());
        if (given.hasMatchedOption("--timeout")) b.timeoutMs(fromOptions.timeoutMs());
        if (given.hasMatchedOption("--item-size")) b.itemSizeBytes(fromOptions.itemSizeBytes());
        if (given.hasMatchedOption("--memory-budget")) b.memoryBudgetBytes(fromOptions.memoryBudgetBytes());
        if (given.hasMatchedOption("--arrivals")) b.arrivals(fromOptions.arrivals());
        if (given.hasMatchedOption("--service")) b.service(fromOptions.service());
        if (given.hasMatchedOption("--items")) b.items(fromOptions.items());
        if (given.hasMatchedOption("--duration")) b.durationSeconds(fromOptions.durationSeconds());
        if (given.hasMatchedOption("--seed")) b.seed(fromOptions.seed());
        if (given.hasMatchedOption("--threads")) b.threads(fromOptions.threads());
        if (given.hasMatchedOption("--codel")) b.codel(fromOptions.codel());
        if (given.hasMatchedOption("--demand")) b.demand(fromOptions.demand());
        if (given.hasMatchedOption("--limit")) b.sinkLimit(fromOptions.sinkLimit());
        try {
            return withCallers(withPipeline(b.build()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * {@code c} with the callers' options and the scheduled changes given on the command line
     * over its own (a preset's), checked together: each option that needs another says so.
     */
    private ExperimentConfig withCallers(ExperimentConfig c) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        Callers k = c.callers();
        if (deadline != null) {
            k = k.withDeadlineMs(parse("--deadline", deadline, Limits.DEADLINE_MS::parse));
        }
        if (retries != null) {
            k = k.withRetries((int) (long) parse("--retries", retries, Limits.RETRIES::parseWhole));
        }
        Backoff.Law law = backoff == null ? k.backoff().law() : parse("--backoff", backoff, Backoff.Law::parse);
        // Their help shows defaults (so picocli fills them in): only what was typed overrides a preset.
        double base = !given.hasMatchedOption("--backoff-base") ? k.backoff().baseMs()
                : parse("--backoff-base", backoffBase, Limits.BACKOFF_MS::parse);
        double cap = !given.hasMatchedOption("--backoff-cap") ? k.backoff().capMs()
                : parse("--backoff-cap", backoffCap, Limits.BACKOFF_MS::parse);
        Backoff b = parse(backoffCap != null ? "--backoff-cap" : "--backoff-base", "", unused -> new Backoff(law, base, cap));
        k = k.withBackoff(b);
        if (retryBudget != null) {
            k = k.withBudget(parse("--retry-budget", retryBudget, RetryBudget::parse));
        }
        if (checkDeadlines) {
            k = k.withCheckDeadlines(true);
        }
        for (String option : java.util.List.of("--backoff", "--backoff-base", "--backoff-cap", "--retry-budget")) {
            if (given.hasMatchedOption(option) && k.retries() == 0) {
                throw new ParameterException(spec.commandLine(), option + " needs --retries N (N > 0): without retries nothing backs off");
            }
        }
        boolean checks = k.checkDeadlines() || c.hops().stream().anyMatch(dev.backflow.engine.Hop::checksDeadlines);
        if (checks && k.deadlineMs() == 0) {
            throw new ParameterException(spec.commandLine(), (given.hasMatchedOption("--check-deadlines") ? "--check-deadlines"
                    : "check-deadlines in the pipeline") + " needs --deadline TIME: the callers have no deadline to check");
        }
        ExperimentConfig.Builder out = c.toBuilder().callers(k);
        if (changes != null) {
            java.util.List<Change> list = new java.util.ArrayList<>();
            for (String text : changes) {
                list.add(parse("--change", text, Change::parse));
            }
            out.changes(list);
        }
        try {
            return out.build(); // checks each change against the experiment's settings
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--change': " + e.getMessage());
        }
    }

    /** Options a pipeline sets itself: giving one of them too would be ambiguous. */
    private static final java.util.List<String> SET_BY_PIPELINE = java.util.List.of("--capacity", "--producers",
            "--consumers", "--rate", "--consumer-delay", "--policy", "--arrivals", "--service", "--codel", "--limit", "--demand");

    /** {@code c} with the --pipeline chain, if one was given. */
    private ExperimentConfig withPipeline(ExperimentConfig c) {
        if (pipeline == null) {
            return c;
        }
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (String option : SET_BY_PIPELINE) {
            if (given.hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), "--pipeline sets " + option.substring(2)
                        + " itself; give it in the pipeline (see docs/cli.md) instead of " + option);
            }
        }
        try {
            return dev.backflow.engine.PipelineSpec.apply(c, pipeline);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--pipeline': " + e.getMessage());
        }
    }

    /**
     * Validates every option, naming the option and its allowed range on the first problem.
     * Options not given take {@link ExperimentConfig#DEFAULT}'s values.
     */
    private ExperimentConfig optionsConfig() {
        ExperimentConfig d = ExperimentConfig.DEFAULT;
        int cap = capacity == null ? d.capacity() : parse("--capacity", capacity, Limits.CAPACITY::parseWhole).intValue();
        int prod = producers == null ? d.producers() : parse("--producers", producers, Limits.PRODUCERS::parseWhole).intValue();
        int cons = consumers == null ? d.consumers() : parse("--consumers", consumers, Limits.CONSUMERS::parseWhole).intValue();
        double perSecond = rate == null ? d.producerRate() : parse("--rate", rate, Limits.PRODUCER_RATE::parse);
        double delayMs = consumerDelay == null ? d.consumerDelayMs()
                : parse("--consumer-delay", consumerDelay, Limits.CONSUMER_DELAY_MS::parse);
        SendPolicy p = policy == null ? d.policy() : parse("--policy", policy, SendPolicy::parse);
        double timeoutMs = timeout == null ? d.timeoutMs() : parse("--timeout", timeout, Limits.TIMEOUT_MS::parse);
        long size = itemSize == null ? d.itemSizeBytes() : parse("--item-size", itemSize, Limits.ITEM_SIZE::parseWhole);
        long budget = memoryBudget == null ? d.memoryBudgetBytes()
                : parse("--memory-budget", memoryBudget, Limits.MEMORY_BUDGET::parseWhole);
        Distribution arr = arrivals == null ? d.arrivals() : parse("--arrivals", arrivals, Distribution::parse);
        Distribution svc = service == null ? d.service() : parse("--service", service, Distribution::parse);
        long count = items == null ? d.items() : parse("--items", items, Limits.ITEMS::parseWhole);
        double seconds = duration == null ? d.durationSeconds() : parse("--duration", duration, Limits.DURATION_S::parse);
        long randomSeed = seed == null ? d.seed() : parse("--seed", seed, Limits::parseSeed);
        ThreadKind kind = threads == null ? d.threads() : parse("--threads", threads, ThreadKind::parse);
        dev.backflow.engine.CoDel aqm = codel == null ? null : parse("--codel", codel, dev.backflow.engine.CoDel::parse);
        try {
            return new ExperimentConfig(cap, perSecond, delayMs, prod, cons, p, timeoutMs, size, budget,
                    arr, svc, count, seconds, randomSeed, kind).toBuilder().codel(aqm)
                    .demand(demand == null ? null : parse("--demand", demand, dev.backflow.engine.Demand::parsePercent))
                    .sinkLimit(limit == null ? null : parse("--limit", limit, dev.backflow.engine.AdaptiveLimit::parse)).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Shows {@link ExperimentConfig#DEFAULT}'s values as the options' defaults in the help, so
     * each default is written once.
     */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
                return null;
            }
            ExperimentConfig d = ExperimentConfig.DEFAULT;
            return switch (o.longestName()) {
                case "--capacity" -> Units.plain(d.capacity());
                case "--producers" -> Units.plain(d.producers());
                case "--consumers" -> Units.plain(d.consumers());
                case "--rate" -> Units.format(d.producerRate(), Unit.PER_SECOND);
                case "--consumer-delay" -> Units.format(d.consumerDelayMs(), Unit.MILLISECONDS);
                case "--policy" -> d.policy().cliName();
                case "--timeout" -> Units.format(d.timeoutMs(), Unit.MILLISECONDS);
                case "--item-size" -> Units.format(d.itemSizeBytes() / 1024.0, Unit.KIBIBYTES);
                case "--memory-budget" -> Units.format(d.memoryBudgetBytes() / (double) (1 << 20), Unit.MEBIBYTES);
                case "--arrivals" -> Distribution.format(d.arrivals());
                case "--service" -> Distribution.format(d.service());
                case "--seed" -> Long.toString(d.seed());
                case "--threads" -> d.threads().name().toLowerCase(java.util.Locale.ROOT);
                case "--backoff-base" -> Units.format(d.callers().backoff().baseMs(), Unit.MILLISECONDS);
                case "--backoff-cap" -> Units.format(d.callers().backoff().capMs(), Unit.MILLISECONDS);
                default -> null;
            };
        }
    }

    private void check(String option, Limits.Range range, double value) {
        range.problemWith(value).ifPresent(m -> {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + m);
        });
    }

    private <T> T parse(String option, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    /** Used by picocli's help. */
    static CommandLine.IExecutionExceptionHandler errorHandler() {
        return (ex, cmd, parseResult) -> {
            cmd.getErr().println("backflow: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            cmd.getErr().flush();
            if (ex instanceof dev.backflow.preset.PresetException) {
                return 2; // a bad preset is bad input, like a bad option
            }
            return ex instanceof IOException ? 1 : 70;
        };
    }
}
