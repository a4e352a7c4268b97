package dev.backflow.ui.compare;

import dev.backflow.ui.chart.ChartPresenter;
import dev.backflow.ui.chart.Charts;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The A/B window's chart: both runs on one time axis (seconds since each started; they start
 * together), in three panels: items in the buffer, throughput (consumed/s) and the share of
 * producers parked. A is drawn in blue, B in orange, in every panel.
 *
 * <p>Threading: {@link #append} is called by each side's telemetry pump thread (one per side,
 * each writing only its own data sets); {@link #showWindow} is FX thread only, as in
 * {@link ChartPresenter}.
 */
final class CompareCharts {

    /** How much of the runs the data sets keep, seconds. */
    static final double HISTORY_SECONDS = ChartPresenter.HISTORY_SECONDS;

    /** One side's series and what its pump last saw. */
    private static final class Lines {
        final CircularDoubleErrorDataSet fill;
        final CircularDoubleErrorDataSet rate;
        final CircularDoubleErrorDataSet parked;
        /** Closed-loop runs: good attempts per second (goodput), dashed beside consumed/s. */
        final CircularDoubleErrorDataSet good;
        volatile boolean callers;
        /** Written by this side's pump, read on the FX thread. */
        volatile double t;
        volatile double capacity;
        volatile boolean unbounded;
        /** The largest fill and rate in sight, worked out by the pump (the FX thread never reads the rings). */
        volatile double fillTop;
        volatile double rateTop;

        Lines(String side, String styleClass, int points) {
            fill = Charts.series(side + " · in buffer", styleClass, points);
            rate = Charts.series(side + " · consumed/s", styleClass, points);
            parked = Charts.series(side + " · parked", styleClass, points);
            good = Charts.series(side + " · good/s", styleClass + "-good", points);
        }

        void reset() {
            fill.reset();
            rate.reset();
            parked.reset();
            good.reset();
            callers = false;
            t = 0;
            fillTop = 0;
            rateTop = 0;
        }
    }

    private final Lines a;
    private final Lines b;
    private final DefaultNumericAxis fillTime = Charts.timeAxis(false);
    private final DefaultNumericAxis rateTime = Charts.timeAxis(false);
    private final DefaultNumericAxis parkedTime = Charts.timeAxis(true);
    private final DefaultNumericAxis fillY = Charts.countAxis("items");
    private final DefaultNumericAxis rateY = Charts.countAxis("items/s");
    private final DefaultNumericAxis parkedY = Charts.valueAxis("% parked", "");
    private final VBox view;
    /** The window shown, seconds; FX writes, pumps read. */
    private volatile double windowSeconds = 30;

    /** @param framesPerSecond how often each side's pump calls {@link #append} */
    CompareCharts(int framesPerSecond) {
        int points = (int) (HISTORY_SECONDS * framesPerSecond);
        a = new Lines("A", "bf-side-a", points);
        b = new Lines("B", "bf-side-b", points);
        for (DefaultNumericAxis y : new DefaultNumericAxis[] {fillY, rateY, parkedY}) {
            y.setAutoRanging(false);
        }
        parkedY.set(0, 115); // room above 100 for its label
        parkedY.setTickUnit(25);
        XYChart fill = Charts.chart(fillTime, fillY, "bf-chart-buffer", "Buffer fill, A and B",
                Charts.renderer(LineStyle.NORMAL, false, a.fill, b.fill));
        XYChart rate = Charts.chart(rateTime, rateY, "bf-chart-rate", "Consumed per second, A and B (dashed: good/s)",
                Charts.renderer(LineStyle.NORMAL, false, a.rate, b.rate, a.good, b.good));
        XYChart parked = Charts.chart(parkedTime, parkedY, "bf-chart-lane", "Producers parked, A and B",
                Charts.renderer(LineStyle.NORMAL, false, a.parked, b.parked));
        view = new VBox(fill, rate, parked);
        for (XYChart c : new XYChart[] {fill, rate, parked}) {
            VBox.setVgrow(c, Priority.ALWAYS);
        }
        view.getStyleClass().add("bf-compare-charts");
    }

    VBox view() {
        return view;
    }

    /** Appends one frame of side A (true) or B. That side's pump thread only. */
    void append(boolean sideA, Sampler.Frame frame) {
        Lines l = sideA ? a : b;
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        if (frame.newRun()) {
            l.reset();
        }
        if (c.runId() == 0) {
            return;
        }
        double t = s.elapsedSeconds();
        if (!frame.newRun() && t <= l.t) {
            return; // the run has ended: its time stands still
        }
        l.t = t;
        l.unbounded = c.unbounded();
        l.capacity = c.capacity();
        l.fill.add(t, c.fill(), 0, 0);
        // A share of the producers' time (callers: many may wait at once, so it is capped at all of it).
        l.parked.add(t, Math.min(100, 100 * frame.parkedInFrame() / Math.max(1, c.producers())), 0, 0);
        if (!s.warmingUp()) {
            l.rate.add(t, s.consumedPerSecond(), 0, 0);
            if (s.calls() != null) { // what the callers got in time, beside what the server did
                l.callers = true;
                l.good.add(t, s.calls().goodPerSecond(), 0, 0);
            }
        }
        double from = t - windowSeconds;
        l.fillTop = Charts.maxSince(l.fill, from);
        l.rateTop = Charts.maxSince(l.rate, from);
    }

    /** The later of the two runs' times, seconds: where a live view ends. */
    double now() {
        return Math.max(a.t, b.t);
    }

    /**
     * Shows the last {@code window} seconds of both runs and scales the panels to them. Before a
     * side has run, its buffer counts as {@code idleCapacityA} or {@code idleCapacityB} (its
     * setting, 0 for none), as the main window's buffer panel does. FX thread only.
     */
    void showWindow(double window, int idleCapacityA, int idleCapacityB) {
        windowSeconds = window;
        double to = Math.max(window, now());
        double from = to - window;
        for (DefaultNumericAxis x : new DefaultNumericAxis[] {fillTime, rateTime, parkedTime}) {
            if (x.getMin() != from || x.getMax() != to) {
                x.set(from, to);
            }
        }
        // Headroom above the top, as in the main window, so the top tick's label fits inside the axis.
        double fillTop = 1.15 * Math.max(Math.max(top(a, idleCapacityA), top(b, idleCapacityB)), 1);
        if (fillY.getMax() != fillTop) {
            fillY.set(0, fillTop);
        }
        Charts.legend(a.good, a.callers);
        Charts.legend(b.good, b.callers);
        double rateTop = 1.1 * Charts.niceCeiling(Math.max(a.rateTop, b.rateTop));
        if (rateY.getMax() != rateTop) {
            rateY.set(0, rateTop);
        }
    }

    /**
     * What side {@code l}'s buffer panel must reach: its capacity, or for an unbounded queue its
     * fill, rounded up to 1, 2 or 5 times a power of ten (so the axis does not move every frame).
     */
    private static double top(Lines l, int idleCapacity) {
        if (l.t == 0) {
            return idleCapacity;
        }
        return l.unbounded ? Charts.niceCeiling(l.fillTop) : Math.max(l.capacity, l.fillTop);
    }
}
