package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Charts whose data do not change are not laid out again: before a run and after it ended the
 * window's charts stay still. (chartfx compared an empty data set's NaN limits with ==, so each
 * of the panels' empty series reported a change whenever its chart recomputed them, and every
 * chart was laid out and drawn on every pulse, running or not.)
 */
@ExtendWith(ApplicationExtension.class)
class ChartsQuietTest {

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = new Engine(new ExperimentConfig(5, 100, 20, 1, 1).toBuilder().items(5).build());
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-quiet")));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    /** How many times the charts turned dirty over 40 frames, after 10 to settle. */
    private int chartLayoutsOver40Frames(FxRobot robot) throws Exception {
        int[] dirty = {0};
        int[] frames = {0};
        CountDownLatch counted = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> {
            List<Node> charts = List.copyOf(robot.lookup(".chart").queryAll());
            for (Node c : charts) {
                ((javafx.scene.Parent) c).needsLayoutProperty().addListener((o, was, is) -> {
                    if (is && frames[0] > 10 && frames[0] <= 50) {
                        dirty[0]++;
                    }
                });
            }
            new AnimationTimer() { // a pulse every frame, as the window's own frame loop makes
                @Override
                public void handle(long now) {
                    if (++frames[0] == 51) {
                        stop();
                        counted.countDown();
                    }
                }
            }.start();
        }).get(10, TimeUnit.SECONDS);
        assertTrue(counted.await(30, TimeUnit.SECONDS), "50 frames");
        return dirty[0];
    }

    @Test
    void beforeARunAndAfterItEndedTheChartsStayStill(FxRobot robot) throws Exception {
        assertEquals(0, chartLayoutsOver40Frames(robot), "before a run");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.counts().outcome() != null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WindowTests.onFx(() -> window.latestSnapshot() != null
                && window.latestSnapshot().counts().outcome() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, chartLayoutsOver40Frames(robot), "after the run ended");
    }
}
