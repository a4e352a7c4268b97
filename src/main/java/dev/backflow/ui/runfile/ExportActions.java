package dev.backflow.ui.runfile;

import dev.backflow.ui.common.Dialogs;
import dev.backflow.ui.settings.MainViewModel;

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
public final class ExportActions {

    private final RunExports exports;
    private final Dialogs dialogs;
    private final MainViewModel vm;
    private final Supplier<Node> charts;
    private final Supplier<dev.backflow.report.RunSummary> summary;

    private final Supplier<Supplier<dev.backflow.report.RunFile>> run;
    private final java.util.function.Function<Path, CompletableFuture<RunViewer>> open;

    public ExportActions(RunExports exports, Dialogs dialogs, MainViewModel vm, Supplier<Node> charts,
                  Supplier<dev.backflow.report.RunSummary> summary, Supplier<Supplier<dev.backflow.report.RunFile>> run,
                  java.util.function.Function<Path, CompletableFuture<RunViewer>> open) {
        this.summary = Objects.requireNonNull(summary);
        this.run = Objects.requireNonNull(run);
        this.open = Objects.requireNonNull(open);
        this.exports = Objects.requireNonNull(exports);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.vm = Objects.requireNonNull(vm);
        this.charts = Objects.requireNonNull(charts);
    }

    public void chart() {
        Path to = choose("Export the charts as PNG", "backflow-charts.png", "PNG images", "*.png");
        if (to != null) {
            report(exports.png(charts.get(), to), "the charts (PNG, 2×)");
        }
    }

    public void series() {
        Path to = choose("Export the time series as CSV", "backflow-series.csv", "CSV files", "*.csv");
        if (to != null) {
            report(exports.series(to), "the time series (CSV)");
        }
    }

    public void summary() {
        Path to = choose("Export the summary as JSON", "backflow-summary.json", "JSON files", "*.json");
        if (to != null) {
            report(exports.summary(summary, to), "the summary (JSON)");
        }
    }

    public void saveRun() {
        Path to = choose("Save the whole run", "backflow" + dev.backflow.report.RunFile.SUFFIX, "Recorded Backflow runs",
                "*" + dev.backflow.report.RunFile.SUFFIX);
        if (to != null) {
            report(exports.run(run.get(), to), "the run");
        }
    }

    public void openRun() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a recorded run");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Recorded Backflow runs", "*" + dev.backflow.report.RunFile.SUFFIX),
                new FileChooser.ExtensionFilter("JSON files", "*.json"));
        File f = chooser.showOpenDialog(dialogs.owner());
        if (f != null) {
            open.apply(f.toPath()).whenComplete((viewer, failure) -> {
                if (failure != null) {
                    String why = why(failure);
                    Platform.runLater(() -> dialogs.error(why));
                }
            });
        }
    }

    public void events() {
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
                vm.reportDone("Saved " + what + " to " + path + ".");
            } else {
                dialogs.error(why(failure));
            }
        }));
    }

    /** A failure in words: the message of what went wrong, under the futures' wrappers. */
    private static String why(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.io.UncheckedIOException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
