package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The buffer: the link's fill as an area, its capacity dashed, theory's mean fill as a dashed
 * step; for an unbounded link, memory against its budget on a right-hand axis; for a demand link,
 * the outstanding demand (its replenish saw-tooth); for a limited stage's link, the limit.
 */
final class BufferPanel implements ChartPanel {

    private final CircularDoubleErrorDataSet fill;
    private final CircularDoubleErrorDataSet capacity;
    private final CircularDoubleErrorDataSet memory;
    private final CircularDoubleErrorDataSet budget;
    /** A link feeding a stage with an adaptive limit: the limit, the requests in flight, and the ideal (its workers). */
    private final CircularDoubleErrorDataSet limit;
    private final CircularDoubleErrorDataSet inflight;
    private final CircularDoubleErrorDataSet ideal;
    /** A demand link: the demand its taking side requested and senders have not used yet. */
    private final CircularDoubleErrorDataSet demand;
    /** Whether the shown link is a demand link; pump writes, FX reads. */
    private volatile boolean demandLink;
    /** Whether the shown link feeds a limited stage; pump writes, FX reads. */
    private volatile boolean limited;
    /** Highest limit or in-flight count inside the visible window; pump writes, FX reads. */
    private volatile double limitTop;
    private final DoubleDataSet history = Charts.step("in buffer (history)", "bf-fill");
    private final DoubleDataSet theory = Charts.step("theory", "bf-theory-fill");
    private final DefaultNumericAxis time = Charts.timeAxis(false);
    private final DefaultNumericAxis y = Charts.countAxis("items");
    private final DefaultNumericAxis memoryY = Charts.valueAxis("memory", "MiB");
    private final XYChart chart;
    /** Whether the run is unbounded; pump writes, FX reads. */
    private volatile boolean unbounded;
    /** Whether theory drew its line this run; pump writes, FX reads. */
    private volatile boolean anyTheory;
    /** Highest fill inside the visible window (for unbounded runs); pump writes, FX reads. */
    private volatile double fillTop = 1;

    BufferPanel(int points) {
        fill = Charts.series("in buffer", "bf-fill", points);
        capacity = Charts.series("capacity", "bf-capacity", points);
        memory = Charts.series("memory", "bf-memory", points);
        budget = Charts.series("memory budget", "bf-budget", points);
        limit = Charts.series("limit", "bf-limit", points);
        inflight = Charts.series("in flight", "bf-inflight", points);
        ideal = Charts.series("ideal", "bf-ideal", points);
        demand = Charts.series("demand", "bf-demand", points); // outstanding: requested, not yet sent
        memoryY.setSide(Side.RIGHT);
        memoryY.setAutoRanging(true);
        memoryY.setVisible(false);
        ErrorDataSetRenderer memoryRenderer = Charts.renderer(LineStyle.NORMAL, false, memory, budget);
        memoryRenderer.getAxes().add(memoryY);
        chart = Charts.chart(time, y, "bf-chart-buffer", "Buffer: items waiting between producer and consumer",
                Charts.renderer(LineStyle.AREA, false, fill, history),
                Charts.renderer(LineStyle.NORMAL, false, capacity, theory, limit, inflight, ideal, demand), memoryRenderer);
        y.setAutoRanging(false);
        VBox.setVgrow(chart, Priority.ALWAYS);
    }

    @Override public XYChart chart() { return chart; }
    @Override public DefaultNumericAxis timeAxis() { return time; }
    @Override public double newestTime() { return Charts.newest(fill); }

    @Override
    public void newRun(Counts c) {
        unbounded = c.unbounded();
        anyTheory = false;
        theory.set(new double[0], new double[0]);
        for (CircularDoubleErrorDataSet ds : new CircularDoubleErrorDataSet[] {fill, capacity, memory, budget, limit, inflight, ideal, demand}) {
            ds.reset();
        }
        limited = false;
        demandLink = false;
    }

    @Override
    public void newLink() {
        fill.reset();
        capacity.reset();
        limit.reset();
        inflight.reset();
        ideal.reset();
        demand.reset();
        limited = false;
        demandLink = false;
    }

