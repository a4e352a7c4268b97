package dev.backflow.ui.settings;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Hop;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import dev.backflow.telemetry.Snapshot;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.backflow.units.Units;

import java.util.Locale;
import java.util.Objects;

/**
 * The experiment being edited and the run's controls, as properties a test can drive without a
 * toolkit: the draft config (the sliders, the typed boxes, the pipeline's stages), start, pause,
 * stop and reset with the run state they lead to, and the message line. The run's figures as
 * text are {@link RunFigures} ({@link #figures()}).
 *
 * <p>Settings are always valid: sliders can only produce in-range values, and typed text goes
 * through {@link #submit}, which either applies a value or leaves it unchanged and explains why
 * in {@link #messageProperty()}. Every settings change is pushed to the engine at once.
 *
 * <p>Threading: FX thread only (or a single test thread).
 */
public final class MainViewModel {

    private final Engine engine;
    private final RunFigures figures;
    /**
     * Every setting, always valid: the one source of truth. The three slider properties below
     * are views of it, kept in step in both directions; every change reaches the engine as one
     * whole config.
     */
    private final ObjectProperty<ExperimentConfig> draft = new SimpleObjectProperty<>();
    private final DoubleProperty capacity = new SimpleDoubleProperty();
    private final DoubleProperty producerRate = new SimpleDoubleProperty();
    private final DoubleProperty consumerDelay = new SimpleDoubleProperty();
    /** True while the slider views are being set from {@link #draft}, so they do not write back. */
    private boolean showingDraft;
    private final ObjectProperty<Engine.State> state = new SimpleObjectProperty<>(Engine.State.IDLE);
    private final StringProperty message = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty messageIsNews = new javafx.beans.property.SimpleBooleanProperty();
    private final StringProperty startLabel = new SimpleStringProperty("Start");
    private final BooleanProperty canStop = new SimpleBooleanProperty(false);
    private final BooleanProperty canReset = new SimpleBooleanProperty(false);
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty outcomeReason = new SimpleStringProperty("");
    private final StringProperty workload = new SimpleStringProperty("");
    /** Where the current window of the offered-rate check began: run, time, items offered, rate set. */

    public MainViewModel(Engine engine) {
        this.engine = Objects.requireNonNull(engine);
        this.figures = new RunFigures(engine);
        message.addListener((o, was, is) -> messageIsNews.set(false)); // a new message is a problem unless reportDone says otherwise
        draft.set(engine.config());
        showDraft(draft.get());
        draft.addListener((o, a, b) -> showDraft(b));
        capacity.addListener((o, a, b) -> fromSlider(c -> c.capacity((int) Math.rint(b.doubleValue()))));
        producerRate.addListener((o, a, b) -> fromSlider(c -> c.producerRate(b.doubleValue())));
        consumerDelay.addListener((o, a, b) -> fromSlider(c -> c.consumerDelayMs(b.doubleValue())));
        syncState();
    }

    /** Sets the slider views from a config, without writing back. */
    private void showDraft(ExperimentConfig c) {
        showingDraft = true;
        try {
            capacity.set(c.capacity());
            producerRate.set(c.producerRate());
            consumerDelay.set(c.consumerDelayMs());
        } finally {
            showingDraft = false;
        }
    }

    private void fromSlider(java.util.function.UnaryOperator<ExperimentConfig.Builder> edit) {
        if (!showingDraft) {
            tryApply(() -> edit.apply(draft.get().toBuilder()).build(), "");
        }
    }

    /** The property holding a setting's current value. */
    public DoubleProperty valueOf(Setting setting) {
        if (setting == Setting.CAPACITY) {
            return capacity;
        } else if (setting == Setting.PRODUCER_RATE) {
            return producerRate;
        } else if (setting == Setting.CONSUMER_DELAY) {
            return consumerDelay;
        }
        throw new IllegalArgumentException("unknown setting " + setting);
    }

    /**
     * Applies typed text to a setting, or explains why not.
     *
     * @return true if the value was applied
     */
    public boolean submit(Setting setting, String text) {
        Setting.Parsed p = setting.parse(text);
        if (!p.ok()) {
            message.set(Units.capitalize(p.problem()) + ". The previous value is kept.");
            return false;
        }
        message.set("");
        valueOf(setting).set(p.value());
        return true;
    }

    /** Whether a slider is being dragged now; written on the FX thread, read by the pump. */
    private volatile boolean adjusting;

