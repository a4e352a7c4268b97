package dev.backflow.ui.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.Preset;
import dev.backflow.sweep.SweepResult;
import dev.backflow.ui.common.Fxml;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Sweep window (Run → Sweep…): one or two settings of the main window's experiment varied
 * over ranges, each cell a real run, drawn as a heat map and as lines, the cells meeting the
 * targets marked and the cheapest named, with theory beside them. Create, use and {@link #close()}
 * on the FX thread.
 */
public final class SweepWindow {

    private final Stage stage = new Stage();
    private final SweepViewModel vm;
    private final HeatMap map;
    private final SweepLines lines = new SweepLines();
    private final AnimationTimer frameLoop;
    private SweepResult shown;
    private Object shownFigure;

    /**
     * @param base        the main window's experiment
     * @param baseName    its name
     * @param plan        the loaded preset's sweep, or null
     * @param stylesheets the main window's style sheets (the theme)
     * @param open        opens a cell's experiment in the main window
     */
    public SweepWindow(ExperimentConfig base, String baseName, Preset.SweepPlan plan,
                       javafx.collections.ObservableList<String> stylesheets, Consumer<ExperimentConfig> open) {
        vm = new SweepViewModel(base, baseName, plan);
        map = new HeatMap(open);
        SweepController controller = new SweepController(vm, this::chooseOpen, this::chooseSave);
        Parent root = Fxml.load("SweepView.fxml", Map.of(SweepController.class, () -> controller));
        controller.show(map, lines.view());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1200, screen.getWidth()), Math.min(780, screen.getHeight()));
        Bindings.bindContent(scene.getStylesheets(), stylesheets);
        stage.setScene(scene);
        stage.setTitle("Backflow · Sweep");
        stage.setOnHidden(e -> close());
        frameLoop = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.poll();
                SweepResult r = vm.resultProperty().get();
                if (r != shown || vm.figureProperty().get() != shownFigure) {
                    shown = r;
                    shownFigure = vm.figureProperty().get();
                    map.show(r, vm.figureProperty().get());
                    lines.show(r, vm.figureProperty().get());
                    controller.answer().setText(r == null ? "" : r.done() == 0 ? "Running the first cells…" : r.answer());
                }
            }
        };
        frameLoop.start();
    }

    private Path chooseOpen() {
        FileChooser fc = chooser("Open a sweep");
        File f = fc.showOpenDialog(stage);
        return f == null ? null : f.toPath();
    }

    private Path chooseSave() {
        FileChooser fc = chooser("Save the sweep");
        fc.setInitialFileName("sweep.backflow-sweep.json");
        File f = fc.showSaveDialog(stage);
        return f == null ? null : f.toPath();
    }

    private static FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Backflow sweeps", "*.backflow-sweep.json", "*.json"));
        return fc;
    }

    public SweepViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }

    public void toFront() {
        stage.toFront();
    }

    /** Stops the sweep and the frame loop and hides the window; completes when the sweep's thread ended. */
    public CompletableFuture<Void> close() {
        frameLoop.stop();
        vm.cancel();
        if (stage.isShowing()) {
            stage.hide();
        }
        return vm.finished();
    }
}
