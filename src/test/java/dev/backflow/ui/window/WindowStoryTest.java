package dev.backflow.ui.window;

import dev.backflow.ui.pipeline.ValveModel;
import dev.backflow.ui.presets.PresetsViewModel;
import dev.backflow.ui.settings.Setting;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.PresetStore;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window as a newcomer meets it at 1280×800: the story in view, nothing cut, views that follow the settings. */
@ExtendWith(ApplicationExtension.class)
class WindowStoryTest {

    private Engine engine;
    private MainWindow window;
    private Stage stage;
    private final Path presetsDir;

    WindowStoryTest() throws java.io.IOException {
        presetsDir = Files.createTempDirectory("backflow-story-test");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        engine = new Engine(ExperimentConfig.DEFAULT);
        window = new MainWindow(engine, new PresetStore(presetsDir));
        stage.setScene(window.scene()); // 1280 × 800
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WindowTests.close(window, engine);
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WindowTests.onFx(read);
    }

    private PresetsViewModel.Entry builtIn(String shortName) {
        PresetStore store = new PresetStore(presetsDir);
        return new PresetsViewModel.Entry(store.builtIns().get(store.builtInShortNames().indexOf(shortName)), true);
    }

    /**
     * Every visible label, button, cell and text field under {@code root} whose text is shown cut
     * (ellipsized, or wider than its field) without a tooltip that says it whole. FX thread.
     */
    static List<String> cutTexts(Parent root) {
        List<String> cut = new ArrayList<>();
        List<Node> all = new ArrayList<>();
        collect(root, all);
        for (Node n : all) {
            if (!n.isVisible() || !treeVisible(n) || n.getScene() == null) {
                continue;
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                // A mnemonic's underscore ("_File") is not shown: that is not a cut.
                String whole = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
                for (Node t : l.lookupAll(".text")) {
                    if (t instanceof Text shown && shown.getParent() == l && !shown.getText().equals(whole)
                            && (l.getTooltip() == null || !l.getTooltip().getText().contains(l.getText()))) {
                        cut.add(l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " shows \""
                                + shown.getText() + "\" of \"" + l.getText() + "\"");
                    }
                }
            } else if (n instanceof TextField f && f.getText() != null && !f.getText().isEmpty()) {
                Text probe = new Text(f.getText());
                probe.setFont(f.getFont());
                double room = f.getWidth() - f.getInsets().getLeft() - f.getInsets().getRight();
                if (probe.getLayoutBounds().getWidth() > room + 1) {
                    cut.add("TextField" + (f.getId() == null ? "" : "#" + f.getId()) + " cannot show \"" + f.getText() + "\"");
                }
            }
        }
        return cut;
    }