    @Override
    public void point(Point p) {
        Counts c = p.counts();
        fill.add(p.t(), p.fill(), 0, 0);
        if (c.unbounded()) {
            memory.add(p.t(), c.memoryBytes() / (double) (1L << 20), 0, 0);
            budget.add(p.t(), c.memoryBudgetBytes() / (double) (1L << 20), 0, 0);
        } else {
            capacity.add(p.t(), p.detail() == null ? c.capacity() : p.detail().capacity(), 0, 0);
        }
        // Theory's mean fill is for the classic single link only.
        if (p.link() == 0 && c.links().size() == 1 && p.predictedFill() != null) {
            Charts.stepTo(theory, p.t(), p.predictedFill());
            anyTheory = true;
        }
        fillTop = Charts.maxSince(fill, p.t() - p.windowSeconds());
        LinkCounts d = p.detail();
        if (d != null && d.hasDemand()) { // beside the fill: the replenish saw-tooth
            demandLink = true;
            demand.add(p.t(), d.demand(), 0, 0);
        }
        if (d != null && d.hasLimit()) { // the limit moving with latency, what is in flight under it, and Little's ideal
            limited = true;
            limit.add(p.t(), d.limit(), 0, 0);
            inflight.add(p.t(), d.inflight(), 0, 0);
            int stage = p.link() + 1;
            ideal.add(p.t(), stage < c.stages().size() ? c.stages().get(stage).workers() : 0, 0, 0);
            double from = p.t() - p.windowSeconds();
            limitTop = Math.max(Charts.maxSince(limit, from), Charts.maxSince(inflight, from));
        }
    }

    /** How wide the right-hand (memory) axis is while shown, px; 0 when hidden. FX thread. */
    double rightAxisWidth() {
        return memoryY.isVisible() ? memoryY.getWidth() : 0;
    }

    @Override
    public void showWindow(Window w) {
        memoryY.setVisible(unbounded);
        // A limited stage's link is drawn to the scale of its limit: the capacity would flatten it.
        double top = limited ? Charts.niceCeiling(Math.max(1, Math.max(limitTop, fillTop)) * 1.2)
                : unbounded ? Charts.niceCeiling(Math.max(1, fillTop) * 1.15) : Math.max(1, w.bufferTop()) * 1.15;
        Charts.legend(limit, limited);
        Charts.legend(inflight, limited);
        Charts.legend(ideal, limited);
        Charts.legend(demand, demandLink);
        Charts.legend(memory, unbounded);
        Charts.legend(budget, unbounded);
        Charts.legend(capacity, !unbounded && !limited); // drawn to the limit's scale, the capacity is far above
        Charts.legend(theory, anyTheory && !unbounded);
        Charts.legend(history, false);
        if (y.getMax() != top) {
            y.set(0, top);
        }
    }

    @Override
    public void showHistory(double[] t, double[][] rows) {
        history.set(t.clone(), column(rows, 1));
    }

    static double[] column(double[][] rows, int i) {
        double[] v = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            v[r] = rows[r][i];
        }
        return v;
    }

    @Override
    public boolean readout(StringBuilder line, double t) {
        boolean any = ChartPresenter.value(line, "fill", fill, t, "%.0f");
        if (unbounded) {
            ChartPresenter.value(line, "memory", memory, t, "%.1f MiB");
        } else {
            ChartPresenter.value(line, "capacity", capacity, t, "%.0f");
        }
        if (demandLink) {
            ChartPresenter.value(line, "demand", demand, t, "%.0f");
        }
        if (limited) {
            ChartPresenter.value(line, "limit", limit, t, "%.0f");
            ChartPresenter.value(line, "in flight", inflight, t, "%.0f");
        }
        return any;
    }

    /** Points the live fill series holds now. */
    int points() {
        return fill.lock().readLockGuard(fill::getDataCount);
    }

    /** The earliest run time the live series still hold, or MAX_VALUE. */
    double oldest() {
        return fill.lock().readLockGuard(() -> fill.getDataCount() == 0 ? Double.MAX_VALUE : fill.get(0, 0));
    }

    /** Points of the history drawn now. */
    int historyPoints() {
        return history.getDataCount();
    }
}
