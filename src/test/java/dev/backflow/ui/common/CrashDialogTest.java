package dev.backflow.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure on the FX thread becomes a dialog with the details and "Copy details", and is recorded. */
@ExtendWith(ApplicationExtension.class)
class CrashDialogTest {

    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        Button boom = new Button("Boom");
        boom.setId("boom");
        boom.setOnAction(e -> {
            throw new IllegalStateException("the chart lost its axis");
        });
        stage.setScene(new Scene(new StackPane(boom), 300, 200));
        stage.show();
        new CrashDialog(() -> stage, (what, failure) -> {
            recorded.add(what + ": " + failure.getMessage());
            return "Details are in /tmp/backflow.log.";
        }, failure -> failure.getMessage()).install();
    }

    @Test
    void anUncaughtFailureShowsADialogWithCopyDetailsAndIsRecorded(FxRobot robot) throws Exception {
        robot.clickOn("#boom");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String text = robot.lookup(".dialog-pane .content").queryLabeled().getText();
        assertTrue(text.startsWith("Something went wrong: the chart lost its axis."), text);
        assertTrue(text.contains("Details are in /tmp/backflow.log."), text);
        assertEquals(1, recorded.size());
        assertTrue(recorded.getFirst().contains("the chart lost its axis"));
        Button copy = robot.lookup(".dialog-pane .button").match(n -> n instanceof Button b && b.getText().equals("Copy details"))
                .queryButton();
        robot.clickOn(copy);
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertTrue(copied.contains("IllegalStateException: the chart lost its axis"), "the stack trace is copied: " + copied);
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isPresent(), "copying leaves the dialog open");
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> n instanceof Button b && b.getText().equals("Close"))
                .queryButton());
    }
}
