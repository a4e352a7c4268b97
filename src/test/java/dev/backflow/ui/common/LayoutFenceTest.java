package dev.backflow.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fence keeps a live part's layout requests from the rest of the window, and still follows the
 * part's height when it really changes.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutFenceTest {

    private VBox root;
    private VBox fenced;
    private Label counter;
    private Label outside;
    private LayoutFence fence;

    @Start
    void start(Stage stage) {
        counter = new Label("0");
        fenced = new VBox(4, new Label("Counters"), counter);
        fence = new LayoutFence(fenced);
        outside = new Label("0");
        root = new VBox(8, outside, fence, new Label("below"));
        stage.setScene(new Scene(root, 300, 200));
        stage.show();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aChangeInsideStopsAtTheFenceAndAChangeOutsideDoesNot() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        // Both read in the same turn of the FX thread as the change (a pulse in between would lay
        // the fenced part out and clear its flag).
        boolean[] dirty = onFx(() -> {
            counter.setText("12,345");
            return new boolean[] {root.isNeedsLayout(), fenced.isNeedsLayout()};
        });
        assertFalse(dirty[0], "the window's root is not laid out again for a number inside the fence");
        assertTrue(dirty[1], "the fenced part is");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> {
            outside.setText("12,345");
            return root.isNeedsLayout();
        }), "without a fence the request reaches the root (the control group of this test)");
    }

    @Test
    void theFenceFollowsTheContentsHeightWhenARowAppears() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        double before = onFx(() -> fence.getHeight());
        assertEquals(onFx(() -> fenced.prefHeight(fence.getWidth())), before, 0.5);
        WaitForAsyncUtils.asyncFx(() -> fenced.getChildren().add(new Label("a new row"))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> fence.getHeight() > before + 5
                && Math.abs(fence.getHeight() - fenced.prefHeight(fence.getWidth())) < 0.5
                && fenced.getHeight() == fence.getHeight()));
        // and what is below it moved down
        assertTrue(onFx(() -> root.getChildren().get(2).getLayoutY() >= fence.getLayoutY() + fence.getHeight()));
    }

    @Test
    void aGivenFenceTakesTheSizeItsContainerGivesAndLaysTheContentOutInIt() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            fence.setSizing(LayoutFence.Sizing.GIVEN);
            VBox.setVgrow(fence, javafx.scene.layout.Priority.ALWAYS);
            root.requestLayout();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> fence.getHeight() > fenced.prefHeight(-1) + 20
                && fenced.getHeight() == fence.getHeight() && fenced.getWidth() == fence.getWidth()));
    }

    @Test
    void aGivenFenceStillReportsWhenItsContentNeedsMoreRoomAtLeast() throws Exception {
        Label panel = new Label("a panel that appears");
        WaitForAsyncUtils.asyncFx(() -> {
            fence.setSizing(LayoutFence.Sizing.GIVEN);
            panel.setMinHeight(150);
            panel.setVisible(false);
            panel.setManaged(false);
            fenced.getChildren().add(panel);
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        double before = onFx(() -> fence.minHeight(-1));
        assertTrue(before < 150, "the hidden panel takes no room: " + before);
        WaitForAsyncUtils.asyncFx(() -> {
            panel.setVisible(true);
            panel.setManaged(true); // as the pressure wave's panel does when a pipeline runs
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> fence.minHeight(-1) >= before + 150
                && fence.getHeight() >= before + 150));
    }
}
