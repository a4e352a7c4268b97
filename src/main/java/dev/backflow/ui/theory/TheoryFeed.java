package dev.backflow.ui.theory;

import dev.backflow.engine.Engine;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.theory.Fidelity;

import java.util.List;
import java.util.Objects;

/**
 * Feeds every frame to a {@link Fidelity} on the telemetry pump thread and publishes its report
 * for the FX thread. A live change of the settings the run works under starts a new epoch.
 */
public final class TheoryFeed {

    private final Engine engine;
    private final Fidelity fidelity = new Fidelity();
    private volatile Fidelity.Report report;
    private volatile List<double[]> epochs = List.of();

    private final java.util.function.BooleanSupplier adjusting;

    /** @param adjusting whether a slider is held: no epoch starts until it is let go */
    public TheoryFeed(Engine engine, java.util.function.BooleanSupplier adjusting) {
        this.engine = Objects.requireNonNull(engine);
        this.adjusting = Objects.requireNonNull(adjusting);
    }

    /** One frame. Pump thread only. */
    public void accept(Snapshot s) {
        if (s.counts().runId() == 0) {
            return;
        }
        if (adjusting.getAsBoolean()) {
            fidelity.add(engine.effectiveConfig(), s); // a drag in progress: its epoch starts when it is let go
        } else {
            fidelity.follow(engine.effectiveConfig(), s);
        }
        report = fidelity.report();
        epochs = fidelity.epochs();
    }

    /** The current epoch's comparison, or null before the first run. Any thread. */
    public Fidelity.Report report() {
        return report;
    }

    /** The run's epochs as {start, end} seconds (end NaN for the current one). Any thread. */
    public List<double[]> epochs() {
        return epochs;
    }
}
