package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.PipelineSpec;
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

import static dev.backflow.ui.window.WindowTests.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The charts take turns: while a run goes on a frame draws at most two of them (the pump
 * gives every panel its point at once, and drawing all four in one frame made that frame
 * several times slower than the rest); when the run ends every panel shows its last point.
 */
@ExtendWith(ApplicationExtension.class)
class ChartTurnsTest {

    private Engine engine;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        // A pipeline, so all four panels (the pressure wave too) are on screen and take points.
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT, "source 400/s | 8 block | parse 2ms | 8 block | sink 4ms")
                .toBuilder().items(1_000).build();
        engine = new Engine(c);
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(java.nio.file.Files.createTempDirectory("bf-turns")));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    @Test
    void aRunDrawsAtMostTwoChartsAFrameAndItsEndShowsEveryPanelWhole(FxRobot robot) throws Exception {
        // Charts drawn in each pulse, with the run time the pulse saw.
        List<double[]> pulses = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] before = {0};
        robot.interact(() -> {
            before[0] = Charts.chartsDrawn();
            window.scene().addPostLayoutPulseListener(() -> {
                long drawn = Charts.chartsDrawn();
                var s = engine.counts();
                pulses.add(new double[] {drawn - before[0], s.runId() == 0 || s.outcome() != null ? -1 : 1});
                before[0] = drawn;
            });
        });
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> engine.counts().outcome() != null);
        // The end: within a few frames every panel shows the run's last frame.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
            var last = window.latestSnapshot();
            return last != null && last.counts().outcome() != null && window.chartPresenter().newestTimes().stream()
                    .allMatch(t -> t == last.elapsedSeconds());
        }));

        // One time, one x: every shown panel (the pressure wave too, which has a legend column
        // like the others) puts the run's last moment at the same place across the window.
        List<Double> xs = onFx(() -> window.chartPresenter().shownSceneXsAt(window.latestSnapshot().elapsedSeconds()));
        assertTrue(xs.size() == 4, "four panels shown: " + xs);
        assertTrue(xs.stream().allMatch(x -> Math.abs(x - xs.getFirst()) <= 1), "the same x on every panel: " + xs);

        List<double[]> seen;
        synchronized (pulses) {
            seen = List.copyOf(pulses);
        }
        // While running, after the first frames (a new run shows every panel at once).
        List<double[]> running = seen.stream().filter(p -> p[1] > 0).skip(10).toList();
        assertTrue(running.size() >= 20, "pulses while running: " + running.size());
        double total = running.stream().mapToDouble(p -> p[0]).sum();
        assertTrue(total >= running.size() / 4.0, "the charts were drawn as the run went: " + total + " in " + running.size());
        // At most two a frame. A pump that stalls for half a second (a loaded machine) counts as
        // time standing still, and the next frame shows every panel at once: a rare frame may
        // draw more. Without turns a third of the frames drew four.
        long over = running.stream().filter(p -> p[0] > 2).count();
        assertTrue(over <= Math.max(1, running.size() / 50), "frames drawing more than two charts: " + over + " of " + running.size());
    }
}
