package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;

/**
 * One panel of the live charts: its chart, what it takes from each frame, and how it follows the
 * visible window. A new panel is one class implementing this and one line in
 * {@link ChartPresenter}'s list; the presenter keeps what the panels share (the frames'
 * thinning to about one point per pixel column, the link shown, the history and the epochs).
 *
 * <p>Threads: everything runs on the FX thread but {@link #everyFrame}, which runs on the
 * telemetry pump thread and hands back what to do on the FX thread. {@link #newRun},
 * {@link #newLink}, {@link #point} and what {@code everyFrame} hands back run in the pump's order,
 * in the panel's turn (at most {@link ChartPresenter#PANELS_PER_FRAME} panels are drawn again in
 * a frame), so the panels' data sets are written by the FX thread alone.
 */
interface ChartPanel {

    /** What one point of the series is made of. */
    record Point(Snapshot snapshot, Counts counts, double t, int link, LinkCounts detail, double fill,
                 double parked, Double predictedFill, Double predictedRate, double windowSeconds,
                 double frameProducedNow, double frameConsumedNow) { }

    /** What the window shows now. */
    record Window(double from, double to, int producers, int bufferTop) { }

    /** The chart to place in the window. */
    XYChart chart();

    /** The panel's time axis (all panels share one range). */
    DefaultNumericAxis timeAxis();

    /** A new run: the last one's points go. */
    void newRun(Counts c);

    /** The charts now show another link: points that belong to the old one go. */
    default void newLink() {
    }

    /** One point, about one per pixel column (a run's first and last frames always get one). */
    void point(Point p);

    /**
     * Every frame, point or not, on the pump thread: what must not be thinned (the unpark ticks),
     * as something to do in the panel's next turn on the FX thread; null for nothing.
     */
    default Runnable everyFrame(Sampler.Frame frame, Counts c, int link, long runStartNanos) {
        return null;
    }

    /** Follows the visible window: axis ranges, legends, visibility. */
    void showWindow(Window w);

    /**
     * Draws the run's history (rows {t, fill, produced/s, consumed/s, parked}) where the live
     * series no longer reach; empty clears it.
     */
    default void showHistory(double[] t, double[][] rows) {
    }

    /** The run time of the panel's newest point, s (NaN if none). For tests; FX thread. */
    double newestTime();

    /** Adds the panel's values at run time {@code t} to the hover readout; true if any. */
    default boolean readout(StringBuilder line, double t) {
        return false;
    }
}
