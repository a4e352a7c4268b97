package dev.backflow.ui.runfile;

import dev.backflow.ui.chart.Charts;
import dev.backflow.ui.log.EventLogController;

import dev.backflow.report.RunFile;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recorded run, opened read-only (File → Open run): its buffer fill and rates over the whole
 * run (zoom with the wheel or a drag, as chartfx's zoomer does; right-click or Escape zooms out),
 * its summary, and its event log. FX thread.
 */
public final class RunViewer {

    private final Stage stage = new Stage();
    private final TextArea summary = new TextArea();
    private final ListView<String> events = new ListView<>();
    private final DoubleDataSet fill = Charts.step("in buffer", "bf-fill");
    private final DoubleDataSet produced = Charts.step("produced/s", "bf-produced");
    private final DoubleDataSet consumed = Charts.step("consumed/s", "bf-consumed");

    public RunViewer(RunFile run, String source, Window owner, List<String> stylesheets) {
        stage.initOwner(owner);
        stage.setTitle("Backflow: recorded run " + (run.title() == null || run.title().isBlank() ? source : run.title()));
        Label title = new Label((run.title() == null || run.title().isBlank() ? "A recorded run" : run.title())
                + " · " + source + " · read-only: zoom the charts with the wheel or a drag, Escape zooms out");
        title.getStyleClass().add("bf-setting-name");
        title.setPadding(new Insets(8, 10, 4, 10));

        summary.setEditable(false);
        summary.setText(run.summary().toText());
        summary.getStyleClass().add("bf-log");
        summary.setId("recordedSummary");
        events.getStyleClass().add("bf-log");
        events.setFixedCellSize(EventLogController.LINE_HEIGHT);
        events.setId("recordedEvents");
        events.getItems().setAll(eventLines(run.events()));
        readSeries(run.series());

        XYChart fillChart = chart("in buffer", "items", Charts.renderer(LineStyle.AREA, false, fill));
        XYChart rateChart = chart("throughput", "items/s", Charts.renderer(LineStyle.NORMAL, false, produced, consumed));
        VBox charts = new VBox(fillChart, rateChart);
        VBox.setVgrow(fillChart, Priority.ALWAYS);
        VBox.setVgrow(rateChart, Priority.ALWAYS);

        TabPane tabs = new TabPane(new Tab("Summary", summary), new Tab("Events (" + events.getItems().size() + ")", events));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(charts, tabs);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        BorderPane root = new BorderPane(split, title, null, null, null);
        root.getStyleClass().add("bf-root");
        Scene scene = new Scene(root, 1100, 760);
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    /** Points in the fill series (one per saved row). */
    public int rows() {
        return fill.getDataCount();
    }

    public String summaryText() {
        return summary.getText();
    }

    public List<String> eventList() {
        return events.getItems();
    }

    private void readSeries(String csv) {
        List<String> lines = csv.lines().toList();
        for (int i = 1; i < lines.size(); i++) { // the first is the header
            String[] f = lines.get(i).split(",");
            if (f.length < 4) {
                continue;
            }
            try {
                double t = Double.parseDouble(f[0]);
                fill.add(t, Double.parseDouble(f[1]));
                produced.add(t, Double.parseDouble(f[2]));
                consumed.add(t, Double.parseDouble(f[3]));
            } catch (NumberFormatException skipped) {
                // a line that is not a row (a comment) is not drawn
            }
        }
    }

    /** The events CSV as the log shows them: "  12.345 s  Produced 5". */
    static List<String> eventLines(String csv) {
        List<String> out = new ArrayList<>();
        List<String> lines = csv.lines().toList();
        // Since the callers (issue #23) the last column is the attempt; older runs have none.
        boolean attempts = !lines.isEmpty() && lines.getFirst().endsWith(",attempt");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                out.add(line.substring(1).strip());
                continue;
            }
            String attempt = "";
            if (attempts) {
                int last = line.lastIndexOf(',');
                attempt = last < 0 ? "" : line.substring(last + 1);
                line = last < 0 ? line : line.substring(0, last);
            }
            String[] f = line.split(",", 4);
            if (f.length < 4) {
                continue;
            }
            String text = f[3].startsWith("\"") && f[3].endsWith("\"")
                    ? f[3].substring(1, f[3].length() - 1).replace("\"\"", "\"") : f[3];
            if (!attempt.isEmpty() && !attempt.equals("1")) {
                text = text + " (attempt " + attempt + ")";
            }
            try {
                out.add(String.format(Locale.ROOT, "%9.3f s  %s", Double.parseDouble(f[0]), text));
            } catch (NumberFormatException e) {
                out.add(line);
            }
        }
        return out;
    }

    private static XYChart chart(String name, String unit, ErrorDataSetRenderer r) {
        DefaultNumericAxis x = new DefaultNumericAxis("time since start", "s");
        DefaultNumericAxis y = new DefaultNumericAxis(name, unit);
        x.setAutoRanging(true);
        y.setAutoRanging(true);
        XYChart chart = new XYChart(x, y);
        chart.getRenderers().setAll(r);
        // Zoom along time only; without its range slider, whose stylesheet assumes JavaFX's own theme.
        Zoomer zoomer = new Zoomer(io.fair_acc.chartfx.axes.AxisMode.X, false);
        zoomer.setSliderVisible(false);
        chart.getPlugins().add(zoomer);
        chart.setAnimated(false);
        return chart;
    }
}
