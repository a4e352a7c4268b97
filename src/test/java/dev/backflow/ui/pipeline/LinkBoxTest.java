package dev.backflow.ui.pipeline;

import dev.backflow.engine.SendPolicy;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
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

/** A link too long for slots shows a fill bar, whose new fill lays out the bar alone. */
@ExtendWith(ApplicationExtension.class)
class LinkBoxTest {

    private VBox root;
    private PipelineView.LinkBox link;

    @Start
    void start(Stage stage) {
        link = new PipelineView.LinkBox();
        root = new VBox(link);
        stage.setScene(new Scene(root, 300, 120));
        stage.show();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNewFillOfALongLinkStaysInsideItsBar() throws Exception {
        SendPolicy block = new SendPolicy.Block();
        onFx(() -> {
            link.show(10, 100, block, null, true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ProgressBar bar = onFx(() -> (ProgressBar) link.lookup(".progress-bar"));
        assertEquals(0.1, onFx(bar::getProgress), 1e-9, "a capacity of 100 is drawn as a bar, 10 % full");
        WaitForAsyncUtils.waitForFxEvents();
        // Read in the same turn of the FX thread as the change: a pulse in between would lay the
        // bar out and clear its flag. The texts are not redrawn (texts = false), as between two
        // text frames of a run.
        boolean[] dirty = onFx(() -> {
            link.show(60, 100, block, null, false);
            return new boolean[] {root.isNeedsLayout(), link.isNeedsLayout(), bar.isNeedsLayout()};
        });
        assertEquals(0.6, onFx(bar::getProgress), 1e-9, "the bar shows the new fill");
        assertTrue(dirty[2], "the bar itself is laid out again");
        assertFalse(dirty[1], "the link around it is not");
        assertFalse(dirty[0], "nor is anything above it (the pipeline view, its scroll pane)");
    }
}
