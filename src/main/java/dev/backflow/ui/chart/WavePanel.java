package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.StageShare;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;

import java.util.List;

/**
 * The pressure wave, for a pipeline: one band per stage (source on top), as tall as the stage's
 * share of time spent backpressured over the last quarter second, so the wave is seen climbing
 * upstream after the last stage slows. Hidden for a single link.
 */
final class WavePanel implements ChartPanel {

    private final CircularDoubleErrorDataSet[] wave = new CircularDoubleErrorDataSet[dev.backflow.engine.ExperimentConfig.MAX_LINKS + 1];
    private final DefaultNumericAxis time = Charts.timeAxis(false);
    private final DefaultNumericAxis y = Charts.valueAxis("stage", "");
    private final XYChart chart;
    /** Stage names of the current run, source first; pump writes, the axis' labels read. */
    private volatile String[] names = new String[0];

    WavePanel(int points) {
        for (int i = 0; i < wave.length; i++) {
            wave[i] = Charts.series("backpressured " + i, "bf-wave", points);
        }
        ErrorDataSetRenderer renderer = Charts.renderer(LineStyle.NONE, false, wave);
        renderer.setErrorStyle(ErrorStyle.ERRORSURFACE);
        y.setAutoRanging(false);
        y.setTickUnit(1);
        y.getMinorTickStyle().setVisible(false);
        y.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                String[] rows = names;
                double v = n.doubleValue();
                int row = (int) Math.rint(v);
                return Math.abs(v - row) < 1e-6 && row >= 0 && row < rows.length ? rows[rows.length - 1 - row] : "";
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        chart = Charts.chart(time, y, "bf-chart-wave", "Pressure wave: each stage's share of time backpressured",
                renderer);
        chart.setLegendVisible(false);
        chart.setPrefHeight(120);
        chart.setMinHeight(90);
        chart.setMaxHeight(170);
        chart.setVisible(false);
        chart.setManaged(false);
    }

    @Override public XYChart chart() { return chart; }
    @Override public DefaultNumericAxis timeAxis() { return time; }

    @Override
    public void newRun(Counts c) {
        for (CircularDoubleErrorDataSet ds : wave) {
            ds.reset();
        }
        names = c.stages().size() > 2 ? c.stages().stream().map(dev.backflow.telemetry.StageCounts::name)
                .toArray(String[]::new) : new String[0];
    }

    @Override
    public void point(Point p) {
        List<StageShare> shares = p.snapshot().stageShares();
        int rows = names.length;
        for (int i = 0; i < wave.length; i++) {
            // Every band gets a point each time (an empty chartfx data set is best avoided);
            // rows the run does not have stay flat, out of sight.
            double share = i < rows && i < shares.size() ? shares.get(i).backpressured() : 0;
            double half = 0.45 * share;
            double row = i < rows ? rows - 1 - i : -10;
            wave[i].add(p.t(), row - 0.45 + half, half, half);
        }
    }

    @Override
    public void showWindow(Window w) {
        int rows = names.length;
        boolean show = rows > 2;
        if (chart.isVisible() != show) {
            chart.setVisible(show);
            chart.setManaged(show);
        }
        if (show && y.getMax() != rows - 0.5) {
            y.set(-0.5, rows - 0.5);
        }
    }

    /** The rows' stage names, source first (empty for a single link). */
    List<String> names() {
        return List.of(names);
    }
}
