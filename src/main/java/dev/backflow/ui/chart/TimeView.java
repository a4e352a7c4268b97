package dev.backflow.ui.chart;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Which stretch of the run the charts show: the live window that follows the run, or a range a
 * person zoomed or panned to, which stays put while the run carries on until "Back to live".
 * The range may go back to the run's start (past the charts' own {@link ChartPresenter#HISTORY_SECONDS},
 * the run's history fills in) but not past now. FX thread.
 */
public final class TimeView {

    /** The narrowest range a zoom reaches, seconds. */
    static final double MIN_SPAN = 0.25;

    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private double from;
    private double to;

    /** True while the charts follow the run. */
    BooleanProperty liveProperty() {
        return live;
    }

    public boolean isLive() {
        return live.get();
    }

    /**
     * The range to show now, as {from, to}: the live window ending at {@code now} (at least
     * {@code window} long), or the frozen range.
     */
    public double[] range(double now, double window) {
        if (live.get()) {
            double end = Math.max(window, now);
            return new double[] {end - window, end};
        }
        return new double[] {from, to};
    }

    /**
     * Zooms by {@code factor} (below 1: closer) around {@code at}, starting from what is shown
     * now; the view stops following the run.
     */
    void zoom(double factor, double at, double[] shown, double now) {
        double span = Math.max(MIN_SPAN, (shown[1] - shown[0]) * factor);
        double share = shown[1] > shown[0] ? (at - shown[0]) / (shown[1] - shown[0]) : 1;
        share = Math.max(0, Math.min(1, share));
        freeze(at - share * span, at - share * span + span, now);
    }

    /** Moves the shown range by {@code seconds} (negative: back in time); the view stops following. */
    void pan(double seconds, double[] shown, double now) {
        freeze(shown[0] + seconds, shown[1] + seconds, now);
    }

    /**
     * Whether {@code shown} reaches back before {@code oldestLive}, the earliest time the live
     * series still hold, so the run's history must fill in. Half a second of slack: the live
     * series start with the run's first frame, not at 0.
     */
    public boolean needsHistory(double[] shown, double oldestLive) {
        return !live.get() && shown[0] < oldestLive - 0.5;
    }

    /** Follows the run again. */
    public void backToLive() {
        live.set(true);
    }

    private void freeze(double start, double end, double now) {
        double span = end - start;
        double earliest = 0; // the whole run: beyond the charts' own history, the run's history fills in
        double latest = Math.max(now, span);
        span = Math.min(span, latest - earliest);
        start = Math.max(earliest, Math.min(start, latest - span));
        from = start;
        to = start + span;
        live.set(false);
    }
}
