package dev.backflow.ui.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.sweep.Cell;
import dev.backflow.sweep.Figure;
import dev.backflow.sweep.SweepResult;
import dev.backflow.sweep.Vary;
import dev.backflow.units.Units;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.paint.Color;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A sweep's cells as a grid: the first setting across, the second down; each cell the chosen
 * figure, coloured from good (green) to bad (red), with theory's value beneath it where a model
 * predicts it (≠ where the run's own interval rules theory out), a ✓ border where the cell meets
 * the targets, ★ on the cheapest, and ! where the machine distorted it. Hover for the whole
 * summary; click to open the cell's experiment in the main window.
 */
final class HeatMap extends GridPane {

    private final Consumer<ExperimentConfig> open;
    private String shape = "";
    private Label[][] cells = new Label[0][0];
    /** The result shown, whose cells a click opens. */
    private SweepResult currentResult;

    HeatMap(Consumer<ExperimentConfig> open) {
        this.open = open;
        getStyleClass().add("bf-sweep-map");
        setHgap(3);
        setVgap(3);
    }

    /** Shows {@code r} by {@code f}; rebuilds the grid only when the sweep's shape changed. FX thread. */
    void show(SweepResult r, Figure f) {
        if (r == null) {
            getChildren().clear();
            shape = "";
            return;
        }
        String s = String.join("|", r.sweep().axes().stream().map(Vary::format).toList());
        if (!s.equals(shape)) {
            build(r);
            shape = s;
        }
        currentResult = r;
        double[] range = range(r, f);
        var cheapest = r.cheapest().orElse(null);
        for (Cell c : r.cells()) {
            Label l = cells[c.column()][c.row()];
            Double v = c.done() ? f.measured(c.summary()) : null;
            Double t = f.predicted(c.config(), SweepResult.theory(c));
            String theory = t == null ? "" : "\ntheory " + f.format(t) + (c.done() && SweepResult.theoryDisagrees(c, f) ? " ≠" : "");
            String text = !c.done() ? "…" : f.format(v) + (c == cheapest ? " ★" : "") + (c.distortion() != null ? " !" : "");
            if (!(text + theory).equals(l.getText())) {
                l.setText(text + theory);
            }
            l.setStyle(v == null ? "" : "-fx-background-color: " + colour(v, range, f) + ";");
            mark(l, "bf-sweep-met", r.meets(c));
            mark(l, "bf-sweep-cheapest", c == cheapest);
            mark(l, "bf-sweep-distorted", c.distortion() != null);
            mark(l, "bf-sweep-done", c.done());
            if (!c.done() && l.getTooltip() != null) {
                l.setTooltip(null);
                l.getProperties().remove("summary");
            }
            if (c.done() && l.getProperties().get("summary") != c.summary()) {
                Tooltip tip = new Tooltip(r.place(c) + (c.distortion() == null ? "" : "\n! " + c.distortion()) + "\n\n"
                        + c.summary().toText() + "\nClick to open this experiment in the main window.");
                tip.setShowDuration(javafx.util.Duration.INDEFINITE);
                tip.setStyle("-fx-font-family: monospace;");
                l.setTooltip(tip);
                l.getProperties().put("summary", c.summary());
            }
        }
    }

    private static void mark(Label l, String styleClass, boolean on) {
        if (on != l.getStyleClass().contains(styleClass)) {
            if (on) {
                l.getStyleClass().add(styleClass);
            } else {
                l.getStyleClass().remove(styleClass);
            }
        }
    }

    private void build(SweepResult r) {
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        int cols = r.sweep().columns();
        int rows = r.sweep().rows();
        Vary x = r.sweep().axes().getFirst();
        Vary y = r.sweep().axes().size() > 1 ? r.sweep().axes().get(1) : null;
        ColumnConstraints head = new ColumnConstraints();
        head.setMinWidth(70);
        getColumnConstraints().add(head);
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints(40, 80, Double.MAX_VALUE);
            cc.setHgrow(Priority.ALWAYS);
            cc.setHalignment(HPos.CENTER);
            getColumnConstraints().add(cc);
        }
        getRowConstraints().add(new RowConstraints(22));
        for (int row = 0; row < rows; row++) {
            RowConstraints rc = new RowConstraints(30, 48, Double.MAX_VALUE);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        Label corner = new Label(y == null ? x.setting().name() + " →" : y.setting().name() + " ↓  " + x.setting().name() + " →");
        corner.getStyleClass().add("bf-hint");
        corner.setWrapText(true);
        add(corner, 0, 0);
        for (int c = 0; c < cols; c++) {
            Label h = new Label(value(x, x.values().get(c)));
            h.getStyleClass().add("bf-sweep-axis");
            add(h, c + 1, 0);
        }
        cells = new Label[cols][rows];
        for (int row = 0; row < rows; row++) {
            Label h = new Label(y == null ? "" : value(y, y.values().get(row)));
            h.getStyleClass().add("bf-sweep-axis");
            add(h, 0, row + 1);
            for (int c = 0; c < cols; c++) {
                Label l = new Label("…");
                l.setId("sweepCell-" + c + "-" + row);
                l.getStyleClass().add("bf-sweep-cell");
                l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                l.setAlignment(Pos.CENTER);
                l.setWrapText(true);
                int col = c;
                int rw = row;
                l.setOnMouseClicked(e -> {
                    SweepResult now = currentResult;
                    Cell cell = now == null ? null : now.at(col, rw);
                    if (cell != null) {
                        open.accept(cell.config());
                    }
                });
                cells[c][row] = l;
                add(l, c + 1, row + 1);
            }
        }
    }

    private static String value(Vary v, double x) {
        return Units.format(x, v.setting().range().held()).replace(" ", "\u00a0");
    }

    /** The figure's lowest and highest value among the cells that ran, log-scaled when they span decades. */
    private static double[] range(SweepResult r, Figure f) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Cell c : r.cells()) {
            Double v = c.done() ? f.measured(c.summary()) : null;
            if (v != null && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }

    /** Green for the best value in the sweep, red for the worst (higher is better only for throughput and goodput). */
    private static String colour(double v, double[] range, Figure f) {
        double lo = range[0];
        double hi = range[1];
        double t;
        if (!(hi > lo)) {
            t = 0;
        } else if (lo > 0 && hi / lo > 100) {
            t = Math.log(v / lo) / Math.log(hi / lo);
        } else {
            t = (v - lo) / (hi - lo);
        }
        if (f == Figure.THROUGHPUT || f == Figure.GOODPUT) {
            t = 1 - t;
        }
        t = Math.max(0, Math.min(1, t));
        Color c = Color.web("#b2f2bb").interpolate(Color.web("#ffe066"), Math.min(1, t * 2))
                .interpolate(Color.web("#ffa8a8"), Math.max(0, t * 2 - 1));
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