    /**
     * A slider's drag began ({@code true}) or ended. While one is held, every move still applies
     * to the run at once, but no new epoch starts; letting go starts one. FX thread.
     */
    public void adjusting(boolean held) {
        adjusting = held;
    }

    /** Whether a setting is being dragged now (see {@link #adjusting(boolean)}). Any thread. */
    public boolean isAdjusting() {
        return adjusting;
    }

    /** The config the settings describe. */
    public ExperimentConfig config() {
        return draft.get();
    }

    /** The draft config: every setting, including those that apply at the next start. */
    public ReadOnlyObjectProperty<ExperimentConfig> draftProperty() {
        return draft;
    }

    /** Applies a whole config (e.g. from a preset) to every setting: one change, one push. */
    public void apply(ExperimentConfig c) {
        tryApply(() -> c, "");
    }

    /**
     * Applies typed text to a per-run setting, or explains why not (the setting keeps its value).
     *
     * @return true if applied
     */
    public boolean submit(RunField field, String text) {
        return tryApply(() -> field.apply(config(), text), ". The previous value is kept.");
    }

    /**
     * Builds a new config and applies it, or shows why it cannot be built (the settings stay).
     *
     * @param afterMessage what to append to the problem's message
     */
    private boolean tryApply(java.util.function.Supplier<ExperimentConfig> next, String afterMessage) {
        try {
            ExperimentConfig c = next.get();
            message.set("");
            ExperimentConfig before = draft.get();
            draft.set(c);
            engine.reconfigure(c);
            if (!c.stageNames().equals(before.stageNames()) && (engine.state() == Engine.State.STOPPED
                    || engine.state() == Engine.State.FINISHED)) {
                // A new pipeline: the ended run's stages no longer match what is on screen, so
                // its views go, and the idle pipeline in force is drawn everywhere at once.
                reset();
            }
            return true;
        } catch (IllegalArgumentException e) {
            message.set(Units.capitalize(e.getMessage()) + afterMessage);
            return false;
        }
    }

    /** The text a per-run field shows now. */
    public String show(RunField field) {
        return field.show(draft.get());
    }

    private boolean change(java.util.function.UnaryOperator<ExperimentConfig.Builder> edit) {
        return tryApply(() -> edit.apply(config().toBuilder()).build(), ".");
    }

    /** Chooses the callers' backoff law (base and cap kept). */
    public boolean chooseBackoff(dev.backflow.engine.Backoff.Law law) {
        return change(b -> {
            dev.backflow.engine.Callers k = config().callers();
            return b.callers(k.withBackoff(new dev.backflow.engine.Backoff(law, k.backoff().baseMs(), k.backoff().capMs())));
        });
    }

    /** Whether the sink skips what it cannot finish before its caller's deadline. */
    public boolean chooseCheckDeadlines(boolean checks) {
        return change(b -> b.callers(config().callers().withCheckDeadlines(checks)));
    }

    /** Chooses the first link's policy (its kind: a timeout keeps the timeout setting). */
    public boolean choosePolicy(SendPolicy policy) {
        return change(b -> b.policy(policy));
    }

    public boolean chooseThreads(ThreadKind kind) {
        return change(b -> b.threads(kind));
    }

    // ---------------------------------------------------------------- pipeline (hops)

    /** A setting of one middle stage (and its output link) typed into a box. */

    private boolean changeHops(java.util.function.UnaryOperator<java.util.List<Hop>> edit) {
        return tryApply(() -> draft.get().toBuilder()
                .hops(edit.apply(new java.util.ArrayList<>(draft.get().hops()))).build(), ".");
    }

    /**
     * Adds a stage (1 ms, one worker) and its link (5, block) just before the sink. Structure
     * changes apply at the next Start.
     */
    public boolean addHop() {
        if (draft.get().links() >= ExperimentConfig.MAX_LINKS) {
            message.set("A pipeline has at most " + ExperimentConfig.MAX_LINKS + " links.");
            return false;
        }
        return changeHops(hops -> {
            int n = hops.size() + 1;
            String name = "stage " + n;
            while (hopNamed(hops, name)) {
                name = "stage " + ++n;
            }
            hops.add(new Hop(name, 1, 1, new Distribution.Constant(), 5, SendPolicy.BLOCK));
            return hops;
        });
    }

    private static boolean hopNamed(java.util.List<Hop> hops, String name) {
        return hops.stream().anyMatch(h -> h.name().equals(name));
    }

