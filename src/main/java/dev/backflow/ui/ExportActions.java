package dev.backflow.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * File → Export: asks where (a file chooser), then saves through {@link RunExports} and says in
 * the message line what was saved, or in a dialog why not. FX thread.
 */
final class ExportActions {

    private final RunExports exports;
    private final Dialogs dialogs;
    private final MainViewModel vm;
    private final Supplier<Node> charts;
    private final Supplier<dev.backflow.report.RunSummary> summary;

    ExportActions(RunExports exports, Dialogs dialogs, MainViewModel vm, Supplier<Node> charts,
                  Supplier<dev.backflow.report.RunSummary> summary) {
        this.summary = Objects.requireNonNull(summary);
        this.exports = Objects.requireNonNull(exports);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.vm = Objects.requireNonNull(vm);
        this.charts = Objects.requireNonNull(charts);
    }

    void chart() {
        Path to = choose("Export the charts as PNG", "backflow-charts.png", "PNG images", "*.png");
        if (to != null) {
            report(exports.png(charts.get(), to), "the charts (PNG, 2×)");
        }
    }

    void series() {
        Path to = choose("Export the time series as CSV", "backflow-series.csv", "CSV files", "*.csv");
        if (to != null) {
            report(exports.series(to), "the time series (CSV)");
        }
    }

    void summary() {
        Path to = choose("Export the summary as JSON", "backflow-summary.json", "JSON files", "*.json");
        if (to != null) {
            report(exports.summary(summary, to), "the summary (JSON)");
        }
    }

    void events() {
        Path to = choose("Export the events as CSV", "backflow-events.csv", "CSV files", "*.csv");
        if (to != null) {
            report(exports.events(to), "the events (CSV)");
        }
    }

    private Path choose(String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(dialogs.owner());
        return f == null ? null : f.toPath();
    }

    private void report(CompletableFuture<Path> saved, String what) {
        saved.whenComplete((path, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                vm.reportProblem("Saved " + what + " to " + path + ".");
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                dialogs.error(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            }
        }));
    }
}
