package dev.backflow;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.cli.FrontDoor;
import dev.backflow.preset.PresetStore;
import dev.backflow.ui.common.CrashDialog;
import dev.backflow.ui.window.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The Backflow desktop application. */
public final class App extends Application {

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        // The launcher has checked the arguments already (FrontDoor); this only reads them.
        FrontDoor.Window w = FrontDoor.windowOptions(getParameters().getRaw().toArray(String[]::new));
        Path open = w.open();
        new CrashDialog(() -> stage.isShowing() ? stage : null, CrashLog::record, CrashLog::summary).install();
        PresetStore store = w.presetsDir() != null ? new PresetStore(w.presetsDir()) : PresetStore.forUser();
        window = new MainWindow(new Engine(ExperimentConfig.DEFAULT), store);
        stage.setTitle("Backflow — a lab for backpressure");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = App.class.getResource("icons/backflow-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(window.scene());
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            reportFirstFrame();
        }
        // Preset files are read off the FX thread; what they say is shown when it arrives.
        dev.backflow.ui.presets.PresetsViewModel presets = window.presets();
        if (open != null) {
            presets.open(open).thenAccept(r -> {
                if (r != dev.backflow.ui.presets.PresetsViewModel.Result.DONE) {
                    window.showError(presets.problem());
                    presets.restoreLastUsed();
                }
            });
        } else {
            presets.restoreLastUsed().thenAccept(r -> {
                if (!presets.problem().isEmpty()) {
                    window.showError(presets.problem());
                }
            });
        }
    }

    /**
     * With {@code -Dbackflow.startupProbe=true}, prints the wall-clock time of the first painted
     * frame and quits: the startup benchmark (installer/measure-startup.sh) reads it.
     */
    static final String STARTUP_PROBE = "backflow.startupProbe";

    private void reportFirstFrame() {
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // The second pulse runs after the first frame has been rendered.
                if (++frames == 2) {
                    stop();
                    System.out.println("backflow-first-frame-epoch-ms=" + System.currentTimeMillis());
                    System.out.flush();
                    javafx.application.Platform.exit();
                }
            }
        }.start();
    }

    @Override
    public void stop() {
        if (window != null) {
            threadsEnded = window.close(); // returns at once; the run's threads end in the background
            filesSaved = window.filesSaved();
        }
    }

    private static volatile java.util.concurrent.CompletableFuture<Void> threadsEnded;
    private static volatile java.util.concurrent.CompletableFuture<Void> filesSaved;

    /**
     * Runs the window until it closes. If the run's threads are still winding down a moment
     * later, the JVM is halted once preset files are saved: with thousands of platform threads
     * exiting, a normal JVM shutdown was measured at 10-16 s, because every shutdown-hook thread
     * it starts waits for the JVM's thread-list lock. Backflow has nothing else to finish.
     */
    public static void main(String[] args) {
        launch(App.class, args);
        if (threadsEnded == null) {
            return;
        }
        try {
            threadsEnded.get(250, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillWindingDown) {
            try {
                filesSaved.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more can be done for the files; leave anyway
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // closing failed; the normal shutdown below still ends the process
        }
    }
}
