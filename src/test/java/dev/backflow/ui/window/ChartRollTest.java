package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.ui.chart.Charts;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chart window rolling with the run moves its panels in turns: each frame moves and draws at
 * most two of them, and none falls far behind the newest time. (A panel whose turn ended was
 * once never moved in its next frame; the panels then all jumped together every quarter second,
 * three charts in one frame.)
 */
@ExtendWith(ApplicationExtension.class)
class ChartRollTest {

    /** The chart window, s: shorter than the run, so it rolls. */
    private static final int WINDOW = 10;

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        // One buffer: three panels shown (buffer, parked lane, throughput), 12 s of items.
        engine = new Engine(new ExperimentConfig(20, 300, 2, 1, 1).toBuilder().items(3_600).build());
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-roll")));
        window.presets().chartWindowProperty().set(WINDOW);
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    @Test
    void aRollingWindowMovesThePanelsInTurnsAndKeepsThemNearTheNewestTime(FxRobot robot) throws Exception {
        // Per pulse while rolling: charts drawn, panels whose axis moved, and the largest lag of a
        // panel's axis behind the newest time the pump has shown.
        List<double[]> pulses = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] before = {0};
        List<Double>[] ends = new List[] {List.of()};
        robot.interact(() -> window.scene().addPostLayoutPulseListener(() -> {
            long drawn = Charts.chartsDrawn();
            List<Double> now = window.chartPresenter().shownAxisEnds();
            var s = window.latestSnapshot();
            if (s != null && s.counts().outcome() == null && s.elapsedSeconds() > WINDOW + 1 && now.size() == ends[0].size()) {
                int moved = 0;
                double lag = 0;
                for (int k = 0; k < now.size(); k++) {
                    moved += now.get(k).equals(ends[0].get(k)) ? 0 : 1;
                    lag = Math.max(lag, s.elapsedSeconds() - now.get(k));
                }
                pulses.add(new double[] {drawn - before[0], moved, lag});
            }
            before[0] = drawn;
            ends[0] = now;
        }));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> engine.counts().outcome() != null);

        List<double[]> seen;
        synchronized (pulses) {
            seen = List.copyOf(pulses);
        }
        assertTrue(seen.size() >= 30, "pulses while rolling: " + seen.size());
        assertTrue(seen.stream().filter(p -> p[1] > 0).count() >= seen.size() / 4, "the panels moved with the run");
        // A pump that stalls for half a second counts as time standing still: then a frame shows
        // every panel at once. Rare; the old fault did it four times a second.
        long crowded = seen.stream().filter(p -> p[0] > 2 || p[1] > 2).count();
        assertTrue(crowded <= Math.max(1, seen.size() / 50), "frames moving or drawing more than two panels: " + crowded + " of " + seen.size());
        long behind = seen.stream().filter(p -> p[2] > 0.5).count();
        assertTrue(behind <= Math.max(1, seen.size() / 50), "frames with a panel over half a second behind: " + behind);
    }
}
