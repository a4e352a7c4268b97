package dev.backflow.ui.compare;

import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.RunFigures;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.BuiltInComparison;
import dev.backflow.report.Comparison;
import dev.backflow.report.CallerSummary;
import dev.backflow.report.RunSummary;
import dev.backflow.units.Units;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of the A/B window, as properties a test can drive without a toolkit: two
 * experiments, each with its own {@link MainViewModel} (so its own settings column), that always
 * share one seed, start, pause and stop together, and are read side by side in a table of A, B
 * and B − A.
 *
 * <p>Threading: FX thread only (or a single test thread).
 */
public final class CompareViewModel {

    /** A line of the comparison menu: a built-in question, or the main window's settings twice. */
    public record Choice(String title, BuiltInComparison comparison) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** One line of the table: a figure, its value on either side and B − A. */
    public static final class Row {
        private final String name;
        private final StringProperty a = new SimpleStringProperty("–");
        private final StringProperty b = new SimpleStringProperty("–");
        private final StringProperty difference = new SimpleStringProperty("");

        Row(String name) {
            this.name = name;
        }

        public String name() { return name; }
        public ReadOnlyStringProperty aProperty() { return a; }
        public ReadOnlyStringProperty bProperty() { return b; }
        public ReadOnlyStringProperty differenceProperty() { return difference; }

        void show(String av, String bv, String d) {
            a.set(av);
            b.set(bv);
            difference.set(d);
        }
    }

    private final Engine engineA;
    private final Engine engineB;
    private final MainViewModel a;
    private final MainViewModel b;
    private final List<Choice> choices;
    private final StringProperty nameA = new SimpleStringProperty("A");
    private final StringProperty nameB = new SimpleStringProperty("B");
    private final StringProperty explanation = new SimpleStringProperty("");
    private final StringProperty startLabel = new SimpleStringProperty("Start both");
    private final StringProperty state = new SimpleStringProperty("Ready");
    private final BooleanProperty canStop = new SimpleBooleanProperty();
    private final BooleanProperty canReset = new SimpleBooleanProperty();
    private final StringProperty arrivals = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final BooleanProperty arrivalsDiffer = new SimpleBooleanProperty();
    private final Row policyRow = new Row("When full");
    private final Row bufferRow = new Row("Buffer");
    private final Row consumersRow = new Row("Consumers");
    private final Row throughputRow = new Row("Throughput");
    private final Row goodputRow = new Row("Goodput");
    private final Row endToEndRow = new Row("End to end p99");
    private final Row waitRow = new Row("Queue wait p99");
    private final Row parkedRow = new Row("Producers parked");
    private final Row refusedRow = new Row("Refused");
    private final Row memoryRow = new Row("Memory");
    private final Row outcomeRow = new Row("Outcome");
    /** Every row, the callers' (goodput, end to end) right under throughput, where they are read first. */
    private final List<Row> allRows = List.of(policyRow, bufferRow, consumersRow, throughputRow, goodputRow,
            endToEndRow, waitRow, parkedRow, refusedRow, memoryRow, outcomeRow);
    /** The rows shown: the callers' only when a side has callers. */
    private final javafx.collections.ObservableList<Row> rows = javafx.collections.FXCollections.observableArrayList(
            allRows.stream().filter(r -> r != goodputRow && r != endToEndRow).toList());
    /** While one side's seed is being copied to the other, so the copy does not echo back. */
    private boolean sharingSeed;

    /**
     * @param engineA  side A's engine, configured with its first settings
     * @param engineB  side B's
     * @param builtIns the ready-made comparisons the menu offers after "your settings"
     */
    public CompareViewModel(Engine engineA, Engine engineB, List<BuiltInComparison> builtIns) {
        this.engineA = Objects.requireNonNull(engineA);
        this.engineB = Objects.requireNonNull(engineB);
        a = new MainViewModel(engineA);
        b = new MainViewModel(engineB);
        choices = java.util.stream.Stream.concat(java.util.stream.Stream.of(new Choice("Your settings, twice", null)),
                builtIns.stream().map(c -> new Choice(c.title(), c))).toList();
        // One seed for both sides, whichever side it is typed into: the same arrival and service draws.
        a.draftProperty().subscribe(c -> shareSeed(c, b));
        b.draftProperty().subscribe(c -> shareSeed(c, a));
        showState();
    }

    private void shareSeed(ExperimentConfig from, MainViewModel to) {
        if (!sharingSeed && from.seed() != to.config().seed()) {
            sharingSeed = true;
            try {
                to.apply(to.config().toBuilder().seed(from.seed()).build());
            } finally {
                sharingSeed = false;
            }
        }
    }

    /** Side A's settings, as its column edits them. */
    public MainViewModel a() {
        return a;
    }

