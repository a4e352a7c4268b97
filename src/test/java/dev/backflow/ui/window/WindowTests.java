package dev.backflow.ui.window;

import dev.backflow.engine.Engine;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the window tests share: reading on the FX thread, and closing a window with its run. */
final class WindowTests {

    private WindowTests() {
    }

    /** Evaluates {@code read} on the FX thread, which owns the scene graph and its lists. */
    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /**
     * Scrolls the sidebar so the node {@code id} is in its middle, as a person scrolls to a box
     * below the fold before clicking it.
     */
    static void reveal(org.testfx.api.FxRobot robot, String id) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = robot.lookup(".bf-sidebar-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            javafx.scene.Node node = robot.lookup(id).query();
            javafx.scene.Node content = scroll.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double view = scroll.getViewportBounds().getHeight();
            double room = content.getBoundsInLocal().getHeight() - view;
            scroll.setVvalue(room <= 0 ? 0 : Math.max(0, Math.min(1, (y - view / 2) / room)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls {@code id} into view, clicks it, replaces its text with {@code text}, and presses Enter. */
    static void type(org.testfx.api.FxRobot robot, String id, String text) {
        reveal(robot, id);
        robot.clickOn(id);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A);
        robot.write(text);
        robot.push(javafx.scene.input.KeyCode.ENTER);
    }

    /** Closes {@code window} as the person would, and checks that every worker of its run ended. */
    static void close(MainWindow window, Engine engine) throws Exception {
        java.util.concurrent.CompletableFuture<Void> closed =
                WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(engine.awaitTermination(Duration.ofSeconds(5)));
    }
}
