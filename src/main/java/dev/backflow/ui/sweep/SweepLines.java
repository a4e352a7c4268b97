package dev.backflow.ui.sweep;

import dev.backflow.sweep.Cell;
import dev.backflow.sweep.Figure;
import dev.backflow.sweep.SweepResult;
import dev.backflow.sweep.Vary;
import dev.backflow.ui.chart.Charts;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.util.ArrayList;
import java.util.List;

/** The chosen figure against the first setting, one line per value of the second (and theory dashed where a model predicts it). */
final class SweepLines {

    private final DefaultNumericAxis x = Charts.valueAxis("", "");
    private final DefaultNumericAxis y = Charts.valueAxis("", "");
    private final ErrorDataSetRenderer measured = Charts.renderer(LineStyle.NORMAL, true);
    private final ErrorDataSetRenderer theory = Charts.renderer(LineStyle.NORMAL, false);
    private final XYChart chart = Charts.chart(x, y, "bf-sweep-lines", "", measured, theory);

    SweepLines() {
        x.setSide(io.fair_acc.chartfx.ui.geometry.Side.BOTTOM);
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        y.setAutoRanging(false); // set in show(), from the values drawn, with room above the top
        chart.setMinSize(0, 0); // the split pane, not the legend, decides its height
        chart.setPrefHeight(200);

    }

    XYChart view() {
        return chart;
    }

    /** Redraws the lines. FX thread. */
    void show(SweepResult r, Figure f) {
        List<DoubleDataSet> lines = new ArrayList<>();
        List<DoubleDataSet> predicted = new ArrayList<>();
        double low = 0;
        double high = 0;
        if (r != null) {
            Vary first = r.sweep().axes().getFirst();
            Vary second = r.sweep().axes().size() > 1 ? r.sweep().axes().get(1) : null;
            x.setName(first.setting().name());
            x.setUnit(unit(first));
            x.setLogAxis(first.text().contains(":log") && first.values().getFirst() > 0);
            y.setName(f.label);
            y.setUnit(f.unit == dev.backflow.units.Units.Unit.FRACTION ? "share" : f.unit.symbol());
            for (int row = 0; row < r.sweep().rows(); row++) {
                String name = second == null ? "measured" : second.setting().name() + " "
                        + dev.backflow.units.Units.format(second.values().get(row), second.setting().range().held());
                DoubleDataSet m = new DoubleDataSet(name);
                DoubleDataSet t = new DoubleDataSet("theory" + (second == null ? "" : " · " + name));
                for (int col = 0; col < r.sweep().columns(); col++) {
                    Cell c = r.at(col, row);
                    Double v = c != null && c.done() ? f.measured(c.summary()) : null;
                    if (v != null && Double.isFinite(v)) {
                        m.add(c.x(), v);
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                    Double p = c == null ? null : f.predicted(c.config(), SweepResult.theory(c));
                    if (p != null && Double.isFinite(p)) {
                        t.add(c.x(), p);
                        low = Math.min(low, p);
                        high = Math.max(high, p);
                    }
                }
                lines.add(m);
                if (t.getDataCount() > 0) {
                    t.setStyle("-fx-line-dash-array: 6 4;");
                    predicted.add(t);
                }
            }
        }
        // The range follows every cell as it lands (autoranging lagged a cell behind, the newest
        // point off the top), with a tenth to spare so the top point and its label show.
        double top = high > 0 ? high * 1.1 : 1;
        double bottom = low < 0 ? low * 1.1 : 0;
        if (y.getMin() != bottom || y.getMax() != top) {
            y.set(bottom, top);
        }
        measured.getDatasets().setAll(lines);
        theory.getDatasets().setAll(predicted);
    }

    private static String unit(Vary v) {
        return v.setting().range().unit();
    }
}