    /** Side B's settings. */
    public MainViewModel b() {
        return b;
    }

    /** What the comparison menu offers: "your settings, twice", then the built-ins. */
    public List<Choice> choices() {
        return choices;
    }

    /**
     * Puts a comparison on both sides. A running pair is stopped first: a new question is a new
     * run. With {@code choice.comparison()} null, both sides get {@code yours} (named after
     * {@code yoursName}), for the person to change one.
     */
    public void choose(Choice choice, ExperimentConfig yours, String yoursName) {
        if (canStop.get()) {
            stop();
        }
        BuiltInComparison c = choice.comparison();
        if (c == null) {
            nameA.set(yoursName);
            nameB.set(yoursName);
            explanation.set("Both sides start from the main window's settings. Change B (or A) in its column, "
                    + "then start both: they share one seed, so both are offered the same items at the same times.");
            a.apply(yours);
            b.apply(yours);
        } else {
            nameA.set(c.nameA());
            nameB.set(c.nameB());
            explanation.set(c.explanation());
            a.apply(c.a());
            b.apply(c.b());
        }
    }

    /**
     * The {@code backflow compare} line that runs both sides' settings headless, and a word in
     * the tool bar that it was copied.
     */
    public String copyAsCommand() {
        String line = dev.backflow.preset.CommandText.compare(a.config(), b.config());
        note.set("Copied to the clipboard: " + line);
        return line;
    }

    /** Starts both when neither runs; pauses both while either runs; resumes both when paused. */
    public void startOrPause() {
        Engine.State sa = engineA.state();
        Engine.State sb = engineB.state();
        if (sa == Engine.State.RUNNING || sb == Engine.State.RUNNING) {
            for (Engine e : List.of(engineA, engineB)) {
                if (e.state() == Engine.State.RUNNING) {
                    e.pause();
                }
            }
        } else if (sa == Engine.State.PAUSED || sb == Engine.State.PAUSED) {
            for (Engine e : List.of(engineA, engineB)) {
                if (e.state() == Engine.State.PAUSED) {
                    e.resume();
                }
            }
        } else {
            // Back to back, so the two runs' clocks start within microseconds of each other.
            engineA.start();
            engineB.start();
        }
        showState();
    }

    /** Stops both; their counters stay. */
    public void stop() {
        engineA.stop();
        engineB.stop();
        showState();
    }

    /** Clears both runs. */
    public void reset() {
        engineA.reset();
        engineB.reset();
        showState();
        for (Row r : rows) {
            r.show("–", "–", "");
        }
        arrivals.set("");
        arrivalsDiffer.set(false);
    }

    /** Sets the buttons' labels and the state line from both engines. Once per frame. */
    public void showState() {
        Engine.State sa = engineA.state();
        Engine.State sb = engineB.state();
        boolean running = sa == Engine.State.RUNNING || sb == Engine.State.RUNNING;
        boolean paused = !running && (sa == Engine.State.PAUSED || sb == Engine.State.PAUSED);
        startLabel.set(running ? "Pause both" : paused ? "Resume both" : "Start both");
        canStop.set(running || paused);
        canReset.set(sa != Engine.State.IDLE || sb != Engine.State.IDLE);
        state.set(sa == sb ? word(sa) : "A " + word(sa).toLowerCase(Locale.ROOT) + " · B " + word(sb).toLowerCase(Locale.ROOT));
    }

    private static String word(Engine.State s) {
        return switch (s) {
            case IDLE -> "Ready";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case STOPPED -> "Stopped";
            case FINISHED -> "Finished";
        };
    }