    /** Removes middle stage {@code index} and its output link. */
    public boolean removeHop(int index) {
        return changeHops(hops -> {
            hops.remove(index);
            return hops;
        });
    }

    /** Moves middle stage {@code index} (with its output link) one place up (-1) or down (+1). */
    public boolean moveHop(int index, int delta) {
        int to = index + delta;
        if (to < 0 || to >= draft.get().hops().size()) {
            return false;
        }
        return changeHops(hops -> {
            hops.add(to, hops.remove(index));
            return hops;
        });
    }

    /** Applies typed text to one setting of middle stage {@code index}, or says why not. */
    public boolean submitHop(int index, HopField field, String text) {
        return tryApply(() -> {
            java.util.List<Hop> hops = new java.util.ArrayList<>(draft.get().hops());
            Hop h = hops.get(index);
            hops.set(index, field.apply(h, text));
            return draft.get().toBuilder().hops(hops).build();
        }, ". The previous value is kept.");
    }

    /** Names the pipeline's first stage (the producers), or says why not. */
    public boolean submitSourceName(String text) {
        return tryApply(() -> draft.get().toBuilder().sourceName(text == null ? "" : text.strip()).build(),
                ". The previous name is kept.");
    }

    /** Names the pipeline's last stage (the consumers), or says why not. */
    public boolean submitSinkName(String text) {
        return tryApply(() -> draft.get().toBuilder().sinkName(text == null ? "" : text.strip()).build(),
                ". The previous name is kept.");
    }

    /** The text a hop's box shows now. */
    public String showHop(int index, HopField field) {
        return field.show(draft.get().hops().get(index));
    }

    /** Chooses the policy of middle stage {@code index}'s output link (applies at the next Start). */
    public boolean chooseHopPolicy(int index, SendPolicy policy) {
        return changeHops(hops -> {
            Hop h = hops.get(index);
            hops.set(index, h.withPolicy(h.policy().sameKind(policy) ? h.policy() : policy)); // a timeout keeps its time
            return hops;
        });
    }

    /**
     * Couples (true) or decouples (false) middle stage {@code index}'s reads from its writes
     * (applies at the next Start; see {@link Hop}).
     */
    public boolean chooseHopCoupled(int index, boolean coupled) {
        return changeHops(hops -> {
            hops.set(index, hops.get(index).withCoupled(coupled));
            return hops;
        });
    }

    /** Whether middle stage {@code index} skips requests it cannot finish before their deadline (next Start). */
    public boolean chooseHopChecksDeadlines(int index, boolean checks) {
        return changeHops(hops -> {
            hops.set(index, hops.get(index).withChecksDeadlines(checks));
            return hops;
        });
    }

    /** The shapes a distribution picker offers. */
    public enum Shape {
        CONSTANT("Constant"), EXPONENTIAL("Exponential (Poisson)"), UNIFORM("Uniform ± jitter"), BURSTY("Bursty on/off");

        private final String label;

        Shape(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        /** The shape of a distribution. */
        public static Shape of(Distribution d) {
            return switch (d) {
                case Distribution.Constant c -> CONSTANT;
                case Distribution.Exponential e -> EXPONENTIAL;
                case Distribution.Uniform u -> UNIFORM;
                case Distribution.Bursty b -> BURSTY;
            };
        }

        Distribution make(Distribution current) {
            return switch (this) {
                case CONSTANT -> new Distribution.Constant();
                case EXPONENTIAL -> new Distribution.Exponential();
                case UNIFORM -> current instanceof Distribution.Uniform u ? u : Distribution.Uniform.DEFAULT;
                case BURSTY -> current instanceof Distribution.Bursty b ? b : Distribution.Bursty.DEFAULT;
            };
        }
    }

    public boolean chooseArrivals(Shape shape) {
        return change(b -> b.arrivals(shape.make(draft.get().arrivals())));
    }

    public boolean chooseService(Shape shape) {
        if (shape == Shape.BURSTY) {
            message.set("Bursty applies to arrivals only; service times can be constant, exponential or uniform.");
            return false;
        }
        return change(b -> b.service(shape.make(draft.get().service())));
    }

    /** How long a run lasts. */
    public enum RunLength {
        UNTIL_STOPPED("Until stopped"), ITEMS("A number of items"), DURATION("A duration");

        private final String label;

        RunLength(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        static RunLength of(ExperimentConfig c) {
            return c.items() > 0 ? ITEMS : c.durationSeconds() > 0 ? DURATION : UNTIL_STOPPED;
        }
    }

