package dev.backflow.ui.window;

import dev.backflow.ui.common.Dialogs;
import dev.backflow.ui.common.ThemeSwitch;
import dev.backflow.ui.presets.PresetActions;
import dev.backflow.ui.runfile.ExportActions;
import dev.backflow.ui.settings.MainViewModel;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Locale;
import java.util.Objects;

/** The menu bar and tool bar: bindings to {@link MainViewModel} and menu actions only. */
public final class TopBarController {

    private final MainViewModel vm;
    private final PresetActions actions;
    private final ExportActions exports;
    private final ThemeSwitch theme;
    @FXML private javafx.scene.control.CheckMenuItem darkThemeItem;
    @FXML private javafx.scene.control.CheckMenuItem presentationItem;
    @FXML private MenuItem gettingStartedItem;
    private final javafx.beans.property.BooleanProperty presentation;
    private final Dialogs dialogs;

    @FXML private MenuItem savePresetItem;
    @FXML private MenuItem saveAsPresetItem;
    @FXML private MenuItem renamePresetItem;
    @FXML private MenuItem deletePresetItem;
    @FXML private MenuItem importPresetItem;
    @FXML private MenuItem exportPresetItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem startItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem resetItem;
    @FXML private MenuItem copyCommandItem;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private Button dropButton;
    @FXML private Label stateLabel;
    @FXML private Label elapsedLabel;
    @FXML private Label outcomeLabel;
    @FXML private Label lostBadge;

    private final Runnable openCompare;
    private final Runnable openSweep;
    @FXML private MenuItem sweepItem;
    private final SlowMotion slowMotion;
    @FXML private javafx.scene.control.Menu slowMotionMenu;
    @FXML private javafx.scene.control.ComboBox<Integer> speedBox;
    @FXML private Label slowBadge;
    @FXML private MenuItem compareItem;

    TopBarController(MainViewModel vm, PresetActions actions, ExportActions exports, ThemeSwitch theme, Dialogs dialogs,
                     Runnable openCompare, Runnable openSweep, javafx.beans.property.BooleanProperty presentation,
                     SlowMotion slowMotion) {
        this.openSweep = Objects.requireNonNull(openSweep);
        this.slowMotion = Objects.requireNonNull(slowMotion);
        this.presentation = Objects.requireNonNull(presentation);
        this.openCompare = Objects.requireNonNull(openCompare);
        this.exports = exports;
        this.theme = theme;
        this.vm = Objects.requireNonNull(vm);
        this.actions = Objects.requireNonNull(actions);
        this.dialogs = Objects.requireNonNull(dialogs);
    }