    /**
     * Fills the table from both runs' summaries (as of now; a run still going says so in its
     * outcome). The settings lines come from the configs the runs started with.
     */
    public void showSummaries(RunSummary sa, RunSummary sb, boolean aRunning, boolean bRunning) {
        Comparison c = Comparison.of(sa, sb);
        ExperimentConfig ca = engineA.runConfig();
        ExperimentConfig cb = engineB.runConfig();
        policyRow.show(ca.policy().label(), cb.policy().label(), "");
        bufferRow.show(buffer(ca), buffer(cb), "");
        consumersRow.show(Units.number(ca.consumers()), Units.number(cb.consumers()), "");
        throughputRow.show(rate(sa.throughputPerSecond()), rate(sb.throughputPerSecond()),
                signed(c.difference().get("throughputPerSecond"), "%,.1f") + " /s");
        waitRow.show(Units.millis(Comparison.queueWaitP99(sa)), Units.millis(Comparison.queueWaitP99(sb)),
                signed(c.difference().get("queueWaitP99Millis"), "%,.1f") + " ms");
        parkedRow.show(RunFigures.percent(Comparison.parkedShare(sa)), RunFigures.percent(Comparison.parkedShare(sb)),
                signed(c.difference().get("parkedShare") * 100, "%.1f") + " pts");
        refusedRow.show(RunFigures.grouped(Comparison.refused(sa)), RunFigures.grouped(Comparison.refused(sb)),
                signed(c.difference().get("refused"), "%,.0f"));
        long memory = c.difference().get("memoryBytesAtEnd").longValue();
        memoryRow.show(Units.bytes(sa.memoryBytesAtEnd()), Units.bytes(sb.memoryBytesAtEnd()),
                (memory < 0 ? "−" : memory > 0 ? "+" : "±") + Units.bytes(Math.abs(memory)));
        outcomeRow.show(aRunning ? "Running" : outcome(sa), bRunning ? "Running" : outcome(sb), "");
        // Callers (closed-loop runs): what they got, and what it cost them, parks and backoff included.
        CallerSummary ka = sa.callers();
        CallerSummary kb = sb.callers();
        goodputRow.show(ka == null ? "–" : rate(ka.goodputPerSecond()), kb == null ? "–" : rate(kb.goodputPerSecond()),
                ka == null || kb == null ? "" : signed(kb.goodputPerSecond() - ka.goodputPerSecond(), "%,.1f") + " /s");
        endToEndRow.show(ka == null ? "–" : Units.millis(ka.endToEndMillis().get("p99")),
                kb == null ? "–" : Units.millis(kb.endToEndMillis().get("p99")),
                ka == null || kb == null ? "" : signed(kb.endToEndMillis().get("p99") - ka.endToEndMillis().get("p99"), "%,.1f") + " ms");
        boolean callers = ka != null || kb != null;
        if (callers != rows.contains(goodputRow)) {
            rows.setAll(allRows.stream().filter(r -> callers || r != goodputRow && r != endToEndRow).toList());
        }
    }

    /** "completed", "killed-out-of-memory": as a person reads them. */
    private static String outcome(RunSummary s) {
        return Units.capitalize(s.outcome().replace('-', ' '));
    }


    private static String buffer(ExperimentConfig c) {
        return c.demand() != null ? "demand " + c.demand().format(c.capacity())
                : c.policy().bounded() ? Units.number(c.capacity()) : "unbounded";
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f /s", perSecond);
    }

    /** A difference with its sign: +1.5, −0.3 (a true minus), ±0. */
    static String signed(double v, String format) {
        String digits = String.format(Locale.ROOT, format, Math.abs(v));
        boolean zero = digits.chars().noneMatch(ch -> ch >= '1' && ch <= '9');
        return (zero ? "±" : v < 0 ? "−" : "+") + digits;
    }

    /**
     * Checks that both sides were offered the same items at the same times: their producers'
     * offered arrival times (see {@link Engine#arrivalSchedule()}), as far as both have come.
     */
    public void checkArrivals() {
        long[][] sa = engineA.arrivalSchedule();
        long[][] sb = engineB.arrivalSchedule();
        if (sa.length == 0 || sb.length == 0) {
            arrivals.set("");
            arrivalsDiffer.set(false);
            return;
        }
        long compared = 0;
        boolean same = sa.length == sb.length;
        for (int p = 0; same && p < sa.length; p++) {
            int n = Math.min(sa[p].length, sb[p].length);
            same = Arrays.equals(sa[p], 0, n, sb[p], 0, n);
            compared += n;
        }
        arrivalsDiffer.set(!same);
        if (!same) {
            arrivals.set("✗ Different arrivals: A and B differ in producers, rate or arrival distribution, so they "
                    + "are offered different workloads (the seed is shared).");
        } else if (compared == 0) {
            arrivals.set("");
        } else {
            arrivals.set(String.format(Locale.ROOT, "✓ Same workload: the first %,d offered arrival times of A and B "
                    + "are identical (seed %d).", compared, engineA.runConfig().seed()));
        }
    }

    /** The rows shown (observable: the callers' rows join when a side has callers). */
    public javafx.collections.ObservableList<Row> rows() { return rows; }
    public ReadOnlyStringProperty nameAProperty() { return nameA; }
    public ReadOnlyStringProperty nameBProperty() { return nameB; }
    public ReadOnlyStringProperty explanationProperty() { return explanation; }
    public ReadOnlyStringProperty startLabelProperty() { return startLabel; }
    public ReadOnlyStringProperty stateProperty() { return state; }
    public ReadOnlyBooleanProperty canStopProperty() { return canStop; }
    public ReadOnlyBooleanProperty canResetProperty() { return canReset; }
    public ReadOnlyStringProperty arrivalsProperty() { return arrivals; }
    public ReadOnlyBooleanProperty arrivalsDifferProperty() { return arrivalsDiffer; }
    /** What was just done (copied), or empty. */
    public ReadOnlyStringProperty noteProperty() { return note; }
}
