package dev.backflow.ui.window;

import dev.backflow.engine.AdaptiveLimit;
import dev.backflow.engine.Demand;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demand links and adaptive limits set in the window: typed, run, and drawn. */
@ExtendWith(ApplicationExtension.class)
class DemandWindowTest {

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        engine = new Engine(new ExperimentConfig(8, 200, 5, 1, 1));
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-demand")));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    /** The buffer panel's series called {@code name}. */
    private static DataSet series(FxRobot robot, String name) throws Exception {
        return WindowTests.onFx(() -> {
            XYChart chart = robot.lookup(".bf-chart-buffer").queryAs(XYChart.class);
            return chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                    .filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
        });
    }

    @Test
    void aTypedReplenishPointMakesTheBufferADemandLinkAndItsOutstandingDemandIsDrawn(FxRobot robot) throws Exception {
        WindowTests.type(robot, "#demandField", "75%");
        assertEquals(Demand.REACTOR, window.viewModel().config().demand());
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.counts().links().getFirst().requested() > 8 + 6 * 3);
        DataSet demand = series(robot, "demand");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WindowTests.onFx(() -> demand.getDataCount() > 0
                && (demand.getStyle() == null || demand.getStyle().isEmpty())));
        assertTrue(WindowTests.onFx(() -> {
            for (int i = 0; i < demand.getDataCount(); i++) {
                double v = demand.get(DataSet.DIM_Y, i);
                if (v < 0 || v > 8) {
                    return false;
                }
            }
            return true;
        }), "between none and the prefetch");
    }

    @Test
    void nonsenseAndAPolicyWithoutMeaningAreRefusedAndTheSettingKept(FxRobot robot) throws Exception {
        WindowTests.type(robot, "#demandField", "strict");
        assertEquals(new Demand(100), window.viewModel().config().demand());
        WindowTests.type(robot, "#demandField", "150%");
        assertTrue(window.viewModel().messageProperty().get().contains("0 % to 100 %"), window.viewModel().messageProperty().get());
        assertEquals(new Demand(100), window.viewModel().config().demand(), "kept");
        robot.interact(() -> window.viewModel().choosePolicy(SendPolicy.DROP_OLDEST));
        assertTrue(window.viewModel().messageProperty().get().contains("cannot drop the oldest"),
                window.viewModel().messageProperty().get());
        assertEquals(SendPolicy.BLOCK, window.viewModel().config().policy(), "kept");
        WindowTests.reveal(robot, "#demandField");
        robot.clickOn("#demandField").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .push(javafx.scene.input.KeyCode.BACK_SPACE).push(javafx.scene.input.KeyCode.ENTER);
        assertNull(window.viewModel().config().demand(), "empty: a plain buffer again");
    }

    @Test
    void theConsumersAndAStageGetAnAdaptiveLimitAndAStageItsOwnDemandLink(FxRobot robot) throws Exception {
        WindowTests.type(robot, "#limitField", "gradient2");
        assertEquals(AdaptiveLimit.parse("gradient2"), window.viewModel().config().sinkLimit());
        robot.interact(() -> window.viewModel().addHop());
        WindowTests.type(robot, "#hopLimit0", "aimd");
        assertEquals(AdaptiveLimit.parse("aimd"), window.viewModel().config().hops().get(0).limit());
        WindowTests.type(robot, "#hopDemand0", "50%");
        assertEquals(new Demand(50), window.viewModel().config().hops().get(0).demand());
        WindowTests.type(robot, "#hopLimit0", "fastest");
        assertEquals(AdaptiveLimit.parse("aimd"), window.viewModel().config().hops().get(0).limit(), "kept");
    }
}
