package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.sweep.Figure;
import dev.backflow.ui.sweep.SweepWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run → Sweep: a small sweep runs, the heat map marks the cells meeting the target, and a click opens a cell here. */
@ExtendWith(ApplicationExtension.class)
class SweepWindowTest {

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = new Engine(new ExperimentConfig(3, 50, 5, 1, 1).toBuilder().policy(SendPolicy.REJECT).build());
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-sweep")));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    private static Node in(FxRobot robot, SweepWindow sw, String id) {
        return robot.from(sw.stage().getScene().getRoot()).lookup(id).query();
    }

    private static void type(FxRobot robot, SweepWindow sw, String id, String text) {
        robot.clickOn(in(robot, sw, id)).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    @Test
    void aSmallSweepRunsMarksTheCellsMeetingTheTargetAndOpensACellInTheMainWindow(FxRobot robot) throws Exception {
        robot.clickOn("Run").clickOn("Sweep…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.sweepWindow() != null && window.sweepWindow().stage().isShowing());
        SweepWindow sw = window.sweepWindow();
        type(robot, sw, "#firstVaryField", "capacity=1,4");
        type(robot, sw, "#secondVaryField", "");
        type(robot, sw, "#durationField", "0.5");
        type(robot, sw, "#targetField", "refused<=50%");
        assertEquals(Figure.REFUSED, sw.viewModel().figureProperty().get(), "the map shows the target's figure");
        robot.clickOn(in(robot, sw, "#startButton"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !sw.viewModel().runningProperty().get()
                && sw.viewModel().resultProperty().get() != null && sw.viewModel().resultProperty().get().complete());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WindowTests.onFx(() ->
                in(robot, sw, "#sweepCell-1-0").getStyleClass().contains("bf-sweep-met")));
        Label cheapest = (Label) in(robot, sw, "#sweepCell-0-0");
        assertTrue(WindowTests.onFx(() -> cheapest.getStyleClass().contains("bf-sweep-cheapest") && cheapest.getText().contains("★")),
                WindowTests.onFx(cheapest::getText));
        String answer = WindowTests.onFx(() -> ((Label) in(robot, sw, ".bf-sweep-answer")).getText());
        assertTrue(answer.startsWith("The cheapest cell meeting refused<=50% is capacity 1"), answer);
        assertTrue(WindowTests.onFx(() -> sw.viewModel().statusProperty().get()).startsWith("Done: 2/2 cells"));
        // The lines chart's value axis holds every point drawn, with room above the highest (the
        // lines follow the result on the FX thread: wait until they hold the cells' values).
        // Shown as throughput, never 0 (refusals may be none at all here).
        robot.interact(() -> sw.viewModel().figureProperty().set(Figure.THROUGHPUT));
        java.util.concurrent.Callable<double[]> topAndHighest = () -> WindowTests.onFx(() -> {
            io.fair_acc.chartfx.XYChart lines = (io.fair_acc.chartfx.XYChart) in(robot, sw, ".bf-sweep-lines");
            double highest = 0;
            int points = 0;
            for (io.fair_acc.chartfx.renderer.Renderer r : lines.getRenderers()) {
                for (io.fair_acc.dataset.DataSet ds : r.getDatasets()) {
                    for (int i = 0; i < ds.getDataCount(); i++) {
                        highest = Math.max(highest, ds.get(1, i));
                        points++;
                    }
                }
            }
            return new double[] {lines.getYAxis().getMax(), highest, points};
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> topAndHighest.call()[2] >= 2 && topAndHighest.call()[1] > 1);
        double[] drawn = topAndHighest.call();
        assertTrue(drawn[0] >= 1.05 * drawn[1],
                "axis top " + drawn[0] + " above the highest point " + drawn[1]);

        java.nio.file.Path saved = java.nio.file.Files.createTempDirectory("bf-sweep-file").resolve("s.backflow-sweep.json");
        robot.interact(() -> sw.viewModel().save(saved));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WindowTests.onFx(() -> sw.viewModel().messageProperty().get())
                .equals("Saved s.backflow-sweep.json."));
        robot.interact(() -> sw.viewModel().open(saved));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WindowTests.onFx(() -> sw.viewModel().statusProperty().get())
                .equals("Opened s.backflow-sweep.json: 2 cells"));

        robot.clickOn(in(robot, sw, "#sweepCell-1-0"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().config().capacity() == 4);
        assertEquals(SendPolicy.REJECT, window.viewModel().config().policy(), "the rest of the experiment came along");
    }

    @Test
    void nonsenseIsSaidAndNothingRuns(FxRobot robot) throws Exception {
        SweepWindow sw = WaitForAsyncUtils.asyncFx(() -> window.openSweep()).get(10, TimeUnit.SECONDS);
        type(robot, sw, "#firstVaryField", "capcity=1..10");
        robot.clickOn(in(robot, sw, "#startButton"));
        WaitForAsyncUtils.waitForFxEvents();
        String message = WindowTests.onFx(() -> sw.viewModel().messageProperty().get());
        assertTrue(message.contains("did you mean 'capacity'?"), message);
        assertFalse(sw.viewModel().runningProperty().get());
        assertTrue(WindowTests.onFx(() -> in(robot, sw, "#messageLabel").isVisible()));
    }
}
