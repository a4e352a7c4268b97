package dev.backflow.ui.window;

import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.RunFigures;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.units.Units;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/**
 * The figures that tell the story, for the strip above the charts that is never scrolled away:
 * how full the buffer is, how much of the time the producers are parked, produced against
 * consumed per second, what was refused, the queue wait p99, and memory. Plain properties a test
 * can read without a toolkit; {@link #refresh} runs on the FX thread, ten times a second.
 */
public final class KeyFigures {

    private final ReadOnlyStringWrapper fill = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper parked = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper produced = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper consumed = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper refused = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper waitP99 = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("–");
    /** The memory tile's name: with the budget in it when unbounded, so the value stays short. */
    private final ReadOnlyStringWrapper memoryName = new ReadOnlyStringWrapper(MEMORY);
    static final String MEMORY = "Memory";
    private final ReadOnlyStringWrapper goodput = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper endToEndP99 = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper amplification = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper callers = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper memoryMatters = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper full = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper backpressured = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper refusing = new ReadOnlyBooleanWrapper();

    /** Shows {@code s} (null: no run yet, every figure a dash). FX thread. */
    public void refresh(Snapshot s) {
        if (s == null || s.counts().runId() == 0) {
            for (ReadOnlyStringWrapper p : new ReadOnlyStringWrapper[] {fill, parked, produced, consumed, refused, waitP99, memory,
                    goodput, endToEndP99, amplification}) {
                p.set("–");
            }
            memoryName.set(MEMORY);
            full.set(false);
            backpressured.set(false);
            refusing.set(false);
            return;
        }
        Counts c = s.counts();
        fill.set(RunFigures.grouped(c.fill()) + " / " + (c.unbounded() ? "∞" : RunFigures.grouped(c.capacity())));
        full.set(!c.unbounded() && c.fill() >= c.capacity());
        parked.set(String.format(Locale.ROOT, "%.0f %%", s.recentParkedShare() * 100));
        backpressured.set(s.recentParkedShare() >= 0.5);
        boolean warming = s.warmingUp();
        produced.set(warming ? "…" : RunFigures.rate(s.producedPerSecond()));
        consumed.set(warming ? "…" : RunFigures.rate(s.consumedPerSecond()));
        long lost = c.rejected() + c.dropped() + c.timedOut() + c.shed() + c.limited();
        refused.set(RunFigures.grouped(lost));
        refusing.set(lost > 0);
        waitP99.set(s.queueWait().count() == 0 ? "–" : Units.millis(s.queueWait().p99()));
        // Unbounded, the budget goes in the name ("Memory of 64.0 MiB"): as "48.1 / 64.0 MiB" the
        // value was wide enough, beside a flood's other figures, to cut the tiles' names at 1280 px.
        memoryName.set(c.unbounded() ? MEMORY + " of " + Units.bytes(c.memoryBudgetBytes()) : MEMORY);
        memory.set(Units.bytes(c.memoryBytes()));
        Snapshot.Calls k = s.calls();
        callers.set(k != null);
        // A closed-loop run tells its story in the callers' figures; memory only matters unbounded.
        memoryMatters.set(k == null || c.unbounded());
        if (k != null) {
            goodput.set(warming ? "…" : RunFigures.rate(k.goodPerSecond()));
            endToEndP99.set(k.endToEnd().count() == 0 ? "–" : Units.millis(k.endToEnd().p99()));
            double amp = c.calls().amplification();
            amplification.set(Double.isNaN(amp) ? "–" : String.format(Locale.ROOT, "%.2f", amp));
        }
    }

    /** Items in the buffer of its capacity ({@code 5 / 5}; {@code ∞} when unbounded). */
    public ReadOnlyStringProperty fillProperty() { return fill.getReadOnlyProperty(); }
    /** Share of the producers' time parked over the last 3 s. */
    public ReadOnlyStringProperty parkedProperty() { return parked.getReadOnlyProperty(); }
    public ReadOnlyStringProperty producedProperty() { return produced.getReadOnlyProperty(); }
    public ReadOnlyStringProperty consumedProperty() { return consumed.getReadOnlyProperty(); }
    /** Rejected, dropped and timed-out sends together. */
    public ReadOnlyStringProperty refusedProperty() { return refused.getReadOnlyProperty(); }
    public ReadOnlyStringProperty waitP99Property() { return waitP99.getReadOnlyProperty(); }
    /** What the queued items cost; of the budget when unbounded. */
    public ReadOnlyStringProperty memoryProperty() { return memory.getReadOnlyProperty(); }
    /** The memory tile's name ("Memory", or "Memory of 64.0 MiB" for an unbounded buffer's budget). */
    public ReadOnlyStringProperty memoryNameProperty() { return memoryName.getReadOnlyProperty(); }
    /** Good attempts per second: what callers got in time (closed-loop runs). */
    public ReadOnlyStringProperty goodputProperty() { return goodput.getReadOnlyProperty(); }
    /** 99 % of the succeeded requests took at most this long from their first attempt (closed-loop runs). */
    public ReadOnlyStringProperty endToEndP99Property() { return endToEndP99.getReadOnlyProperty(); }
    /** Attempts per request (closed-loop runs). */
    public ReadOnlyStringProperty amplificationProperty() { return amplification.getReadOnlyProperty(); }
    /** The run has callers: their tiles show. */
    public ReadOnlyBooleanProperty callersProperty() { return callers.getReadOnlyProperty(); }
    /** The memory tile shows: an open-loop run, or an unbounded one. */
    public ReadOnlyBooleanProperty memoryMattersProperty() { return memoryMatters.getReadOnlyProperty(); }
    /** The buffer is at its bound. */
    public ReadOnlyBooleanProperty fullProperty() { return full.getReadOnlyProperty(); }
    /** Producers parked at least half the time lately. */
    public ReadOnlyBooleanProperty backpressuredProperty() { return backpressured.getReadOnlyProperty(); }
    /** Some send was refused. */
    public ReadOnlyBooleanProperty refusingProperty() { return refusing.getReadOnlyProperty(); }
}