    public RunLength runLength() {
        return RunLength.of(draft.get());
    }

    public boolean chooseRunLength(RunLength length) {
        return change(b -> switch (length) {
            case UNTIL_STOPPED -> b.items(0).durationSeconds(0);
            case ITEMS -> b.items(draft.get().items() > 0 ? draft.get().items() : 20).durationSeconds(0);
            case DURATION -> b.durationSeconds(draft.get().durationSeconds() > 0 ? draft.get().durationSeconds() : 30).items(0);
        });
    }

    /**
     * The {@code backflow run} line that reproduces the current settings headless, and a word
     * in the message line that it was copied.
     */
    public String copyAsCommand() {
        String line = dev.backflow.preset.CommandText.run(draft.get());
        reportDone("Copied to the clipboard: " + line);
        return line;
    }

    /** Shows a problem that is not the person's doing (a failed telemetry frame) in the message line. */
    public void reportProblem(String text) {
        message.set(text);
    }

    /** Says in the message line that something the person asked for was done (not a problem). */
    public void reportDone(String text) {
        message.set(text);
        messageIsNews.set(true);
    }

    /** True while the message line says something was done rather than what is wrong. */
    public javafx.beans.property.ReadOnlyBooleanProperty messageIsNewsProperty() {
        return messageIsNews;
    }

    /** Drops the receiver of the running experiment (see {@link Engine#dropConsumers()}). */
    public void dropConsumers() {
        engine.dropConsumers();
        syncState();
    }

    /** Start when idle or stopped, pause when running, resume when paused. */
    public void startOrPause() {
        switch (engine.state()) {
            case RUNNING -> engine.pause();
            case PAUSED -> engine.resume();
            case IDLE, STOPPED, FINISHED -> engine.start();
        }
        syncState();
    }

    public void stop() {
        engine.stop();
        syncState();
    }

    public void reset() {
        engine.reset();
        syncState();
        refresh(null);
    }

    private void syncState() {
        Engine.State s = engine.state();
        state.set(s);
        startLabel.set(switch (s) {
            case RUNNING -> "Pause";
            case PAUSED -> "Resume";
            case IDLE, STOPPED, FINISHED -> "Start";
        });
        canStop.set(s == Engine.State.RUNNING || s == Engine.State.PAUSED);
        dev.backflow.telemetry.RunOutcome how = engine.outcome();
        if ((s == Engine.State.FINISHED || s == Engine.State.STOPPED) && how != null) {
            outcome.set(switch (how) {
                case COMPLETED -> "Completed";
                case STOPPED -> "Stopped";
                case KILLED_OUT_OF_MEMORY -> "Killed: out of memory";
                case RECEIVER_DROPPED -> "Receiver dropped";
                case FAILED -> "Failed";
            });
            outcomeReason.set(Units.capitalize(engine.outcomeReason()));
        } else {
            outcome.set("");
            outcomeReason.set("");
        }
        ExperimentConfig run = engine.runConfig();
        workload.set(run.producers() + (run.producers() == 1 ? " producer · " : " producers · ") + run.consumers()
                + (run.consumers() == 1 ? " consumer · " : " consumers · ") + run.policy().cliName() + " · "
                + run.threads().name().toLowerCase(Locale.ROOT) + " threads"
                + (s == Engine.State.IDLE ? "" : String.format(Locale.ROOT, " (all started in %,.1f ms)", engine.workerStartMillis())));
        canReset.set(s != Engine.State.IDLE);
    }

    /** Shows the newest snapshot's figures (or clears them when null), and the run state. Once per frame. */
    public void refresh(Snapshot s) {
        syncState();
        figures.show(s, (long) capacity.get());
    }

    /** As {@link #refresh}, the counters panel's figures only if it can be seen (the periodic refresh). */
    public void refreshSeen(Snapshot s) {
        syncState();
        figures.showSeen(s, (long) capacity.get());
    }

    /** The figures of the run shown, as text. */
    public RunFigures figures() {
        return figures;
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<Engine.State> stateProperty() { return state; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyStringProperty startLabelProperty() { return startLabel; }
    public ReadOnlyBooleanProperty canStopProperty() { return canStop; }
    public ReadOnlyBooleanProperty canResetProperty() { return canReset; }
    public ReadOnlyStringProperty outcomeProperty() { return outcome; }
    public ReadOnlyStringProperty outcomeReasonProperty() { return outcomeReason; }
    public ReadOnlyStringProperty workloadProperty() { return workload; }
}
