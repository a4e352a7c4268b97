package dev.backflow.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A part scrolled out of its scroll pane, or hidden, cannot be seen; scrolled back in, it can. */
@ExtendWith(ApplicationExtension.class)
class OnScreenTest {

    private ScrollPane scroll;
    private Label top;
    private Label bottom;

    @Start
    void start(Stage stage) {
        top = new Label("top");
        Region filler = new Region();
        filler.setMinHeight(1_000);
        bottom = new Label("counters");
        scroll = new ScrollPane(new VBox(top, filler, bottom));
        stage.setScene(new Scene(new VBox(scroll), 300, 200));
        stage.show();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void scrolledOutOrHiddenIsNotSeen(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> OnScreen.seen(top)));
        assertFalse(onFx(() -> OnScreen.seen(bottom)), "below the scroll pane's view");
        robot.interact(() -> scroll.setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> OnScreen.seen(bottom)), "scrolled into view");
        assertFalse(onFx(() -> OnScreen.seen(top)), "scrolled out of view");
        robot.interact(() -> scroll.setVisible(false));
        assertFalse(onFx(() -> OnScreen.seen(bottom)), "its scroll pane hidden");
        assertFalse(onFx(() -> OnScreen.seen(new Label("not in a scene"))));
    }
}
