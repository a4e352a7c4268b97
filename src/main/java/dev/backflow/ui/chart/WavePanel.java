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
            // One legend entry for all the bands (they share a colour).
            wave[i] = Charts.series(i == 0 ? "backpressured" : "backpressured " + i, "bf-wave", points);
            if (i > 0) {
                Charts.legend(wave[i], false);
            }
        }
        ErrorDataSetRenderer renderer = Charts.renderer(LineStyle.NONE, false, wave);
        renderer.setErrorStyle(ErrorStyle.ERRORSURFACE);
        y.setAutoRanging(false);
        y.setTickUnit(1);
        y.getMinorTickStyle().setVisible(false);
        // The rows are named on the plot by the renderer (see rowLabels), not by the axis: chartfx
        // thins an axis' tick labels when they are tall for its length, and in presentation
        // mode's larger type it kept only the last stage's name.
        y.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return "";
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        ((Charts.SwatchRenderer) renderer).overlay((c, g) -> drawWaveRows(g));
        chart = Charts.chart(time, y, "bf-chart-wave", "Pressure wave: each stage's share of time backpressured",
                renderer);
        // The legend stays, as on every panel: its column is what makes this plot as wide as the
        // others, so that one time sits at one x on every panel (without it the bands were
        // drawn 150 px wider, a second past the newest time at 30 s a window).
        chart.setPrefHeight(120);
        chart.setMinHeight(90);
        chart.setMaxHeight(170);
        chart.setVisible(false);
        chart.setManaged(false);
    }

    @Override public XYChart chart() { return chart; }
    @Override public DefaultNumericAxis timeAxis() { return time; }
    @Override public double newestTime() { return Charts.newest(wave[0]); }

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
        if (rows <= 2) {
            return; // a single link: the wave is not shown, and a hidden chart given points is still drawn
        }
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

    /**
     * Where the rows' names go on the plot, source first: each at the middle of its row, in the
     * axis labels' type, smaller if the rows are too close for it (so every stage keeps its name).
     * FX thread.
     */
    List<WaveRow> rowLabels() {
        String[] rows = names;
        if (rows.length == 0) {
            return List.of();
        }
        double spacing = Math.abs(y.getDisplayPosition(0) - y.getDisplayPosition(1));
        double size = Math.max(7, Math.min(y.getTickLabelStyle().getFont().getSize(), spacing * 0.8));
        List<WaveRow> out = new java.util.ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out.add(new WaveRow(rows[i], y.getDisplayPosition(rows.length - 1 - i), size));
        }
        return out;
    }

    private void drawWaveRows(javafx.scene.canvas.GraphicsContext g) {
        List<WaveRow> labels = rowLabels();
        if (labels.isEmpty()) {
            return;
        }
        javafx.scene.paint.Paint ink = y.getTickLabelStyle().getFill();
        boolean lightInk = ink instanceof javafx.scene.paint.Color c && c.getBrightness() > 0.6;
        // A halo in the plot's own shade keeps a name readable over the wave's hatching.
        javafx.scene.paint.Color halo = lightInk ? javafx.scene.paint.Color.rgb(13, 17, 23, 0.85)
                : javafx.scene.paint.Color.rgb(255, 255, 255, 0.85);
        javafx.scene.text.Font base = y.getTickLabelStyle().getFont();
        // Every row's name is one size (rowLabels): the font is made once per drawing.
        g.setFont(labels.getFirst().fontSize() == base.getSize() ? base
                : javafx.scene.text.Font.font(base.getFamily(), labels.getFirst().fontSize()));
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        g.setStroke(halo);
        g.setLineWidth(3);
        for (WaveRow l : labels) {
            g.strokeText(l.name(), 6, l.y());
            g.setFill(ink);
            g.fillText(l.name(), 6, l.y());
        }
    }

    /** The rows' stage names, source first (empty for a single link). */
    List<String> names() {
        return List.of(names);
    }
}
