package dev.backflow.ui.window;

import dev.backflow.ui.log.EventLog;
import dev.backflow.ui.log.EventLogController;
import dev.backflow.ui.pipeline.PipelineView;
import dev.backflow.ui.presets.PresetsViewModel;
import dev.backflow.ui.runfile.RunViewer;
import dev.backflow.ui.settings.MainViewModel;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Snapshot;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real window, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Engine engine;
    private MainWindow window;
    private final java.nio.file.Path presetsDir;

    MainWindowTest() throws java.io.IOException {
        presetsDir = java.nio.file.Files.createTempDirectory("backflow-presets-test");
    }

    @Start
    void start(Stage stage) {
        // Start from settings that differ from the scenario, so the test must really type them.
        engine = new Engine(new ExperimentConfig(50, 10, 20, 1, 1));
        window = new MainWindow(engine, new dev.backflow.preset.PresetStore(presetsDir));
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    private static void type(FxRobot robot, String fieldId, String text) {
        robot.clickOn(fieldId);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        robot.push(KeyCode.ENTER);
    }

    /** Runs 20 items with a 5 ms consumer to the end, through the window. */
    private void finishAShortRun(FxRobot robot) throws Exception {
        type(robot, "#delayField", "5ms");
        robot.interact(() -> window.viewModel().chooseRunLength(MainViewModel.RunLength.ITEMS));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WindowTests.onFx(read);
    }

    private static int parks(FxRobot robot) {
        return Integer.parseInt(robot.lookup("#parksLabel").queryAs(Label.class).getText().replace(",", ""));
    }

    private static double percent(FxRobot robot, String labelId) {
        String text = robot.lookup(labelId).queryAs(Label.class).getText();
        return text.endsWith("%") ? Double.parseDouble(text.replace("%", "").strip()) : -1;
    }

    /**
     * Pausing the log brings in every line kept (following, it shows only its newest
     * {@link dev.backflow.ui.log.EventLog#TAIL}) and keeps the newest line in sight at the bottom,
     * where it was: the older lines are a scroll away, not in its place.
     */
    @Test
    void pausingTheLogKeepsTheNewestLineInSightWithEveryLineKeptAbove(FxRobot robot) throws Exception {
        type(robot, "#rateField", "1000");
        type(robot, "#delayField", "1");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.counts().produced() >= 600);
        javafx.scene.control.ListView<?> log = robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> log.getItems().size())
                == dev.backflow.ui.log.EventLog.TAIL);
        robot.clickOn("#logPauseButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
            int last = log.getItems().size() - 1;
            javafx.geometry.Bounds view = log.localToScene(log.getLayoutBounds());
            return last > dev.backflow.ui.log.EventLog.TAIL && robot.from(log).lookup(".list-cell").queryAll().stream()
                    .map(n -> (javafx.scene.control.ListCell<?>) n)
                    .anyMatch(cell -> cell.getIndex() == last && cell.isVisible()
                            && view.contains(cell.localToScene(cell.getLayoutBounds())));
        }));
        robot.clickOn("#logPauseButton"); // follow again: the newest lines
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> log.getItems().size()) == dev.backflow.ui.log.EventLog.TAIL);
    }

    /**
     * A following log, once full, keeps one count of lines: its newest line is whole at the
     * bottom (it used to stop a line short) and stays there without being scrolled to again at
     * every drain; a log moved away from its end while it follows (scrolled back without
     * pausing) is brought back to the newest line.
     */
    @Test
    void aFollowingLogMovedAwayFromItsEndComesBackToTheNewestLine(FxRobot robot) throws Exception {
        type(robot, "#rateField", "1000");
        type(robot, "#delayField", "1");
        robot.clickOn("#startButton");
        javafx.scene.control.ListView<?> log = robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> onFx(() -> log.getItems().size())
                == dev.backflow.ui.log.EventLog.TAIL);
        java.util.concurrent.Callable<Boolean> newestInSight = () -> onFx(() -> {
            int last = log.getItems().size() - 1;
            javafx.geometry.Bounds view = log.localToScene(log.getLayoutBounds());
            return robot.from(log).lookup(".list-cell").queryAll().stream()
                    .map(n -> (javafx.scene.control.ListCell<?>) n)
                    .anyMatch(cell -> cell.getIndex() == last && cell.isVisible()
                            && view.contains(cell.localToScene(cell.getLayoutBounds())));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, newestInSight); // a line short before: just below the edge
        robot.interact(() -> log.scrollTo(0)); // moved to the oldest line, still following
        assertFalse(onFx(() -> eventLogPaused(robot)), "scrolling back does not pause the log");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, newestInSight);
    }

    private static boolean eventLogPaused(FxRobot robot) {
        return robot.lookup("#logPauseButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected();
    }

    @Test
    void theEventLogFollowsTheRunToItsNewestLine(FxRobot robot) throws Exception {
        finishAShortRun(robot);
        javafx.scene.control.ListView<?> log = robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class);
        // Once the run has ended, the last line (the run's end) is on screen: a visible cell holds it.
        // The run's end is a long line: it must not bring a horizontal scroll bar over itself, so
        // the whole cell, not just its middle, lies inside the list.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
            int last = log.getItems().size() - 1;
            javafx.geometry.Bounds view = log.localToScene(log.getLayoutBounds());
            return last > 20 && ((String) log.getItems().get(last)).contains("Run ended")
                    && robot.from(log).lookup(".list-cell").queryAll().stream()
                    .map(n -> (javafx.scene.control.ListCell<?>) n)
                    .anyMatch(cell -> cell.getIndex() == last && cell.isVisible()
                            && view.contains(cell.localToScene(cell.getLayoutBounds())));
        }));
        assertTrue(onFx(() -> ((String) log.getItems().getLast()).length() > EventLogController.LogCell.LONG_LINE),
                "the run's end is a long line: " + onFx(() -> log.getItems().getLast()));
        assertFalse(onFx(() -> robot.from(log).lookup(".scroll-bar").queryAll().stream()
                .map(n -> (javafx.scene.control.ScrollBar) n)
                .anyMatch(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible())),
                "the log never scrolls sideways");
        javafx.scene.control.ListCell<?> end = onFx(() -> robot.from(log).lookup(".list-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getIndex() == log.getItems().size() - 1).findFirst().orElseThrow());
        assertEquals(log.getItems().getLast(), onFx(() -> end.getTooltip() == null ? null : end.getTooltip().getText()),
                "a long line shows whole in its tooltip");
    }

    /** Scrolls the sidebar to its end, where the live counters are. */
    private static void showCounters(FxRobot robot) {
        javafx.scene.control.ScrollPane sidebar = robot.lookup(".bf-sidebar-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> sidebar.setVvalue(sidebar.getVmax()));
    }

    /**
     * Scrolled out of view, the counters keep their texts while the run goes on (changing them
     * ten times a second would cost layouts no one sees); scrolled into view, they follow it.
     */
    @Test
    void countersOutOfViewCatchUpWhenScrolledIntoView(FxRobot robot) throws Exception {
        type(robot, "#rateField", "100");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.counts().produced() >= 50);
        WaitForAsyncUtils.waitForFxEvents();
        long shown = Long.parseLong(onFx(() -> robot.lookup("#producedLabel").queryAs(Label.class).getText()).replace(",", ""));
        assertTrue(shown < 50, "out of view, the counter kept the run's first figure: " + shown);
        assertFalse(onFx(() -> robot.lookup("#elapsedLabel").queryAs(Label.class).getText()).startsWith("0.0"),
                "the tool bar's elapsed time follows the run regardless");
        showCounters(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> Long.parseLong(
                robot.lookup("#producedLabel").queryAs(Label.class).getText().replace(",", ""))) >= 50);
    }

    @Test
    void aSlowConsumerFillsTheBufferAndParksTheProducer(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "5");
        type(robot, "#rateField", "100");
        type(robot, "#delayField", "500ms");
        assertEquals(new ExperimentConfig(5, 100, 500, 1, 1), engine.config());

        robot.clickOn("#startButton");
        showCounters(robot); // below the fold at 1280×800: scrolled to, as a user would
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () ->
                robot.lookup("#inBufferLabel").queryAs(Label.class).getText().equals("5 / 5") && parks(robot) >= 2);
        assertEquals(Engine.State.RUNNING, engine.state());
        Button start = robot.lookup("#startButton").queryAs(Button.class);
        assertEquals("Pause", start.getText());
        assertFalse(start.isDisabled());
        // What the user sees: the producer spends nearly all its time parked, and is released at
        // the consumer's pace (2 items/s), not its own 100/s.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> percent(robot, "#recentParkedLabel") >= 90);
        // The parked tile lights up (a CSS pseudo-class), its figure in the theme's orange.
        javafx.scene.layout.Region parkedTile = robot.lookup("#parkedTile").queryAs(javafx.scene.layout.Region.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> parkedTile.getPseudoClassStates()
                .contains(javafx.css.PseudoClass.getPseudoClass("parked"))
                && javafx.scene.paint.Color.web("#e8590c").equals(robot.lookup("#parkedValue").queryAs(Label.class).getTextFill())));
        double consumedPerSecond = Double.parseDouble(
                robot.lookup("#consumedRateLabel").queryAs(Label.class).getText().replace(" /s", ""));
        assertTrue(consumedPerSecond > 0 && consumedPerSecond <= 3, "consumed per second: " + consumedPerSecond);
    }

    @Test
    void spacePausesAndResumesAndTheSliderChangesTheRunningEngine(FxRobot robot) throws Exception {
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.state() == Engine.State.RUNNING);
        robot.clickOn("#chartHost").push(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.state() == Engine.State.PAUSED);
        assertEquals("Resume", robot.lookup("#startButton").queryAs(Button.class).getText());
        robot.push(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.state() == Engine.State.RUNNING);

        Slider capacity = robot.lookup("#capacitySlider").queryAs(Slider.class);
        robot.drag(capacity.lookup(".thumb")).moveBy(-400, 0).drop();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.config().capacity() == 1);
        assertEquals("1", robot.lookup("#capacityField").queryAs(TextField.class).getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().capacity() == 1);
    }

    @Test
    void theRejectPolicyCountsAndLogsRefusedItems(FxRobot robot) throws Exception {
        robot.clickOn("#policyBox").clickOn("Reject (try_send)");
        assertEquals(dev.backflow.engine.SendPolicy.REJECT, engine.config().policy());
        type(robot, "#capacityField", "2");
        type(robot, "#rateField", "500");
        type(robot, "#delayField", "100");
        robot.clickOn("#startButton");
        showCounters(robot);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.counts().rejected() > 10);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> log = robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class);
        // The list belongs to the FX thread: read it there, never while the log is appending to it.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> log.getItems().stream().anyMatch(l -> l.contains("Rejected"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                !robot.lookup("#refusalsLabel").queryAs(Label.class).getText().startsWith("0 /"));
        robot.clickOn("#logFilterBox").clickOn("Parks and unparks");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> log.getItems().stream().noneMatch(l -> l.contains("Rejected"))), "the filter hides rejections");
    }

    @Test
    void droppingTheConsumerEndsTheRunWithReceiverDropped(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "5");
        type(robot, "#rateField", "200");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().fill() == 5);
        robot.clickOn("#dropButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                robot.lookup("#outcomeLabel").queryAs(Label.class).getText().equals("Receiver dropped"));
        assertEquals("Start", robot.lookup("#startButton").queryAs(Button.class).getText());
    }

    @Test
    void anUnboundedBufferRunsOutOfMemory(FxRobot robot) throws Exception {
        robot.clickOn("#policyBox").clickOn("Unbounded (memory grows)");
        type(robot, "#itemSizeField", "1 MiB");
        type(robot, "#budgetField", "64 MiB");
        type(robot, "#rateField", "1000");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                robot.lookup("#outcomeLabel").queryAs(Label.class).getText().equals("Killed: out of memory"));
        assertTrue(window.viewModel().outcomeReasonProperty().get().startsWith("Killed: out of memory ("));
    }

    @Test
    void aSavedPresetComesBackWithItsValues(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "7");
        type(robot, "#rateField", "250");
        robot.clickOn("#saveAsPresetButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        TextField name = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> name.setText("Lecture demo"));
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> n instanceof Button b && b.isDefaultButton()).queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(presetsDir.resolve("lecture-demo.backflow.json")));
        Label modified = robot.lookup("#modifiedMark").queryAs(Label.class);
        assertFalse(modified.isVisible());

        type(robot, "#capacityField", "3");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, modified::isVisible);
        robot.clickOn("#presetBox").clickOn("Built-in · Send with a timeout");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.config().capacity() == 10);
        robot.clickOn("#presetBox").clickOn("Yours · Lecture demo");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.config().capacity() == 7);
        assertEquals("7", robot.lookup("#capacityField").queryAs(TextField.class).getText());
        assertEquals("250", robot.lookup("#rateField").queryAs(TextField.class).getText());
        assertFalse(modified.isVisible());
    }

    @Test
    void anAbsurdValueIsRefusedWithAMessageAndNothingChanges(FxRobot robot) {
        type(robot, "#capacityField", "1e9");
        TextField field = robot.lookup("#capacityField").queryAs(TextField.class);
        String message = robot.lookup("#messageLabel").queryAs(Label.class).getText();
        assertEquals("Capacity must be between 1 and 10,000 items; got 1e9. The previous value is kept.", message);
        assertTrue(field.getStyleClass().contains("bf-invalid"));
        assertEquals(50, engine.config().capacity());
    }

    @Test
    void aPipelineBuiltInTheWindowShowsTheWaveClimbUpstreamWhenTheLastStageSlows(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "3");
        type(robot, "#rateField", "200");
        type(robot, "#delayField", "1ms");
        // The pipeline part sits below the workload settings: scroll the sidebar to it, as a person would.
        javafx.scene.control.ScrollPane sidebar = robot.lookup(".bf-sidebar-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> sidebar.setVvalue(1));
        robot.clickOn("#addButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.config().hops().size() == 1);
        type(robot, "#hopName0", "transform");
        type(robot, "#hopCapacity0", "3");
        assertEquals("transform", engine.config().hops().getFirst().name());
        assertEquals(3, engine.config().hops().getFirst().capacity());
        PipelineView view = window.pipelineView();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> view.stages().size() == 3));

        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().stages().size() == 3
                && engine.counts().consumed() > 50);
        assertTrue(onFx(() -> view.stages().get(1).shown()) != dev.backflow.telemetry.StageShare.State.BACKPRESSURED,
                "a fast chain is not backpressured");

        // Workers are live too: give the transform a second worker while it runs.
        type(robot, "#hopWorkers0", "2");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.counts().stages().get(1).workers() == 2);
        assertEquals(Math.log10(2), onFx(() -> robot.lookup("#hopWorkersSlider0").queryAs(javafx.scene.control.Slider.class)
                .getValue()), 1e-9, "the slider follows the box (a log scale)");

        robot.interact(() -> sidebar.setVvalue(0));
        type(robot, "#delayField", "1s"); // slow the last stage
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() ->
                view.stages().get(1).shown() == dev.backflow.telemetry.StageShare.State.BACKPRESSURED
                        && view.stages().get(0).shown() == dev.backflow.telemetry.StageShare.State.BACKPRESSURED));
        assertTrue(onFx(() -> view.stages().get(1).getPseudoClassStates().contains(PipelineView.BACKPRESSURED)), "the transform turns orange");
        assertEquals(dev.backflow.telemetry.StageShare.State.BUSY, onFx(() -> view.stages().get(2).shown()), "the sink is busy");
        assertTrue(robot.lookup(".bf-chart-wave").query().isVisible(), "the pressure wave panel shows a pipeline");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> detail = robot.lookup("#detailLinkBox").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(List.of("link 1: source → transform", "link 2: transform → sink"), detail.getItems());
        robot.clickOn(detail).clickOn("link 2: transform → sink");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.pipelineView().detailLinkProperty().get() == 1);
    }

    @Test
    void aTimeoutLinkAfterAStageHasItsOwnDeadlineBox(FxRobot robot) throws Exception {
        javafx.scene.control.ScrollPane sidebar = robot.lookup(".bf-sidebar-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> sidebar.setVvalue(1));
        robot.clickOn("#addButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.config().hops().size() == 1);
        javafx.scene.control.TextField deadline = robot.lookup("#hopTimeout0").queryAs(javafx.scene.control.TextField.class);
        assertTrue(!onFx(() -> deadline.getParent().isVisible()), "a block link has no Timeout box");
        WindowTests.reveal(robot, "#hopPolicy0"); // the stage's settings are taller than what the sidebar shows
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.backflow.engine.SendPolicy> policy =
                robot.lookup("#hopPolicy0").queryAs(javafx.scene.control.ComboBox.class);
        robot.clickOn(policy).clickOn(dev.backflow.engine.SendPolicy.TIMEOUT.label());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> deadline.getParent().isVisible()));
        assertEquals("100", onFx(deadline::getText), "a new timeout link starts at the default deadline");
        type(robot, "#hopTimeout0", "250ms");
        assertEquals(new dev.backflow.engine.SendPolicy.Timeout(250), engine.config().hops().getFirst().policy());
        assertEquals(ExperimentConfig.DEFAULT.timeoutMs(), engine.config().timeoutMs(), "the first link keeps its own");
        type(robot, "#hopTimeout0", "0");
        assertEquals(new dev.backflow.engine.SendPolicy.Timeout(250), engine.config().hops().getFirst().policy(),
                "an absurd deadline is refused and the previous one kept");
        String why = robot.lookup("#messageLabel").queryAs(Label.class).getText();
        assertTrue(why.toLowerCase(java.util.Locale.ROOT).contains("timeout") && why.contains("previous value is kept"),
                "and the window says why: " + why);
    }

    @Test
    void theFirstTutorialShowsTheoryEarlyWithoutFalseAlarmsAndItsFiguresStandStillAfterTheEnd(FxRobot robot)
            throws Exception {
        robot.interact(() -> window.presets().load(new PresetsViewModel.Entry(
                new dev.backflow.preset.PresetStore(presetsDir).builtIns().getFirst(), true)));
        robot.clickOn("#startButton");
        // The first measured value comes after one warm-up batch and one measured batch of 1 s.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.theoryReport() != null
                && window.theoryReport().batches() >= 1);
        dev.backflow.theory.Fidelity.Report first = window.theoryReport();
        assertTrue(first.startSeconds() + 2 * first.batchSeconds() <= 3.0,
                "a measured figure within the first 3 s: batches of " + first.batchSeconds() + " s");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.theoryReport().ended());
        dev.backflow.theory.Fidelity.Report end = window.theoryReport();
        assertFalse(end.prediction().exact(), "the first tutorial's D/D/1 model is an approximation");
        for (dev.backflow.theory.Fidelity.Row row : end.rows()) {
            assertNotEquals(dev.backflow.theory.Fidelity.Verdict.DISAGREES, row.verdict(), row.figure() + ": " + row);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                !robot.lookup("#theoryMark1").queryAs(Label.class).getText().isEmpty()));
        for (int i = 0; i < dev.backflow.theory.Fidelity.Figure.values().length; i++) {
            int figure = i;
            assertNotEquals("✗", onFx(() -> robot.lookup("#theoryMark" + figure).queryAs(Label.class).getText()));
        }
        double residual = end.little().residual();
        assertTrue(Double.isFinite(residual) && Math.abs(residual) <= 0.02, "Little's law residual " + residual);

        // After the end, frame after frame, every counter reads the same.
        List<String> ids = List.of("#fillStatsLabel", "#parkedShareLabel", "#producedLabel", "#consumedLabel",
                "#inBufferLabel", "#parksLabel", "#queueWaitLabel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.latestSnapshot().counts().outcome()) != null);
        Snapshot seen = onFx(() -> window.latestSnapshot()); // the first frame that knows the run ended
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.latestSnapshot()) != seen);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> before = onFx(() -> ids.stream().map(id -> robot.lookup(id).queryAs(Label.class).getText()).toList());
        for (int frames = 0; frames < 30; frames++) { // half a second: five refreshes of the figures
            Snapshot now = onFx(() -> window.latestSnapshot());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.latestSnapshot()) != now);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, onFx(() -> ids.stream().map(id -> robot.lookup(id).queryAs(Label.class).getText()).toList()),
                "thirty frames later, the ended run's counters are unchanged");
    }

    @Test
    void theTheoryPanelNamesTheModelComparesEachFigureAndALiveChangeStartsAnEpoch(FxRobot robot) throws Exception {
        // An M/M/1/5 queue: Poisson arrivals, one exponential 5 ms consumer, a buffer of 4 that rejects.
        robot.interact(() -> {
            MainViewModel vm = window.viewModel();
            vm.choosePolicy(dev.backflow.engine.SendPolicy.REJECT);
            vm.chooseArrivals(MainViewModel.Shape.EXPONENTIAL);
            vm.chooseService(MainViewModel.Shape.EXPONENTIAL);
        });
        type(robot, "#capacityField", "4");
        type(robot, "#rateField", "100");
        type(robot, "#delayField", "5ms");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                robot.lookup("#theoryModel").queryAs(Label.class).getText().equals("M/M/1/5 · exact"));
        // Each figure gets a measurement; with 5 one-second batches, an interval and a verdict.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            String mark = robot.lookup("#theoryMark3").queryAs(Label.class).getText();
            return mark.equals("✓") || mark.equals("✗");
        });
        assertTrue(robot.lookup("#littleLabel").queryAs(Label.class).getText().startsWith("Little's law L = λW: "));

        type(robot, "#rateField", "180"); // a live change: a fresh epoch, predicted afresh
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.theoryReport() != null
                && window.theoryReport().epoch() == 2);
        assertEquals(180 * (1 - dev.backflow.theory.Queueing.mmck(180, 200, 1, 5).fullProbability()),
                window.theoryReport().prediction().throughputPerSecond(), 1e-9);
        assertEquals(0, window.theoryReport().batches(), "the new epoch measures afresh");
    }

    @Test
    void copyAsCommandPutsTheRunLineForTheCurrentSettingsOnTheClipboard(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "7");
        robot.clickOn("Run").clickOn("Copy as command");
        String expected = "backflow run --capacity 7 --rate 10/s --consumer-delay 20ms";
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> expected.equals(
                javafx.scene.input.Clipboard.getSystemClipboard().getString())));
        assertEquals("Copied to the clipboard: " + expected, robot.lookup("#messageLabel").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getStyleClass().contains("bf-news"), "news, not an error");
    }

    @Test
    void aPngExportUnderTheDarkThemeKeepsTheDarkBackground(FxRobot robot) throws Exception {
        robot.interact(() -> window.theme().darkProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        java.nio.file.Path png = java.nio.file.Files.createTempDirectory("backflow-dark").resolve("charts.png");
        WaitForAsyncUtils.asyncFx(() -> window.exports().png(window.charts(), png)).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        java.awt.Color corner = new java.awt.Color(image.getRGB(1, 1), true);
        assertTrue(corner.getRed() + corner.getGreen() + corner.getBlue() < 3 * 80,
                "a dark background behind the dark theme's pale labels, not white: " + corner);
        robot.interact(() -> window.theme().darkProperty().set(false));
    }

    @Test
    void theChartsTheSeriesAndTheEventsExportToFilesThatParse(FxRobot robot) throws Exception {
        finishAShortRun(robot);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("backflow-export");
        java.nio.file.Path png = dir.resolve("charts.png");
        java.nio.file.Path series = dir.resolve("series.csv");
        java.nio.file.Path events = dir.resolve("events.csv");
        WaitForAsyncUtils.asyncFx(() -> window.exports().png(window.charts(), png)).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        window.exports().series(series).get(10, TimeUnit.SECONDS);
        window.exports().events(events).get(10, TimeUnit.SECONDS);

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        double chartsWidth = onFx(() -> window.charts().getLayoutBounds().getWidth());
        assertEquals(2 * chartsWidth, image.getWidth(), 2, "twice the size on screen, for slides");
        List<String> rows = java.nio.file.Files.readAllLines(series);
        assertEquals(dev.backflow.telemetry.CsvRows.SERIES_HEADER, rows.getFirst());
        assertTrue(rows.size() > 3, "a row per 100 ms: " + rows.size());
        List<String> log = java.nio.file.Files.readAllLines(events);
        assertEquals(dev.backflow.telemetry.CsvRows.EVENTS_HEADER, log.getFirst());
        assertTrue(log.stream().anyMatch(l -> l.contains(",produced,1,Produced 0")), "the tutorials' voice, as from the CLI");
        java.nio.file.Path json = dir.resolve("summary.json");
        window.exports().summary(window::summary, json).get(10, TimeUnit.SECONDS);
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(engine.counts().offered(), summary.get("offered").asLong(), "the same fields as backflow run --json");
        assertEquals("completed", summary.get("outcome").asText());
        assertEquals(1, summary.get("links").size());
        assertTrue(summary.get("theory").has("model"));
        try (var left = java.nio.file.Files.list(dir)) {
            assertEquals(4, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void theDarkThemeSwitchesOnAndOffAndIsRemembered(FxRobot robot) throws Exception {
        boolean before = onFx(() -> window.theme().darkProperty().get());
        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> window.theme().darkProperty().get() != before));
        boolean dark = !before;
        assertEquals(dark, onFx(() -> window.scene().getStylesheets().stream().anyMatch(c -> c.endsWith("backflow-dark.css"))));
        assertEquals(dark, onFx(() -> javafx.application.Application.getUserAgentStylesheet().toLowerCase().contains("dark")));
        java.nio.file.Path remembered = presetsDir.resolve(".theme");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(remembered)
                && java.nio.file.Files.readString(remembered).strip().equals(dark ? "dark" : "light"));
        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> java.nio.file.Files.readString(remembered).strip()
                .equals(before ? "dark" : "light"));
        assertEquals(before, onFx(() -> window.scene().getStylesheets().stream().anyMatch(c -> c.endsWith("backflow-dark.css"))));
    }

    @Test
    void zoomFreezesTheViewWhileTheRunCarriesOnAndEndGoesBackToLive(FxRobot robot) throws Exception {
        type(robot, "#rateField", "100");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().consumed() > 20);
        assertTrue(onFx(() -> window.timeView().isLive()));
        robot.moveTo("#chartHost").scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !window.timeView().isLive()));
        assertTrue(robot.lookup("#backToLiveButton").query().isVisible(), "a clear way back");
        double[] wheeled = onFx(() -> window.timeView().range(99, 30));
        assertNotEquals(30, wheeled[1] - wheeled[0], 1e-6, "the wheel zooms the time axis");
        robot.clickOn("#chartHost").push(KeyCode.EQUALS); // and + (= on the same key) zooms in
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> {
            double[] r = window.timeView().range(99, 30);
            return r[1] - r[0] < 0.9 * (wheeled[1] - wheeled[0]);
        }));
        double[] frozen = onFx(() -> window.timeView().range(99, 30));
        long before = engine.counts().consumed();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().consumed() > before + 5);
        assertTrue(onFx(() -> java.util.Arrays.equals(frozen, window.timeView().range(99, 30))), "the view stays put");
        robot.clickOn("#chartHost").push(KeyCode.END);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> window.timeView().isLive()));
        assertFalse(robot.lookup("#backToLiveButton").query().isVisible());
    }

    @Test
    void theReadoutUnderARestingPointerFollowsAPan(FxRobot robot) throws Exception {
        finishAShortRun(robot);
        robot.clickOn("#chartHost").push(KeyCode.EQUALS); // focus the charts and zoom in; the pointer rests there
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !window.timeView().isLive()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !onFx(() -> window.chartsPanel().readoutText()).isEmpty());
        String before = onFx(() -> window.chartsPanel().readoutText());
        robot.push(KeyCode.LEFT); // the charts pan back a tenth of the window under the resting pointer
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !onFx(() -> window.chartsPanel().readoutText()).equals(before));
        String after = onFx(() -> window.chartsPanel().readoutText());
        assertTrue(after.startsWith("t = "), after);
        double tBefore = Double.parseDouble(before.substring(4, before.indexOf(" s")));
        double tAfter = Double.parseDouble(after.substring(4, after.indexOf(" s")));
        assertTrue(tAfter < tBefore, "the pointer now rests over an earlier time: " + tBefore + " -> " + tAfter);
    }

    @Test
    void hoveringReadsEverySeriesAtThatTimeAndAClickJumpsTheLogThere(FxRobot robot) throws Exception {
        type(robot, "#capacityField", "5");
        type(robot, "#rateField", "100");
        type(robot, "#delayField", "500ms");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.counts().consumed() >= 6);
        robot.clickOn("#startButton"); // pause: the picture stands still
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.state() == Engine.State.PAUSED);
        // At 2 s the buffer has long been full: 5 of 5, the producer parked.
        String text = onFx(() -> {
            window.chartsPanel().hoverAt(2.0);
            return window.chartsPanel().readoutText();
        });
        assertTrue(text.startsWith("t = 2.00 s · fill 5 · capacity 5 · parked 1.00 · produced "), text);
        assertTrue(text.contains(" · consumed "), text);

        int line = onFx(() -> window.logPanel().showTime(1.0));
        assertTrue(line >= 0);
        String selected = onFx(() -> robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class)
                .getSelectionModel().getSelectedItem().toString());
        assertTrue(EventLog.secondsOf(selected) >= 1.0 && EventLog.secondsOf(selected) < 1.6, selected);
        assertTrue(robot.lookup("#logPauseButton").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the log stays on that moment");
    }


    @Test
    void aSavedRunReopensReadOnlyWithTheSameSummarySeriesAndEvents(FxRobot robot) throws Exception {
        finishAShortRun(robot);
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("backflow-run").resolve("lab" + dev.backflow.report.RunFile.SUFFIX);
        java.util.function.Supplier<dev.backflow.report.RunFile> content = onFx(() -> window.runFile());
        window.exports().run(content, file).get(10, TimeUnit.SECONDS);

        RunViewer viewer = WaitForAsyncUtils.asyncFx(() -> window.openRun(file)).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        String summary = onFx(viewer::summaryText);
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "Offered %,d", engine.counts().offered())), summary);
        assertTrue(summary.contains("Outcome: completed"), summary);
        assertTrue(onFx(viewer::rows) > 3, "the series is drawn");
        assertTrue(onFx(() -> viewer.eventList().stream().anyMatch(l -> l.endsWith("Produced 0"))), "the log is back");
        robot.interact(() -> viewer.stage().close());

        java.nio.file.Path broken = file.resolveSibling("broken" + dev.backflow.report.RunFile.SUFFIX);
        java.nio.file.Files.writeString(broken, "{\"format\": \"something-else\"}");
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> window.exports().open(broken).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("is not a recorded Backflow run"), e.getCause().getMessage());
    }

    @Test
    void scrubbingBackBeforeTheLiveSeriesDrawsTheRunsHistory(FxRobot robot) throws Exception {
        type(robot, "#rateField", "100");
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().consumed() > 20);
        // Pan all the way back to the start: the run's own history covers what the charts hold.
        robot.clickOn("#chartHost");
        for (int i = 0; i < 20; i++) {
            robot.push(KeyCode.LEFT);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !window.timeView().isLive()
                && window.timeView().range(99, 30)[0] == 0));
        // The live series still reach back to the start here, so no history is needed ...
        assertEquals(0, (int) onFx(() -> window.chartPresenter().historyPoints()));
        // ... and where they would not (a run past the charts' two minutes), the run's history is drawn.
        assertTrue(onFx(() -> window.timeView().needsHistory(new double[] {0, 30}, 150)));
        int drawn = onFx(() -> {
            window.chartPresenter().showHistory(window.runHistory().series(0, 2));
            return window.chartPresenter().historyPoints();
        });
        assertTrue(drawn > 5, "history rows drawn: " + drawn);
        robot.push(KeyCode.END);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> window.timeView().isLive()
                && window.chartPresenter().historyPoints() == 0));
    }
}
