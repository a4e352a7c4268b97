package dev.backflow.ui.window;

import dev.backflow.engine.Backoff;
import dev.backflow.engine.Callers;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Callers part of the sidebar: typed settings reach the run, its figures reach the strip. */
@ExtendWith(ApplicationExtension.class)
class CallersWindowTest {

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = new Engine(new ExperimentConfig(1, 100, 20, 1, 1).toBuilder().policy(dev.backflow.engine.SendPolicy.REJECT).build());
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-callers")));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    private static void reveal(FxRobot robot, String id) {
        WindowTests.reveal(robot, id);
    }

    private static void type(FxRobot robot, String fieldId, String text) {
        WindowTests.type(robot, fieldId, text);
    }

    @Test
    void typedCallersMakeTheRunClosedLoopAndTheStripShowsTheirFigures(FxRobot robot) throws Exception {
        assertFalse(WindowTests.onFx(() -> robot.lookup("#goodputTile").query().isVisible()), "no caller tiles in an open loop");
        assertTrue(WindowTests.onFx(() -> robot.lookup("#backoffBox").query().isDisabled()), "no backoff without retries");
        type(robot, "#callerDeadlineField", "300");
        type(robot, "#retriesField", "2");
        robot.interact(() -> robot.lookup("#backoffBox").queryAs(ComboBox.class).setValue(Backoff.Law.FULL_JITTER));
        type(robot, "#backoffBaseField", "5ms");
        type(robot, "#retryBudgetField", "10/0.1");
        Callers k = window.viewModel().config().callers();
        assertEquals(new Callers(300, 2, new Backoff(Backoff.Law.FULL_JITTER, 5, 1000), new dev.backflow.engine.RetryBudget(10, 0.1), false), k);
        assertTrue(WindowTests.onFx(() -> robot.lookup("#callersHint").queryAs(Label.class).getText()).contains("deadline 300ms"));

        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.counts().calls() != null
                && engine.counts().calls().retries() > 0 && engine.counts().calls().good() > 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WindowTests.onFx(() -> {
            Node tile = robot.lookup("#goodputTile").query();
            return tile.isVisible() && !robot.lookup("#goodputValue").queryAs(Label.class).getText().equals("–")
                    && robot.lookup("#amplificationValue").queryAs(Label.class).getText().matches("[0-9]+\\.[0-9]{2}");
        }));
        assertFalse(WindowTests.onFx(() -> robot.lookup("#memoryTile").query().isVisible()), "a bounded closed loop hides memory");
    }

    @Test
    void nonsenseIsMarkedExplainedAndKeepsTheSetting(FxRobot robot) throws Exception {
        type(robot, "#retriesField", "2");
        type(robot, "#retryBudgetField", "lots");
        TextField box = WindowTests.onFx(() -> robot.lookup("#retryBudgetField").queryAs(TextField.class));
        assertTrue(WindowTests.onFx(() -> box.getStyleClass().contains("bf-invalid")));
        assertTrue(window.viewModel().messageProperty().get().contains("TOKENS/RATIO"), window.viewModel().messageProperty().get());
        assertNull(window.viewModel().config().callers().budget(), "the setting stays as it was");
        type(robot, "#changesField", "5s+2s warp=9ms");
        assertTrue(window.viewModel().messageProperty().get().contains("no setting or stage called"),
                window.viewModel().messageProperty().get());
        assertTrue(window.viewModel().config().changes().isEmpty());
        type(robot, "#changesField", "1s+2s consumer-delay=40ms; 4s+1s rate=50/s");
        assertEquals(2, window.viewModel().config().changes().size());
    }

    @Test
    void aStageGetsCoDelOnItsLinkAndDeadlineChecksInThePipelineEditor(FxRobot robot) throws Exception {
        robot.interact(() -> window.viewModel().addHop());
        type(robot, "#hopCodel0", "20ms/200ms");
        assertEquals(new dev.backflow.engine.CoDel(20, 200), window.viewModel().config().hops().get(0).codel());
        type(robot, "#hopCodel0", "200ms/20ms");
        assertTrue(window.viewModel().messageProperty().get().contains("interval"), window.viewModel().messageProperty().get());
        assertEquals(new dev.backflow.engine.CoDel(20, 200), window.viewModel().config().hops().get(0).codel(), "kept");
        assertTrue(WindowTests.onFx(() -> robot.lookup("#hopChecks0").query().isDisabled()), "no deadline, nothing to check");
        type(robot, "#callerDeadlineField", "100");
        assertFalse(WindowTests.onFx(() -> robot.lookup("#hopChecks0").query().isDisabled()));
        reveal(robot, "#hopChecks0");
        robot.clickOn("#hopChecks0");
        assertTrue(window.viewModel().config().hops().get(0).checksDeadlines());
        type(robot, "#codelField", "5ms/100ms");
        assertEquals(dev.backflow.engine.CoDel.DEFAULT, window.viewModel().config().codel(), "the first link's CoDel, in Workload");
    }
}
