package dev.backflow.ui;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Counts;
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

import java.util.Locale;
import java.util.Objects;

/**
 * State and rules of the main window, as properties a test can drive without a toolkit.
 *
 * <p>Settings are always valid: sliders can only produce in-range values, and typed text goes
 * through {@link #submit}, which either applies a value or leaves it unchanged and explains why
 * in {@link #messageProperty()}. Every settings change is pushed to the engine at once.
 *
 * <p>Threading: FX thread only (or a single test thread).
 */
public final class MainViewModel {

    private final Engine engine;
    private final DoubleProperty capacity = new SimpleDoubleProperty();
    private final DoubleProperty producerRate = new SimpleDoubleProperty();
    private final DoubleProperty consumerDelay = new SimpleDoubleProperty();
    private final ObjectProperty<Engine.State> state = new SimpleObjectProperty<>(Engine.State.IDLE);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty startLabel = new SimpleStringProperty("Start");
    private final BooleanProperty canStop = new SimpleBooleanProperty(false);
    private final BooleanProperty canReset = new SimpleBooleanProperty(false);
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();
    private final StringProperty produced = new SimpleStringProperty("0");
    private final StringProperty consumed = new SimpleStringProperty("0");
    private final StringProperty inBuffer = new SimpleStringProperty("0 / 0");
    private final StringProperty parks = new SimpleStringProperty("0");
    private final StringProperty parkedShare = new SimpleStringProperty("–");
    private final StringProperty recentParkedShare = new SimpleStringProperty("–");
    private final StringProperty producedRate = new SimpleStringProperty("–");
    private final StringProperty consumedRate = new SimpleStringProperty("–");
    private final StringProperty unparkRate = new SimpleStringProperty("–");
    private final StringProperty eventsLost = new SimpleStringProperty("0");
    private final StringProperty elapsed = new SimpleStringProperty("0.0 s");
    private final BooleanProperty eventsWereLost = new SimpleBooleanProperty(false);

    public MainViewModel(Engine engine) {
        this.engine = Objects.requireNonNull(engine);
        ExperimentConfig c = engine.config();
        capacity.set(c.capacity());
        producerRate.set(c.producerRate());
        consumerDelay.set(c.consumerDelayMs());
        capacity.addListener((o, a, b) -> pushConfig());
        producerRate.addListener((o, a, b) -> pushConfig());
        consumerDelay.addListener((o, a, b) -> pushConfig());
        syncState();
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
            message.set(capitalize(p.problem()) + ". The previous value is kept.");
            return false;
        }
        message.set("");
        valueOf(setting).set(p.value());
        return true;
    }

    /** Clears the message line. */
    public void dismissMessage() {
        message.set("");
    }

    /** The config the settings describe. */
    public ExperimentConfig config() {
        ExperimentConfig c = engine.config();
        return new ExperimentConfig((int) Math.rint(capacity.get()), producerRate.get(), consumerDelay.get(),
                c.producers(), c.consumers());
    }

    private void pushConfig() {
        try {
            engine.reconfigure(config());
        } catch (IllegalArgumentException e) {
            message.set(capitalize(e.getMessage()));
        }
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
        canReset.set(s != Engine.State.IDLE);
    }

    /** Shows the newest snapshot (or clears the counters when null). Once per frame. */
    public void refresh(Snapshot s) {
        syncState();
        snapshot.set(s);
        if (s == null || s.counts().runId() == 0) {
            produced.set("0");
            consumed.set("0");
            inBuffer.set("0 / " + grouped((long) capacity.get()));
            parks.set("0");
            parkedShare.set("–");
            recentParkedShare.set("–");
            producedRate.set("–");
            consumedRate.set("–");
            unparkRate.set("–");
            eventsLost.set("0");
            eventsWereLost.set(false);
            elapsed.set("0.0 s");
            return;
        }
        Counts c = s.counts();
        produced.set(grouped(c.produced()));
        consumed.set(grouped(c.consumed()));
        inBuffer.set(grouped(c.fill()) + " / " + grouped(c.capacity()));
        parks.set(grouped(c.producerParks()));
        parkedShare.set(percent(s.parkedShare()));
        recentParkedShare.set(percent(s.recentParkedShare()));
        producedRate.set(rate(s.producedPerSecond()));
        consumedRate.set(rate(s.consumedPerSecond()));
        unparkRate.set(rate(s.unparksPerSecond()));
        eventsLost.set(grouped(c.eventsLost()));
        eventsWereLost.set(c.eventsLost() > 0);
        elapsed.set(String.format(Locale.ROOT, "%.1f s", s.elapsedSeconds()));
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%,.0f /s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f /s", perSecond);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<Engine.State> stateProperty() { return state; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyStringProperty startLabelProperty() { return startLabel; }
    public ReadOnlyBooleanProperty canStopProperty() { return canStop; }
    public ReadOnlyBooleanProperty canResetProperty() { return canReset; }
    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() { return snapshot; }
    public ReadOnlyStringProperty producedProperty() { return produced; }
    public ReadOnlyStringProperty consumedProperty() { return consumed; }
    public ReadOnlyStringProperty inBufferProperty() { return inBuffer; }
    public ReadOnlyStringProperty parksProperty() { return parks; }
    public ReadOnlyStringProperty parkedShareProperty() { return parkedShare; }
    public ReadOnlyStringProperty recentParkedShareProperty() { return recentParkedShare; }
    public ReadOnlyStringProperty producedRateProperty() { return producedRate; }
    public ReadOnlyStringProperty consumedRateProperty() { return consumedRate; }
    public ReadOnlyStringProperty unparkRateProperty() { return unparkRate; }
    public ReadOnlyStringProperty eventsLostProperty() { return eventsLost; }
    public ReadOnlyBooleanProperty eventsWereLostProperty() { return eventsWereLost; }
    public ReadOnlyStringProperty elapsedProperty() { return elapsed; }
}