    @FXML
    private void initialize() {
        startButton.textProperty().bind(vm.startLabelProperty());
        startButton.graphicProperty().bind(vm.startLabelProperty().map(
                label -> new FontIcon(label.equals("Pause") ? FontAwesomeSolid.PAUSE : FontAwesomeSolid.PLAY)));
        stopButton.setGraphic(new FontIcon(FontAwesomeSolid.STOP));
        resetButton.setGraphic(new FontIcon(FontAwesomeSolid.UNDO));
        dropButton.setGraphic(new FontIcon(FontAwesomeSolid.UNLINK));
        stopButton.disableProperty().bind(vm.canStopProperty().not());
        resetButton.disableProperty().bind(vm.canResetProperty().not());
        dropButton.disableProperty().bind(vm.canStopProperty().not());
        stopItem.disableProperty().bind(vm.canStopProperty().not());
        resetItem.disableProperty().bind(vm.canResetProperty().not());
        startButton.setTooltip(new Tooltip("Start, pause or resume (Space)"));
        stopButton.setTooltip(new Tooltip("Stop the run; counters stay (Esc)"));
        resetButton.setTooltip(new Tooltip("Clear the run and the chart (Ctrl+R)"));
        dropButton.setTooltip(new Tooltip(
                "Drop the receiver: consumers stop, and every producer's next send fails with \"receiver dropped\""));

        stateLabel.textProperty().bind(vm.stateProperty().map(s -> switch (s) {
            case IDLE -> "Ready";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case STOPPED -> "Stopped";
            case FINISHED -> "Finished";
        }));
        vm.stateProperty().subscribe(s -> {
            stateLabel.getStyleClass().removeAll("running", "paused");
            stateLabel.getStyleClass().add(s.name().toLowerCase(Locale.ROOT));
        });
        elapsedLabel.textProperty().bind(vm.figures().elapsedProperty());
        outcomeLabel.textProperty().bind(vm.outcomeProperty());
        outcomeLabel.visibleProperty().bind(vm.outcomeProperty().isNotEmpty());
        Tooltip why = new Tooltip();
        why.textProperty().bind(vm.outcomeReasonProperty());
        outcomeLabel.setTooltip(why);
        lostBadge.textProperty().bind(vm.figures().eventsLostProperty().map(n -> "Telemetry events lost: " + n));
        lostBadge.visibleProperty().bind(vm.figures().eventsWereLostProperty());
        lostBadge.managedProperty().bind(lostBadge.visibleProperty()); // hidden, it takes no room from the others
        outcomeLabel.managedProperty().bind(outcomeLabel.visibleProperty());

        for (MenuItem onlyMine : new MenuItem[] {savePresetItem, renamePresetItem, deletePresetItem}) {
            onlyMine.disableProperty().bind(actions.presets().canSaveProperty().not());
        }
        quitItem.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        stopItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        resetItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        darkThemeItem.selectedProperty().bindBidirectional(theme.darkProperty());
        presentationItem.selectedProperty().bindBidirectional(presentation);
        presentationItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        gettingStartedItem.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        copyCommandItem.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        savePresetItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveAsPresetItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        importPresetItem.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        startItem.setText("Start / Pause\t(Space)");
        compareItem.setAccelerator(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN));
        sweepItem.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        slowMotionControls();
    }

    /** The speed box in the tool bar and View → Slow motion: two views of one setting. */
    private void slowMotionControls() {
        speedBox.getItems().setAll(dev.backflow.engine.TimeScale.CHOICES);
        speedBox.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Integer s) { return s == null ? "" : SlowMotion.choice(s); }
            @Override public Integer fromString(String text) { return null; }
        });
        speedBox.setTooltip(new Tooltip("Slow motion: the same experiment, every duration longer and every rate lower "
                + "on the wall; figures stay in the experiment's own time (Ctrl+Down slower, Ctrl+Up faster)"));
        speedBox.setValue(slowMotion.slowdownProperty().get());
        speedBox.valueProperty().subscribe(v -> {
            if (v != null) {
                slowMotion.slowdownProperty().set(v);
            }
        });
        slowMotion.slowdownProperty().subscribe(v -> speedBox.setValue(v.intValue()));
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (int choice : dev.backflow.engine.TimeScale.CHOICES) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(SlowMotion.choice(choice));
            item.setToggleGroup(group);
            item.setUserData(choice);
            item.setOnAction(e -> slowMotion.slowdownProperty().set(choice));
            slowMotionMenu.getItems().add(item);
        }
        slowMotion.slowdownProperty().subscribe(v -> group.getToggles().forEach(
                t -> t.setSelected(((Integer) t.getUserData()) == v.intValue())));
        javafx.scene.control.MenuItem slower = new MenuItem("Slower");
        slower.setAccelerator(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.SHORTCUT_DOWN));
        slower.setOnAction(e -> step(+1));
        javafx.scene.control.MenuItem faster = new MenuItem("Faster");
        faster.setAccelerator(new KeyCodeCombination(KeyCode.UP, KeyCombination.SHORTCUT_DOWN));
        faster.setOnAction(e -> step(-1));
        slowMotionMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), slower, faster);
        slowBadge.textProperty().bind(slowMotion.badgeProperty());
        Tooltip scale = new Tooltip();
        scale.textProperty().bind(slowMotion.badgeProperty().map(b -> b.isEmpty() ? "" : b
                + ": the experiment runs slower on the wall; every time, rate and the time axis are in its own units"));
        slowBadge.setTooltip(scale);
        slowBadge.visibleProperty().bind(slowMotion.badgeProperty().isNotEmpty());
        slowBadge.managedProperty().bind(slowBadge.visibleProperty());
    }

    /** One choice slower (+1) or faster (-1), stopping at the ends. */
    private void step(int by) {
        java.util.List<Integer> choices = dev.backflow.engine.TimeScale.CHOICES;
        int at = choices.indexOf(slowMotion.slowdownProperty().get());
        int next = Math.max(0, Math.min(choices.size() - 1, (at < 0 ? 0 : at) + by));
        slowMotion.slowdownProperty().set(choices.get(next));
    }

    @FXML private void startOrPause() { vm.startOrPause(); }
    @FXML private void stop() { vm.stop(); }
    @FXML private void reset() { vm.reset(); }
    @FXML private void dropConsumers() { vm.dropConsumers(); }

    /** Puts the {@code backflow run} line for the current settings on the clipboard. */
    @FXML
    private void copyAsCommand() {
        Dialogs.copy(vm.copyAsCommand());
    }
    @FXML private void compare() { openCompare.run(); }

    @FXML private void sweep() { openSweep.run(); }
    @FXML private void savePreset() { actions.save(); }
    @FXML private void saveAsPreset() { actions.saveAs(); }
    @FXML private void renamePreset() { actions.rename(); }
    @FXML private void deletePreset() { actions.delete(); }
    @FXML private void importPreset() { actions.importFile(); }
    @FXML private void exportPreset() { actions.exportFile(); }
    @FXML private void exportChart() { exports.chart(); }
    @FXML private void exportSeries() { exports.series(); }
    @FXML private void exportEvents() { exports.events(); }
    @FXML private void exportSummary() { exports.summary(); }
    @FXML private void saveRun() { exports.saveRun(); }
    @FXML private void openRun() { exports.openRun(); }
    /** Hides the window first, so it goes at once even while the run's threads wind down. */
    @FXML
    private void quit() {
        dialogs.owner().hide();
        Platform.exit();
    }

    @FXML
    private void showGettingStarted() {
        dialogs.page("Getting started", GETTING_STARTED);
    }

    /** Help → Getting started: the three sliders, the four words, and where to begin. */
    static final String GETTING_STARTED = """
            Backflow runs real producers and consumers (Java virtual threads) over a real bounded \
            buffer. When the consumers cannot keep up, the buffer fills, and the signal that travels \
            back upstream, backpressure, makes the producers wait, drop or be refused instead of \
            filling memory.

            Start here: pick "First tutorial: a bounded channel" in the Preset box and press Start \
            (or Space). A fast producer (100/s) sends into a buffer of 5 while the consumer spends \
            500 ms on each item. Within a moment the buffer is full and the producer parks; twice a \
            second a consumed item frees a slot and lets it go.

            The three sliders
              • Buffer capacity: how many items may wait between producer and consumer.
              • Producer rate: how many items per second the producers try to send, all together.
              • Consumer delay: how long a consumer spends on each item.

            The words
              • Parked: a producer's thread waits for space in a full buffer (send().await, put). \
            The orange area and the "Producers parked" figure show how much of the time.
              • Backpressured: a stage spends its time parked on a full output, slowed down by the \
            stage after it. In a pipeline this wave of backpressure climbs stage by stage.
              • Refused: a send that did not get in: rejected (try_send), dropped, or timed out, \
            as the "When full" policy says.
              • Epoch: every live change of a setting starts a new epoch; theory and the measured \
            figures are compared afresh from there, and the charts mark where it began.

            The strip above the charts holds the figures that tell the story; the charts show the \
            buffer's fill, the producers parked, and the rates produced and consumed, with \
            theory's prediction beside them. Theory vs measured, below, says what queueing theory \
            expects for these settings and whether the run agrees.

            For a class: View → Presentation mode (F5) hides the settings, enlarges the type and \
            thickens the lines. Too fast to follow? The Speed box (or Ctrl+Down) runs the same \
            experiment at ×1/2, ×1/5 or ×1/10: every figure stays in the experiment's own time. \
            Run → Compare A/B (Ctrl+B) runs two settings side by side.""";

    @FXML
    private void showShortcuts() {
        dialogs.info("Keyboard shortcuts", """
                Space           Start, pause or resume
                Esc             Stop (counters stay on screen)
                Ctrl+R          Reset: clear the run and the chart
                Ctrl+S          Save preset
                Ctrl+Shift+S    Save preset as
                Ctrl+O          Import preset
                Ctrl+B          Compare A/B: two runs side by side
                Ctrl+K          Sweep: vary a setting, find the cheapest cell
                Ctrl+Down/Up    Slow motion: slower / faster
                F5              Presentation mode (for a projector)
                F1              Getting started
                Ctrl+Q          Quit
                Enter           Apply a typed value
                Esc (in a box)  Undo what you typed""");
    }

    @FXML
    private void showAbout() {
        dialogs.info("About Backflow", """
                Backflow is a lab for backpressure: real producers and consumers on Java \
                virtual threads over a real bounded queue. When the consumer cannot keep up, \
                the buffer fills and producers park until there is space.""");
    }
}
