package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.TelemetryEvent;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;

/**
 * Producers parked: the mean number of senders parked on the link in each point's frames, as an
 * area, and a tick at every unpark (a sender let go).
 */
final class ParkedLane implements ChartPanel {

    /** Most unpark ticks drawn per frame; beyond this they merge visually anyway. */
    static final int MAX_MARKS_PER_FRAME = 64;

    private final CircularDoubleErrorDataSet parked;
    private final CircularDoubleErrorDataSet unparks;
    private final DoubleDataSet history = Charts.step("parked (history)", "bf-parked");
    private final DefaultNumericAxis time = Charts.timeAxis(false);
    private final DefaultNumericAxis y = Charts.countAxis("producers");
    /** Room above the top lane, so its tick label fits inside the axis (at 1.05 chartfx left "1" out). */
    private static final double HEADROOM = 1.2;
    private final XYChart chart;

    private static final String TITLE = "Producers parked on a full buffer (ticks: let go)";
    private static final String TITLE_DEMAND = "Producers parked on a full buffer or for want of demand (ticks: let go)";

    ParkedLane(int points) {
        parked = Charts.series("parked", "bf-parked", points);
        unparks = Charts.series("let go", "bf-unpark", points);
        y.setAutoRanging(false);
        y.set(0, HEADROOM);
        y.setTickUnit(1);
        chart = Charts.chart(time, y, "bf-chart-lane", TITLE,
                Charts.renderer(LineStyle.AREA, false, parked, history),
                Charts.renderer(LineStyle.NONE, true, unparks));
        chart.setPrefHeight(110);
        chart.setMinHeight(90);
        chart.setMaxHeight(140);
    }

    @Override public XYChart chart() { return chart; }
    @Override public DefaultNumericAxis timeAxis() { return time; }
    @Override public double newestTime() { return Charts.newest(parked); }

    @Override
    public void newRun(Counts c) {
        parked.reset();
        unparks.reset();
    }

    @Override
    public void newLink() {
        newRun(null);
    }

    /** Whether the shown link is a demand link (its senders park for want of demand too); pump writes, FX reads. */
    private volatile boolean demandLink;

    @Override
    public void point(Point p) {
        parked.add(p.t(), p.parked(), 0, 0);
        demandLink = p.detail() != null && p.detail().hasDemand();
    }

    @Override
    public Runnable everyFrame(Sampler.Frame frame, Counts c, int link, long runStartNanos) {
        int senders = c.stages().size() > link ? c.stages().get(link).workers() : c.producers();
        double[] times = null;
        int marks = 0;
        for (TelemetryEvent e : frame.events()) {
            if (e instanceof TelemetryEvent.ProducerUnparked u && u.link() == link && marks < MAX_MARKS_PER_FRAME) {
                if (times == null) {
                    times = new double[MAX_MARKS_PER_FRAME];
                }
                times[marks++] = (u.atNanos() - runStartNanos) / 1e9;
            }
        }
        if (marks == 0) {
            return null;
        }
        double[] at = times;
        int n = marks;
        double[] height = new double[n];
        java.util.Arrays.fill(height, Math.max(1, senders));
        return () -> unparks.add(at, height, new double[n], new double[n], n);
    }

    @Override
    public void showWindow(Window w) {
        String title = demandLink ? TITLE_DEMAND : TITLE;
        if (!title.equals(chart.getTitle())) {
            chart.setTitle(title);
        }
        Charts.legend(history, false);
        double max = Math.max(1, w.producers()) * HEADROOM;
        if (y.getMax() != max) {
            y.set(0, max);
            y.setTickUnit(w.producers() <= 4 ? 1 : Math.ceil(w.producers() / 4.0));
        }
    }

    @Override
    public void showHistory(double[] t, double[][] rows) {
        history.set(t.clone(), BufferPanel.column(rows, 4));
    }

    @Override
    public boolean readout(StringBuilder line, double t) {
        return ChartPresenter.value(line, "parked", parked, t, "%.2f");
    }
}
