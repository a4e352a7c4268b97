package dev.backflow.ui.compare;

import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.RunFigures;
import dev.backflow.ui.window.MainWindow;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the A/B window, opened from the main window, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {

    private Engine engine;
    private MainWindow window;
    private final java.nio.file.Path presetsDir;

    CompareWindowTest() throws java.io.IOException {
        presetsDir = java.nio.file.Files.createTempDirectory("backflow-compare-test");
    }

    @Start
    void start(Stage stage) {
        // Two producers with Poisson arrivals: a workload whose draws matter.
        engine = new Engine(new ExperimentConfig(5, 400, 2, 2, 1).toBuilder()
                .arrivals(new Distribution.Exponential()).items(300).seed(7).build());
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(presetsDir));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        CompareWindow ab = window.compareWindow();
        java.util.concurrent.CompletableFuture<Void> closed =
                WaitForAsyncUtils.asyncFx(() -> window.close()).get(10, TimeUnit.SECONDS);
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(engine.awaitTermination(Duration.ofSeconds(5)));
        if (ab != null) {
            assertTrue(ab.engine(true).awaitTermination(Duration.ofSeconds(5)), "A's workers ended");
            assertTrue(ab.engine(false).awaitTermination(Duration.ofSeconds(5)), "B's workers ended");
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Opens the A/B window the way a person does (Ctrl+B) and waits for it. */
    private CompareWindow open(FxRobot robot) throws Exception {
        robot.clickOn("#chartHost").press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.compareWindow() != null
                && window.compareWindow().stage().isShowing());
        return window.compareWindow();
    }

    /** The nodes of {@code id} in the A/B window, A's column first. */
    private static <T extends Node> List<T> both(FxRobot robot, CompareWindow ab, String id, Class<T> type) {
        return robot.from(ab.stage().getScene().getRoot()).lookup(id).queryAllAs(type).stream()
                .sorted(Comparator.comparingDouble(n -> n.localToScene(0, 0).getX())).toList();
    }

    private static void type(FxRobot robot, TextField field, String text) {
        reveal(robot, field);
        robot.clickOn(field);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        robot.push(KeyCode.ENTER);
    }

    /** Scrolls the column holding {@code node} until it is in sight, as a person would. */
    private static void reveal(FxRobot robot, Node node) {
        robot.interact(() -> {
            Node p = node.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                double contentHeight = sp.getContent().getBoundsInLocal().getHeight();
                double viewport = sp.getViewportBounds().getHeight();
                double y = sp.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
                sp.setVvalue(contentHeight > viewport ? Math.min(1, Math.max(0, (y - viewport / 2) / (contentHeight - viewport))) : 0);
            }
        });
    }

    private static CompareViewModel.Row row(CompareWindow ab, String name) {
        return ab.viewModel().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bothSidesRunOnTheSameArrivalsAndTheTableShowsAAndBAndTheirDifference(FxRobot robot) throws Exception {
        CompareWindow ab = open(robot);
        // Both start from the main window's settings; B is changed in its own column.
        List<TextField> capacity = both(robot, ab, "#capacityField", TextField.class);
        assertEquals(2, capacity.size());
        type(robot, capacity.get(1), "2");
        ComboBox<?> policyB = both(robot, ab, "#policyBox", ComboBox.class).get(1);
        reveal(robot, policyB);
        robot.clickOn(policyB).clickOn("Reject (try_send)");
        // The seed typed into A's column is B's too.
        type(robot, both(robot, ab, "#seedField", TextField.class).get(0), "11");
        assertEquals(11, ab.engine(false).config().seed());
        assertEquals(SendPolicy.REJECT, ab.engine(false).config().policy());
        assertEquals(SendPolicy.BLOCK, ab.engine(true).config().policy());

        robot.clickOn(robot.from(ab.stage().getScene().getRoot()).lookup("#startButton").queryButton());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ab.engine(true).state() == Engine.State.FINISHED
                && ab.engine(false).state() == Engine.State.FINISHED);

        long[][] a = ab.engine(true).arrivalSchedule();
        long[][] b = ab.engine(false).arrivalSchedule();
        assertEquals(2, a.length);
        assertEquals(2, b.length);
        for (int p = 0; p < 2; p++) {
            int n = Math.min(a[p].length, b[p].length); // which producer claims the last items is a race
            assertTrue(n >= 100, "producer " + (p + 1) + " offered " + n + " items on both sides");
            assertArrayEquals(Arrays.copyOf(a[p], n), Arrays.copyOf(b[p], n), "producer " + (p + 1) + "'s arrival times");
        }

        robot.interact(ab::showTableNow);
        String arrivals = robot.from(ab.stage().getScene().getRoot()).lookup(".bf-arrivals").queryAs(Label.class).getText();
        assertTrue(arrivals.startsWith("✓ Same workload"), arrivals);
        assertEquals("Block (put)", row(ab, "When full").aProperty().get());
        assertEquals("Reject (try_send)", row(ab, "When full").bProperty().get());
        assertEquals("2", row(ab, "Buffer").bProperty().get());
        long refusedA = ab.engine(true).counts().rejected();
        long refusedB = ab.engine(false).counts().rejected();
        assertEquals(0, refusedA, "a blocking buffer refuses nothing");
        assertEquals(RunFigures.grouped(refusedB), row(ab, "Refused").bProperty().get());
        assertEquals(CompareViewModel.signed(refusedB - refusedA, "%,.0f"), row(ab, "Refused").differenceProperty().get());
        assertTrue(row(ab, "Throughput").aProperty().get().endsWith("/s"));
        assertEquals("Completed", row(ab, "Outcome").aProperty().get());
        // The table on screen shows the rows.
        javafx.scene.control.TableView<?> table = robot.from(ab.stage().getScene().getRoot()).lookup(".bf-compare-table")
                .queryAs(javafx.scene.control.TableView.class);
        assertEquals(9, table.getItems().size(), "open-loop runs: no callers' rows");
    }

    @Test
    void startPauseAndStopActOnBothAndABuiltInComparisonFillsBothColumns(FxRobot robot) throws Exception {
        CompareWindow ab = open(robot);
        ComboBox<?> choice = robot.from(ab.stage().getScene().getRoot()).lookup("#comparisonBox").queryAs(ComboBox.class);
        robot.clickOn(choice).clickOn("Block or Reject for a DbWriter?");
        assertEquals(SendPolicy.REJECT, ab.engine(true).config().policy());
        assertEquals(SendPolicy.BLOCK, ab.engine(false).config().policy());
        List<Label> names = both(robot, ab, ".bf-side-name", Label.class);
        assertEquals("Reject (try_send)", names.get(0).getText());
        assertEquals("Block (send)", names.get(1).getText());

        Button start = robot.from(ab.stage().getScene().getRoot()).lookup("#startButton").queryButton();
        robot.clickOn(start);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ab.engine(true).state() == Engine.State.RUNNING
                && ab.engine(false).state() == Engine.State.RUNNING);
        assertEquals("Pause both", start.getText());
        robot.push(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ab.engine(true).state() == Engine.State.PAUSED
                && ab.engine(false).state() == Engine.State.PAUSED);
        assertEquals("Resume both", start.getText());
        robot.clickOn(start);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ab.engine(true).state() == Engine.State.RUNNING
                && ab.engine(false).state() == Engine.State.RUNNING);
        robot.push(KeyCode.ESCAPE); // Esc stops both, as Stop both does
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ab.engine(true).state() == Engine.State.STOPPED
                && ab.engine(false).state() == Engine.State.STOPPED);
        assertNotNull(onFx(() -> window.compareWindow()));
        // The same two runs, headless: the line Copy as command puts on the clipboard.
        robot.clickOn(robot.from(ab.stage().getScene().getRoot()).lookup("#copyButton").queryButton());
        String expected = dev.backflow.preset.CommandText.compare(ab.engine(true).config(), ab.engine(false).config());
        assertEquals("backflow compare '--capacity 32 --rate 500/s --consumer-delay 10ms --policy reject --seed 42' "
                + "'--capacity 32 --rate 500/s --consumer-delay 10ms --seed 42'", expected);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> expected.equals(
                javafx.scene.input.Clipboard.getSystemClipboard().getString())));
        // Ctrl+B again brings the same window forward rather than opening a second.
        assertEquals(ab, onFx(() -> window.openCompare()));
    }
}
