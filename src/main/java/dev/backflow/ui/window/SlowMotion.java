package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import dev.backflow.engine.TimeScale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.Objects;

/**
 * The window's slow-motion setting (×1, ×1/2, ×1/5, ×1/10): pushed to the engine at once, also
 * mid-run, and said beside the run state and on the charts' time axis. The experiment keeps its
 * own units (see {@link TimeScale}), so every figure on screen is already in experiment time and
 * nothing needs converting; the words say so.
 */
public final class SlowMotion {

    private final IntegerProperty slowdown = new SimpleIntegerProperty(1);
    private final StringBinding badge = Bindings.createStringBinding(() -> badge(slowdown.get()), slowdown);

    SlowMotion(Engine engine) {
        Objects.requireNonNull(engine);
        slowdown.set(engine.slowMotion());
        slowdown.addListener((o, was, is) -> {
            int s = is.intValue();
            if (s < 1 || s > TimeScale.MAX_SLOWDOWN) {
                slowdown.set(was.intValue()); // only the offered choices reach here; anything else is undone
                return;
            }
            engine.slowMotion(s);
        });
    }

    /** How many times slower than real time runs are shown (1 = real time). FX thread. */
    public IntegerProperty slowdownProperty() {
        return slowdown;
    }

    /** "" at ×1; otherwise what the toolbar says about the scale in force. */
    public StringBinding badgeProperty() {
        return badge;
    }

    static String badge(int slowdown) {
        return slowdown <= 1 ? "" : "Slow motion " + TimeScale.label(slowdown) + " · experiment time";
    }

    /** The charts' time axis name under {@code slowdown}. */
    static String timeAxisName(int slowdown) {
        return slowdown <= 1 ? "time since start" : "experiment time since start (slow motion " + TimeScale.label(slowdown) + ")";
    }

    /** How a choice reads in the speed box and the View menu. */
    static String choice(int slowdown) {
        return slowdown <= 1 ? "×1 real time" : TimeScale.label(slowdown);
    }
}
