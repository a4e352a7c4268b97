package dev.backflow.ui.settings;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.units.Units;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * The run's figures as the counters panel and the tool bar show them: counts, rates, shares,
 * queue wait, memory, elapsed time, lost events, and a word when the producers offer less than
 * the rate set for a reason that is not backpressure. Formatted once per text period from the
 * newest snapshot; the formatters are shared with the key figures and the A/B table.
 *
 * <p>FX thread only.
 */
public final class RunFigures {

    private final Engine engine;
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
    private final StringProperty refusals = new SimpleStringProperty("–");
    private final StringProperty queueWait = new SimpleStringProperty("–");
    private final StringProperty consumerIdle = new SimpleStringProperty("–");
    private final StringProperty fillStats = new SimpleStringProperty("–");
    private final StringProperty memory = new SimpleStringProperty("–");
    private final StringProperty shortfall = new SimpleStringProperty("");
    private long markRun = -1;
    private long markNanos;
    private long markOffered;
    private double markRate;

    RunFigures(Engine engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    /**
     * Shows the newest snapshot (or clears the figures when null; {@code capacity} is then the
     * capacity set). Once per frame.
     */
    public void show(Snapshot s, long capacity) {
        show(s, capacity, true);
    }

    /**
     * As {@link #show(Snapshot, long)}, but the counters panel's figures only while the panel
     * can be seen (see {@link #countersSeenWhen}); the tool bar's (elapsed time, lost events)
     * and the shortfall's measure always. For the periodic refresh: a new run, a new state and
     * the run's end show everything.
     */
    public void showSeen(Snapshot s, long capacity) {
        show(s, capacity, countersSeen.getAsBoolean());
    }

    /** Tells when the counters panel can be seen (by default: always). */
    public void countersSeenWhen(java.util.function.BooleanSupplier seen) {
        countersSeen = Objects.requireNonNull(seen);
    }

    private java.util.function.BooleanSupplier countersSeen = () -> true;

    private void show(Snapshot s, long capacity, boolean counters) {
        if (s == null || s.counts().runId() == 0) {
            produced.set("0");
            consumed.set("0");
            inBuffer.set("0 / " + grouped(capacity));
            parks.set("0");
            parkedShare.set("–");
            recentParkedShare.set("–");
            producedRate.set("–");
            consumedRate.set("–");
            unparkRate.set("–");
            eventsLost.set("0");
            eventsWereLost.set(false);
            elapsed.set("0.0 s");
            refusals.set("–");
            queueWait.set("–");
            consumerIdle.set("–");
            fillStats.set("–");
            memory.set("–");
            shortfall.set("");
            markRun = -1;
            return;
        }
        Counts c = s.counts();
        eventsLost.set(grouped(c.eventsLost()));
        eventsWereLost.set(c.eventsLost() > 0);
        elapsed.set(String.format(Locale.ROOT, "%.1f s", s.elapsedSeconds()));
        checkShortfall(s);
        if (!counters) {
            return;
        }
        produced.set(grouped(c.produced()));
        consumed.set(grouped(c.consumed()));
        inBuffer.set(grouped(c.fill()) + " / " + grouped(c.capacity()));
        parks.set(grouped(c.producerParks()));
        parkedShare.set(percent(s.parkedShare()));
        recentParkedShare.set(percent(s.recentParkedShare()));
        // A rate over the first quarter second is true but jumpy: say so instead of showing it.
        String warming = s.warmingUp() ? "warming up" : null;
        producedRate.set(warming != null ? warming : rate(s.producedPerSecond()));
        consumedRate.set(warming != null ? warming : rate(s.consumedPerSecond()));
        unparkRate.set(warming != null ? warming : rate(s.unparksPerSecond()));
        refusals.set(grouped(c.rejected()) + " / " + grouped(c.dropped()) + " / " + grouped(c.timedOut()));
        Snapshot.WaitPercentiles w = s.queueWait();
        queueWait.set(w.count() == 0 ? "–" : String.format(Locale.ROOT, "%s / %s / %s / %s",
                Units.millis(w.p50()), Units.millis(w.p90()), Units.millis(w.p99()), Units.millis(w.max())));
        consumerIdle.set(percent(s.consumerIdleShare()));
        fillStats.set(String.format(Locale.ROOT, "%.1f / %s", s.meanFill(), grouped(s.maxFill())));
        String mem = Units.bytes(c.memoryBytes());
        if (c.unbounded()) {
            mem += " of " + Units.bytes(c.memoryBudgetBytes());
            if (Double.isFinite(s.secondsToBudget())) {
                mem += String.format(Locale.ROOT, " · full in %.0f s", s.secondsToBudget());
            }
        }
        memory.set(mem);
    }

    /** How long the producers' offered rate is measured before it is judged, ns. */
    static final long SHORTFALL_WINDOW_NANOS = 1_000_000_000L;

    /**
     * Measures what the producers offered over each second of a running run at one rate
     * setting, and says so when it falls short of the setting for a reason that is not
     * backpressure (see {@link #shortfall}).
     */
    private void checkShortfall(Snapshot s) {
        Counts c = s.counts();
        double set = engine.effectiveConfig().producerRate();
        ExperimentConfig run = engine.runConfig();
        // Once a finite run has offered all it will (its time is up, or every item is out), it
        // drains: offering less then is the end of the run, not a shortfall.
        boolean offering = !(run.durationSeconds() > 0 && s.elapsedSeconds() >= run.durationSeconds())
                && !(run.items() > 0 && c.offered() >= run.items());
        if (engine.state() != Engine.State.RUNNING || c.outcome() != null || !offering) {
            markRun = -1;
            shortfall.set("");
            return;
        }
        if (c.runId() != markRun || set != markRate) {
            markRun = c.runId();
            markNanos = c.atNanos();
            markOffered = c.offered();
            markRate = set;
            shortfall.set("");
            return;
        }
        long dt = c.atNanos() - markNanos;
        if (dt < SHORTFALL_WINDOW_NANOS) {
            return;
        }
        double offered = (c.offered() - markOffered) * 1e9 / dt;
        shortfall.set(shortfall(set, offered, s.recentParkedShare(),
                run.arrivals() instanceof Distribution.Bursty));
        markNanos = c.atNanos();
        markOffered = c.offered();
    }

    /**
     * What to say when the producers offer less than the rate set: nothing when they come
     * within 5 %, when they were held back by a full buffer (parked more than 5 % of the time:
     * that is backpressure, what the lab shows), or for bursty arrivals (their mean is below
     * the burst rate by design); otherwise the rate achieved, as the most this machine manages.
     */
    static String shortfall(double setPerSecond, double offeredPerSecond, double recentParkedShare, boolean bursty) {
        if (bursty || recentParkedShare > 0.05 || offeredPerSecond >= 0.95 * setPerSecond) {
            return "";
        }
        return String.format(Locale.ROOT, "Producers offer %,.0f items/s of the %,.0f/s set (%.0f %%): the most this "
                + "machine manages now. The counters show what was achieved.", offeredPerSecond, setPerSecond,
                100 * offeredPerSecond / setPerSecond);
    }

    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%,.0f /s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f /s", perSecond);
    }

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
    public ReadOnlyStringProperty elapsedProperty() { return elapsed; }
    public ReadOnlyBooleanProperty eventsWereLostProperty() { return eventsWereLost; }
    public ReadOnlyStringProperty refusalsProperty() { return refusals; }
    public ReadOnlyStringProperty queueWaitProperty() { return queueWait; }
    public ReadOnlyStringProperty consumerIdleProperty() { return consumerIdle; }
    public ReadOnlyStringProperty fillStatsProperty() { return fillStats; }
    public ReadOnlyStringProperty memoryProperty() { return memory; }
    /** Empty, or why the producers offer less than the rate set (the machine's limit). */
    public ReadOnlyStringProperty shortfallProperty() { return shortfall; }
}
