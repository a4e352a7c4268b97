package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Throughput: produced/s and consumed/s over the short window, theory's throughput as a dashed
 * step, the refusals (rejected, dropped, timed out per second) once the run has any, and for a
 * closed-loop run good/s (goodput: what callers got in time) and retries/s.
 */
final class ThroughputPanel implements ChartPanel {

    private final CircularDoubleErrorDataSet produced;
    private final CircularDoubleErrorDataSet consumed;
    private final CircularDoubleErrorDataSet rejected;
    private final CircularDoubleErrorDataSet dropped;
    private final CircularDoubleErrorDataSet timedOut;
    /** Closed-loop runs: good attempts per second (goodput) and retries per second. */
    private final CircularDoubleErrorDataSet good;
    private final CircularDoubleErrorDataSet retries;
    private final DoubleDataSet theory = Charts.step("theory", "bf-theory-rate");
    private final DoubleDataSet historyProduced = Charts.step("produced/s (history)", "bf-produced");
    private final DoubleDataSet historyConsumed = Charts.step("consumed/s (history)", "bf-consumed");
    private final DefaultNumericAxis time = Charts.timeAxis(true);
    private final DefaultNumericAxis y = Charts.countAxis("items/s");
    private final XYChart chart;
    /** Highest rate inside the visible window; pump writes, FX reads. */
    private volatile double rateTop = 1;
    /** Whether the run has refused items of each kind (their series join the legend); pump writes. */
    private volatile boolean anyRejected;
    private volatile boolean anyDropped;
    private volatile boolean anyTimedOut;
    private volatile boolean anyTheory;
    private volatile boolean callers;

    ThroughputPanel(int points) {
        produced = Charts.series("produced/s", "bf-produced", points);
        consumed = Charts.series("consumed/s", "bf-consumed", points);
        rejected = Charts.series("rejected/s", "bf-rejected", points);
        dropped = Charts.series("dropped/s", "bf-dropped", points);
        timedOut = Charts.series("timed out/s", "bf-timedout", points);
        good = Charts.series("good/s", "bf-good", points);
        retries = Charts.series("retries/s", "bf-retries", points);
        chart = Charts.chart(time, y, "bf-chart-rates", "Throughput: produced and consumed per second (last 0.4 s)",
                Charts.renderer(LineStyle.NORMAL, false, produced, consumed, good, retries, rejected, dropped, timedOut, theory,
                        historyProduced, historyConsumed));
        y.setAutoRanging(false);
        VBox.setVgrow(chart, Priority.ALWAYS);
    }

    @Override public XYChart chart() { return chart; }
    @Override public DefaultNumericAxis timeAxis() { return time; }
    /** The rates' axis (items/s). */
    DefaultNumericAxis valueAxis() { return y; }
    @Override public double newestTime() { return Charts.newest(consumed); }

    @Override
    public void newRun(Counts c) {
        anyTheory = false;
        theory.set(new double[0], new double[0]);
        callers = c.calls() != null;
        for (CircularDoubleErrorDataSet ds : new CircularDoubleErrorDataSet[] {produced, consumed, good, retries, rejected, dropped, timedOut}) {
            ds.reset();
        }
    }

    @Override
    public void point(Point p) {
        Counts c = p.counts();
        Snapshot s = p.snapshot();
        double t = p.t();
        anyRejected = c.rejected() > 0;
        anyDropped = c.dropped() > 0;
        anyTimedOut = c.timedOut() > 0;
        // Refusal series appear once the run has refused something, so a blocking run shows none.
        if (anyRejected) {
            rejected.add(t, s.rejectedPerSecond(), 0, 0);
        }
        if (anyDropped) {
            dropped.add(t, s.droppedPerSecond(), 0, 0);
        }
        if (anyTimedOut) {
            timedOut.add(t, s.timedOutPerSecond(), 0, 0);
        }
        if (p.predictedRate() != null) {
            Charts.stepTo(theory, t, p.predictedRate());
            anyTheory = true;
        }
        if (!s.warmingUp()) { // the first quarter second's rates are too jumpy to draw
            // The short window: a burst reads as a burst, a slider change shows within half a second.
            produced.add(t, p.frameProducedNow(), 0, 0);
            consumed.add(t, p.frameConsumedNow(), 0, 0);
            if (s.calls() != null) { // goodput beside throughput, and the retries that raise the load
                callers = true;
                good.add(t, s.calls().goodPerSecond(), 0, 0);
                retries.add(t, s.calls().retriesPerSecond(), 0, 0);
            }
        }
        double from = t - p.windowSeconds();
        rateTop = Math.max(Math.max(Math.max(Charts.maxSince(produced, from), Charts.maxSince(consumed, from)),
                Math.max(Charts.maxSince(good, from), Charts.maxSince(retries, from))),
                Math.max(Charts.maxSince(rejected, from),
                        Math.max(Charts.maxSince(dropped, from), Charts.maxSince(timedOut, from))));
    }

    /** A value axis shorter than this, px, keeps {@link #SHORT_AXIS_HEADROOM} above its top tick. */
    static final double SHORT_AXIS_PX = 60;
    static final double SHORT_AXIS_HEADROOM = 1.3;

    @Override
    public void showWindow(Window w) {
        Charts.legend(rejected, anyRejected);
        Charts.legend(dropped, anyDropped);
        Charts.legend(timedOut, anyTimedOut);
        Charts.legend(theory, anyTheory);
        Charts.legend(good, callers);
        Charts.legend(retries, callers);
        Charts.legend(historyProduced, false);
        Charts.legend(historyConsumed, false);
        double max = Charts.niceCeiling(rateTop * 1.1);
        // A short plot (presentation mode's larger type) left its only tick above 0 at the very
        // top edge, where chartfx does not label it: the scale read just "0". Room above it.
        if (y.getHeight() > 0 && y.getHeight() < SHORT_AXIS_PX) {
            max *= SHORT_AXIS_HEADROOM;
        }
        if (y.getMax() != max) {
            y.set(0, max);
        }
    }

    @Override
    public void showHistory(double[] t, double[][] rows) {
        historyProduced.set(t.clone(), BufferPanel.column(rows, 2));
        historyConsumed.set(t.clone(), BufferPanel.column(rows, 3));
    }

    @Override
    public boolean readout(StringBuilder line, double t) {
        boolean any = ChartPresenter.value(line, "produced", produced, t, "%.1f/s");
        any |= ChartPresenter.value(line, "consumed", consumed, t, "%.1f/s");
        if (callers) {
            ChartPresenter.value(line, "good", good, t, "%.1f/s");
            ChartPresenter.value(line, "retries", retries, t, "%.1f/s");
        }
        if (anyRejected) {
            ChartPresenter.value(line, "rejected", rejected, t, "%.1f/s");
        }
        if (anyDropped) {
            ChartPresenter.value(line, "dropped", dropped, t, "%.1f/s");
        }
        if (anyTimedOut) {
            ChartPresenter.value(line, "timed out", timedOut, t, "%.1f/s");
        }
        return any;
    }
}
