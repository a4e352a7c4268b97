package dev.backflow.ui.chart;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the charts read: the legend's swatches are drawn as the series are (a dashed series has a
 * dashed swatch), and drawn again only when they would look different, not each time the chart
 * is drawn; axes of things counted in whole numbers never tick at fractions.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsLookTest {

    private final CircularDoubleErrorDataSet solid = Charts.series("consumed/s", "bf-side-a", 100);
    private final CircularDoubleErrorDataSet dashed = Charts.series("good/s", "bf-side-a-good", 100);
    private XYChart chart;
    /** How many times the chart was drawn. FX thread. */
    private int draws;

    @Start
    void start(Stage stage) {
        DefaultNumericAxis x = Charts.timeAxis(true);
        DefaultNumericAxis y = Charts.countAxis("items/s");
        x.set(0, 10);
        y.setAutoRanging(false);
        y.set(0, 10);
        Charts.SwatchRenderer renderer = (Charts.SwatchRenderer) Charts.renderer(LineStyle.NORMAL, false, solid, dashed);
        renderer.overlay((c, g) -> draws++); // counts each time the chart is drawn
        chart = Charts.chart(x, y, "bf-chart-rate", "Rates", renderer);
        Scene scene = new Scene(chart, 600, 300);
        scene.getStylesheets().add(dev.backflow.ui.common.Fxml.class.getResource(dev.backflow.ui.common.Fxml.STYLES).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** Runs {@code step} on the FX thread, then lets {@code frames} pulses pass. */
    private static void thenFrames(Runnable step, int frames) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> {
            step.run();
            new AnimationTimer() {
                private int n;

                @Override
                public void handle(long now) {
                    if (++n == frames) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        }).get(10, TimeUnit.SECONDS);
        assertTrue(done.await(20, TimeUnit.SECONDS), frames + " frames");
    }

    /** What each swatch canvas was last drawn with, in legend order. */
    private List<Object> swatches() throws Exception {
        Supplier<List<Object>> read = () -> chart.getLegend() instanceof Charts.QuietLegend legend
                ? legend.getItems().stream()
                        .map(i -> ((Canvas) i.getGraphic()).getProperties().get(Charts.SwatchRenderer.Swatch.class)).toList()
                : List.of();
        return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDashedSeriesHasADashedSwatch() throws Exception {
        thenFrames(() -> { }, 5);
        List<Object> drawn = swatches();
        assertEquals(2, drawn.size(), "two swatches drawn: " + drawn);
        assertEquals(List.of(), ((Charts.SwatchRenderer.Swatch) drawn.get(0)).dashes(), "consumed/s: solid");
        assertEquals(List.of(7.0, 4.0), ((Charts.SwatchRenderer.Swatch) drawn.get(1)).dashes(), "good/s: dashed as in backflow.css");
    }

    @Test
    void swatchesAreDrawnAgainOnlyWhenTheyWouldLookDifferent() throws Exception {
        thenFrames(() -> { }, 5);
        List<Object> before = swatches();
        int[] drawsBefore = new int[1];
        // A run: a point on every frame, so the chart is drawn on every frame.
        CountDownLatch drawnEachFrame = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> new AnimationTimer() {
            private int n;

            @Override
            public void handle(long now) {
                solid.add(n * 0.1, n % 7, 0, 0);
                dashed.add(n * 0.1, n % 5, 0, 0);
                if (n == 0) {
                    drawsBefore[0] = draws;
                }
                if (++n == 30) {
                    stop();
                    drawnEachFrame.countDown();
                }
            }
        }.start()).get(10, TimeUnit.SECONDS);
        assertTrue(drawnEachFrame.await(20, TimeUnit.SECONDS));
        thenFrames(() -> { }, 2);
        int drawn = WaitForAsyncUtils.asyncFx(() -> draws - drawsBefore[0]).get(10, TimeUnit.SECONDS);
        assertTrue(drawn >= 20, "the chart was drawn on most of the 30 frames: " + drawn);
        List<Object> after = swatches();
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), after.get(i), "swatch " + i + " not drawn again");
        }

        thenFrames(() -> solid.setStyle("-fx-line-color: #ff0000;"), 5);
        List<Object> recoloured = swatches();
        assertNotSame(before.get(0), recoloured.get(0), "a new colour draws the swatch again");
        assertEquals(javafx.scene.paint.Color.web("#ff0000"), ((Charts.SwatchRenderer.Swatch) recoloured.get(0)).colour());
        assertSame(before.get(1), recoloured.get(1), "the other swatch stays");
    }

    @Test
    void countAxesTickAtWholeNumbersOnly() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Charts.AlignedAxis count = (Charts.AlignedAxis) Charts.countAxis("items");
            Charts.AlignedAxis memory = (Charts.AlignedAxis) Charts.valueAxis("memory", "MiB");
            assertEquals(1, count.computeTickUnit(0.3), "an empty panel: 0, 1, 2, not 0.25, 0.5");
            assertEquals(5, count.computeTickUnit(2.2), "2.5 is no step for items: 5");
            assertEquals(2, count.computeTickUnit(1.8));
            assertEquals(50, count.computeTickUnit(40));
            assertEquals(0.25, memory.computeTickUnit(0.22), 1e-12, "other axes keep chartfx's steps");
        }).get(10, TimeUnit.SECONDS);
    }
}