    private static void collect(Node n, List<Node> into) {
        into.add(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, into);
            }
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null && !into.contains(sp.getContent())) {
            collect(sp.getContent(), into);
        }
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void atTwelveEightyByEightHundredTheStoryIsInViewAndNoTextIsCut(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("first-tutorial")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().producerParks() > 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                !robot.lookup("#fillValue").queryAs(javafx.scene.control.Label.class).getText().equals("–")));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds scene = onFx(() -> new javafx.geometry.BoundingBox(0, 0, window.scene().getWidth(), window.scene().getHeight()));
        assertEquals(1280, scene.getWidth(), 0.5);
        assertEquals(800, scene.getHeight(), 0.5);
        for (String id : List.of("#fillValue", "#parkedValue", "#producedValue", "#consumedValue", "#refusedValue",
                "#waitValue", "#memoryValue", "#startButton", "#stopButton")) {
            Bounds b = onFx(() -> robot.lookup(id).query().localToScene(robot.lookup(id).query().getLayoutBounds()));
            assertTrue(scene.contains(b), id + " is inside the window without scrolling: " + b);
        }
        List<String> cut = onFx(() -> cutTexts(window.scene().getRoot()));
        assertEquals(List.of(), cut, "nothing is cut in the main window at 1280×800");
    }

    /**
     * A flood into an unbounded buffer makes the widest key figures (tens of thousands in the
     * buffer, 2,000 /s, seconds of queue wait, tens of MiB): still no tile's name or value is cut.
     */
    @Test
    void anUnboundedFloodsWideFiguresCutNoText(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("chat-server-unbounded")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> engine.counts().fill() >= 10_000
                && engine.counts().memoryBytes() >= 10L << 20);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#memoryValue").queryAs(javafx.scene.control.Label.class).getText().contains("MiB")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), onFx(() -> cutTexts(window.scene().getRoot())), "nothing is cut at 1280×800 in a flood");
        // The buffer panel's memory axis (right) narrows its plot; the other panels keep as much
        // room, so one time sits at one x on every panel.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> {
            List<Double> xs = window.chartPresenter().shownSceneXsAt(20);
            return xs.size() == 3 && xs.stream().allMatch(x -> Math.abs(x - xs.getFirst()) <= 1);
        }));
    }

    @Test
    void timeoutLinksAndManyTimeOutsCutNoTextEither(FxRobot robot) throws Exception {
        // Two timeout links, each with its own deadline, and hundreds of time-outs: the policy
        // pickers, the links' labels, the per-link Timeout box and the refusals counter all fit.
        robot.interact(() -> window.viewModel().apply(dev.backflow.engine.PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 100/s x2 | 8 timeout 40ms | parse 5ms | 4 timeout 250ms | sink 30ms")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> engine.counts().timedOut() >= 100);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ScrollPane sidebar = robot.lookup(".bf-sidebar-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        for (double at : new double[] {0, 0.5, 1}) {
            robot.interact(() -> sidebar.setVvalue(at));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), onFx(() -> cutTexts(window.scene().getRoot())),
                    "nothing is cut at 1280×800 with the sidebar at " + at);
        }
        assertTrue(onFx(() -> robot.lookup("#hopTimeout0").query().getParent().isVisible()), "the second link's own Timeout box shows");
    }

    @Test
    void theAbWindowAtTwelveEightyByEightHundredCutsNoText(FxRobot robot) throws Exception {
        robot.clickOn("#chartHost").press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.B)
                .release(javafx.scene.input.KeyCode.B, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.compareWindow() != null
                && window.compareWindow().stage().isShowing());
        Stage ab = window.compareWindow().stage();
        robot.interact(() -> {
            ab.setWidth(1280);
            ab.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = onFx(() -> cutTexts(ab.getScene().getRoot()));
        assertEquals(List.of(), cut, "nothing is cut in the A/B window at 1280×800");
        // A built-in comparison with long side names: the table's headers keep them whole in a tooltip.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Object> comparisons = robot.from(ab.getScene().getRoot()).lookup("#comparisonBox")
                .queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> comparisons.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), onFx(() -> cutTexts(ab.getScene().getRoot())),
                "nothing is cut with \"" + onFx(() -> String.valueOf(comparisons.getValue())) + "\" either");
    }

    @Test
    void loadingAPresetClearsTheChartsAndEveryPanelFollowsTheNewPipeline(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("pipeline-chat-server-bounded")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.chart().bufferPoints() > 10
                && window.chart().waveNames().contains("reader"));
        robot.interact(() -> window.presets().load(builtIn("pipeline-framed")));
        assertEquals(Engine.State.IDLE, engine.state(), "the old run is cleared, not just stopped");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.chart().bufferPoints() == 0
                && window.chart().waveNames().isEmpty());
        List<String> stages = engine.config().stageNames();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> robot.from(window.pipelineView())
                .lookup(".bf-stage-name").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList()).equals(stages));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.chart().waveNames().equals(stages));
    }

    @Test
    void aSliderDragMakesOneEpochWhenItIsLetGo(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("db-writer-reject")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.epochs().size() == 1);
        Slider slider = robot.lookup("#rateSlider").queryAs(Slider.class);
        robot.drag(slider.lookup(".thumb"), javafx.scene.input.MouseButton.PRIMARY)
                .moveBy(10, 0).moveBy(10, 0).moveBy(10, 0).moveBy(10, 0).moveBy(10, 0).drop();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.epochs().size() >= 2);
        // A few more frames: no epoch for each of the moves.
        long run = engine.counts().runId();
        Object seen = onFx(() -> window.latestSnapshot());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.latestSnapshot()) != seen);
        assertEquals(run, engine.counts().runId());
        assertEquals(2, window.epochs().size(), "one drag, one new epoch");
    }

    @Test
    void aScheduledChangeBeginsAnEpochAndItsEndAnother(FxRobot robot) throws Exception {
        // The theory panel compares each stretch of a run with the settings it ran under: a
        // scheduled change of the rate is a new epoch while it lasts, and its end one more
        // (before, the whole run was compared with the rate it started at).
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().capacity(4).producerRate(100).consumerDelayMs(5)
                .policy(dev.backflow.engine.SendPolicy.REJECT).items(0).durationSeconds(2)
                .changes(List.of(dev.backflow.engine.Change.parse("400ms+600ms rate=180"))).build();
        robot.interact(() -> window.viewModel().apply(c));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.counts().outcome() != null);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.epochs().size() == 3);
        List<double[]> epochs = window.epochs();
        assertEquals(0.4, epochs.get(1)[0], 0.1, "the change's epoch begins with it");
        assertEquals(1.0, epochs.get(2)[0], 0.1, "and the next when it ends");
    }

    @Test
    void presentationModeHidesTheSettingsAndEnlargesTheTypeAndF5LeavesIt(FxRobot robot) throws Exception {
        Node sidebar = onFx(() -> ((javafx.scene.layout.BorderPane) window.scene().getRoot()).getLeft());
        double before = onFx(() -> robot.lookup("#fillValue").queryAs(javafx.scene.control.Label.class).getFont().getSize());
        robot.clickOn("#chartHost").type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.presentationProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(onFx(sidebar::isVisible), "the settings are hidden");
        assertTrue(onFx(() -> window.scene().getRoot().getStyleClass().contains("bf-presentation")));
        double after = onFx(() -> robot.lookup("#fillValue").queryAs(javafx.scene.control.Label.class).getFont().getSize());
        assertTrue(after > before * 1.2, "larger type: " + before + " -> " + after);
        assertEquals(List.of(), onFx(() -> cutTexts(window.scene().getRoot())), "nothing cut in larger type");
        // The valve grows to the width it has, and the charts take more of the height.
        dev.backflow.ui.common.FitToWidth valve = robot.lookup("#valveZoom").queryAs(dev.backflow.ui.common.FitToWidth.class);
        javafx.scene.control.SplitPane split = robot.lookup("#centerSplit").queryAs(javafx.scene.control.SplitPane.class);
        double dividerBefore = MainWindow.PRESENTATION_DIVIDER;
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> valve.zoomProperty().get() > 1.2));
        assertTrue(onFx(() -> valve.getChildrenUnmodifiable().getFirst().getBoundsInParent().getMaxX() <= valve.getWidth() + 1),
                "the grown valve still fits its width");
        assertEquals(dividerBefore, onFx(() -> split.getDividerPositions()[0]), 0.01);
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !window.presentationProperty().get());
        assertTrue(onFx(sidebar::isVisible), "the settings are back");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> valve.zoomProperty().get() == 1));
        assertTrue(onFx(() -> split.getDividerPositions()[0]) < dividerBefore - 0.02, "the log and theory get their room back");
    }

    /**
     * In presentation mode's larger type the throughput plot is short: its scale still labels a
     * rate above 0 (it read just "0": the only tick above it sat at the top edge, unlabelled).
     */
    @Test
    void inPresentationModeTheThroughputScaleReadsMoreThanZero(FxRobot robot) throws Exception {
        presentAndStart(robot, "first-tutorial");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.counts().consumed() >= 3);
        awaitThroughputScaleAboveZero();
    }

    /** Loads a built-in preset, turns presentation mode on (F5) and starts the run. */
    private void presentAndStart(FxRobot robot, String preset) throws Exception {
        robot.interact(() -> window.presets().load(builtIn(preset)));
        robot.clickOn("#chartHost").type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.presentationProperty().get());
        robot.interact(() -> window.viewModel().startOrPause());
    }

    /** Waits until the throughput panel's scale labels a rate above 0, not just "0". */
    private void awaitThroughputScaleAboveZero() throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                window.chartPresenter().rateAxisLabels().stream().anyMatch(l -> !l.equals("0"))));
    }

    @Test
    void inPresentationModeThePressureWaveNamesEveryStageWithoutOverlap(FxRobot robot) throws Exception {
        presentAndStart(robot, "pipeline-chat-server-bounded");
        List<String> stages = engine.config().stageNames();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.chart().waveNames().equals(stages));
        WaitForAsyncUtils.waitForFxEvents();
        List<dev.backflow.ui.chart.WaveRow> rows = onFx(() -> window.chart().waveRows());
        double height = onFx(() -> window.chart().wavePlotHeight());
        assertEquals(stages, rows.stream().map(dev.backflow.ui.chart.WaveRow::name).toList(), "every stage named, source on top");
        for (int i = 0; i < rows.size(); i++) {
            dev.backflow.ui.chart.WaveRow r = rows.get(i);
            assertTrue(r.y() - r.fontSize() / 2 >= -1 && r.y() + r.fontSize() / 2 <= height + 1, r + " inside the plot of " + height);
            if (i > 0) {
                assertTrue(r.y() - rows.get(i - 1).y() >= r.fontSize(), rows.get(i - 1) + " and " + r + " overlap");
            }
        }
        assertTrue(rows.getFirst().fontSize() >= 9, "readable: " + rows.getFirst());
        // Four panels in the larger type: the throughput scale still reads more than "0".
        awaitThroughputScaleAboveZero();
    }

    @Test
    void gettingStartedExplainsTheSlidersAndTheWords(FxRobot robot) throws Exception {
        robot.clickOn("#chartHost").type(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".bf-page").tryQuery().isPresent());
        String text = onFx(() -> robot.lookup(".bf-page").queryAs(javafx.scene.control.Label.class).getText());
        for (String word : List.of("Buffer capacity", "Producer rate", "Consumer delay", "Parked", "Backpressured",
                "Refused", "Epoch", "First tutorial")) {
            assertTrue(text.contains(word), "explains " + word);
        }
        robot.interact(() -> ((Stage) robot.lookup(".bf-page").query().getScene().getWindow()).close());
    }

    /**
     * The first tutorial in slow motion, its consumer at 20 ms instead of 500 so the test takes
     * seconds, not minutes: ×1/10 chosen in the speed box makes the run take at least ten times its
     * work on the wall, and it ends with the same counts, its own time reading as at ×1.
     */
    @Test
    void slowMotionAtOneTenthMakesTheFirstTutorialTakeTenTimesAsLongWithTheSameCounts(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("first-tutorial")));
        robot.interact(() -> window.viewModel().valueOf(Setting.CONSUMER_DELAY).set(20));
        javafx.scene.control.ComboBox<?> speed = robot.lookup("#speedBox").queryAs(javafx.scene.control.ComboBox.class);
        robot.clickOn(speed).clickOn(SlowMotion.choice(10));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.slowMotion() == 10);
        String badge = onFx(() -> robot.lookup(".bf-slow-badge").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(badge.contains("×1/10"), "the tool bar says which scale is in force: " + badge);
        assertEquals(SlowMotion.timeAxisName(10), onFx(() -> window.chart().timeAxisName()));
        WaitForAsyncUtils.waitForFxEvents();
        double wanted = onFx(() -> window.scene().getRoot().minWidth(-1));
        assertTrue(wanted <= 1280, "the window in slow motion still fits 1280 px: it needs " + wanted);
        assertEquals(List.of(), onFx(() -> cutTexts(window.scene().getRoot())), "nothing cut in slow motion");
        long t0 = System.nanoTime();
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
        double wall = (System.nanoTime() - t0) / 1e9;
        dev.backflow.telemetry.Counts c = engine.counts();
        assertEquals(20, c.produced());
        assertEquals(20, c.consumed());
        assertTrue(c.producerParks() > 0, "the producer parked on the full buffer, as at ×1");
        double work = 20 * 0.020;
        double own = (c.atNanos() - c.startNanos()) / 1e9;
        assertTrue(wall >= 10 * work, "at least ten times the work on the wall: " + wall + " s");
        assertTrue(own >= work && own < wall / 5, "its own time reads as the work at ×1: " + own + " s");
        robot.interact(() -> window.slowMotion().slowdownProperty().set(1));
        assertEquals(1, engine.slowMotion());
        assertFalse(onFx(() -> robot.lookup(".bf-slow-badge").query().isVisible()), "no badge at ×1");
    }

    /**
     * The valve at a human rate: every item that goes in and comes out gets its token, the
     * producer is shown parked at the shut gate while the buffer is full, and no "1 in n" note.
     */
    @Test
    void theValveShowsEveryItemAtAHumanRateAndTheParkedProducerAtTheGate(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("first-tutorial")));
        robot.interact(() -> window.viewModel().valueOf(Setting.CONSUMER_DELAY).set(100));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> window.pipelineView().valve().parked(0)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> engine.state() == Engine.State.FINISHED);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                window.pipelineView().valve().shown(ValveModel.Kind.OUT)) == 20);
        ValveModel valve = onFx(() -> window.pipelineView().valve());
        assertEquals(20, onFx(() -> valve.shown(ValveModel.Kind.IN)), "every item flew in");
        assertEquals(0, onFx(() -> valve.shown(ValveModel.Kind.REFUSED)));
        assertEquals(1, onFx(valve::oneIn));
        assertFalse(onFx(() -> window.pipelineView().sampleNote().isVisible()), "nothing sampled, nothing said");
        assertFalse(onFx(() -> valve.parked(0)), "an ended run shows no one parked");
    }

    /** The valve under load: refusals turned away, and a note saying how thin the sample is. */
    @Test
    void atHighRatesTheValveSamplesAndSaysSo(FxRobot robot) throws Exception {
        robot.interact(() -> window.presets().load(builtIn("db-writer-reject")));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> onFx(() ->
                window.pipelineView().sampleNote().isVisible()));
        String note = onFx(() -> window.pipelineView().sampleNote().getText());
        assertTrue(note.matches("▶ 1 in [0-9,]+ items drawn"), note);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                window.pipelineView().valve().shown(ValveModel.Kind.REFUSED)) > 0);
        long shown = onFx(() -> window.pipelineView().valve().totalShown());
        long moved = engine.counts().links().getFirst().entered() + engine.counts().links().getFirst().taken()
                + engine.counts().rejected();
        assertTrue(shown < moved, "a sample, not every item: " + shown + " of " + moved);
    }
}
