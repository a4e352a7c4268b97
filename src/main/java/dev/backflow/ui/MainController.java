package dev.backflow.ui;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Objects;

/**
 * Wires MainView.fxml to the {@link MainViewModel}: bindings and key handling only. All state and
 * rules live in the view model.
 */
public final class MainController {

    private final MainViewModel vm;
    private final ChartPresenter chart;
    private final EventLog eventLog;
    private final PresetsViewModel presets;
    private boolean syncingChoices;
    private boolean syncingPreset;

    @FXML private MenuItem quitItem;
    @FXML private MenuItem startItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem resetItem;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private Label stateLabel;
    @FXML private Label elapsedLabel;
    @FXML private Label lostBadge;
    @FXML private Slider capacitySlider;
    @FXML private TextField capacityField;
    @FXML private Slider rateSlider;
    @FXML private TextField rateField;
    @FXML private Slider delaySlider;
    @FXML private TextField delayField;
    @FXML private Label producedLabel;
    @FXML private Label consumedLabel;
    @FXML private Label inBufferLabel;
    @FXML private Label parksLabel;
    @FXML private Label parkedShareLabel;
    @FXML private Label recentParkedLabel;
    @FXML private Label producedRateLabel;
    @FXML private Label consumedRateLabel;
    @FXML private Label unparkRateLabel;
    @FXML private Label eventsLostLabel;
    @FXML private Label messageLabel;
    @FXML private Label threadsLabel;
    @FXML private StackPane chartHost;
    @FXML private Button dropButton;
    @FXML private Label outcomeLabel;
    @FXML private ComboBox<SendPolicy> policyBox;
    @FXML private Label policyHint;
    @FXML private Label timeoutLabel;
    @FXML private TextField timeoutField;
    @FXML private Label timeoutUnit;
    @FXML private Label itemSizeLabel;
    @FXML private TextField itemSizeField;
    @FXML private Label itemSizeUnit;
    @FXML private Label budgetLabel;
    @FXML private TextField budgetField;
    @FXML private TextField producersField;
    @FXML private TextField consumersField;
    @FXML private ComboBox<MainViewModel.Shape> arrivalsBox;
    @FXML private Label arrivalsParamLabel;
    @FXML private TextField arrivalsParamField;
    @FXML private ComboBox<MainViewModel.Shape> serviceBox;
    @FXML private Label serviceParamLabel;
    @FXML private TextField serviceParamField;
    @FXML private ComboBox<MainViewModel.RunLength> runLengthBox;
    @FXML private Label runLengthLabel;
    @FXML private TextField runLengthField;
    @FXML private Label runLengthUnit;
    @FXML private TextField seedField;
    @FXML private ComboBox<ThreadKind> threadsBox;
    @FXML private Label refusalsLabel;
    @FXML private Label queueWaitLabel;
    @FXML private Label consumerIdleLabel;
    @FXML private Label fillStatsLabel;
    @FXML private Label memoryLabel;
    @FXML private ComboBox<EventLog.Filter> logFilterBox;
    @FXML private ToggleButton logPauseButton;
    @FXML private ListView<String> logList;

    @FXML private MenuItem savePresetItem;
    @FXML private MenuItem saveAsPresetItem;
    @FXML private MenuItem renamePresetItem;
    @FXML private MenuItem deletePresetItem;
    @FXML private MenuItem importPresetItem;
    @FXML private MenuItem exportPresetItem;
    @FXML private Label modifiedMark;
    @FXML private ComboBox<PresetsViewModel.Entry> presetBox;
    @FXML private Label presetDescription;
    @FXML private Button savePresetButton;
    @FXML private Button saveAsPresetButton;

    public MainController(MainViewModel vm, ChartPresenter chart, EventLog eventLog, PresetsViewModel presets) {
        this.vm = Objects.requireNonNull(vm);
        this.chart = Objects.requireNonNull(chart);
        this.eventLog = Objects.requireNonNull(eventLog);
        this.presets = Objects.requireNonNull(presets);
    }

    @FXML
    private void initialize() {
        chartHost.getChildren().add(chart.view());
        SettingBinding.bind(Setting.CAPACITY, capacitySlider, capacityField, vm.valueOf(Setting.CAPACITY), vm::submit);
        SettingBinding.bind(Setting.PRODUCER_RATE, rateSlider, rateField, vm.valueOf(Setting.PRODUCER_RATE), vm::submit);
        SettingBinding.bind(Setting.CONSUMER_DELAY, delaySlider, delayField, vm.valueOf(Setting.CONSUMER_DELAY), vm::submit);

        startButton.textProperty().bind(vm.startLabelProperty());
        startButton.graphicProperty().bind(vm.startLabelProperty().map(
                label -> new FontIcon(label.equals("Pause") ? FontAwesomeSolid.PAUSE : FontAwesomeSolid.PLAY)));
        stopButton.setGraphic(new FontIcon(FontAwesomeSolid.STOP));
        resetButton.setGraphic(new FontIcon(FontAwesomeSolid.UNDO));
        stopButton.disableProperty().bind(vm.canStopProperty().not());
        resetButton.disableProperty().bind(vm.canResetProperty().not());
        stopItem.disableProperty().bind(vm.canStopProperty().not());
        resetItem.disableProperty().bind(vm.canResetProperty().not());
        startButton.setTooltip(new javafx.scene.control.Tooltip("Start, pause or resume (Space)"));
        stopButton.setTooltip(new javafx.scene.control.Tooltip("Stop the run; counters stay (Esc)"));
        resetButton.setTooltip(new javafx.scene.control.Tooltip("Clear the run and the chart (Ctrl+R)"));

        stateLabel.textProperty().bind(vm.stateProperty().map(s -> switch (s) {
            case IDLE -> "Ready";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case STOPPED -> "Stopped";
            case FINISHED -> "Finished";
        }));
        vm.stateProperty().subscribe(s -> {
            stateLabel.getStyleClass().removeAll("running", "paused");
            stateLabel.getStyleClass().add(s.name().toLowerCase(java.util.Locale.ROOT));
        });
        elapsedLabel.textProperty().bind(vm.elapsedProperty());
        lostBadge.textProperty().bind(vm.eventsLostProperty().map(n -> "Telemetry events lost: " + n));
        lostBadge.visibleProperty().bind(vm.eventsWereLostProperty());
        producedLabel.textProperty().bind(vm.producedProperty());
        consumedLabel.textProperty().bind(vm.consumedProperty());
        inBufferLabel.textProperty().bind(vm.inBufferProperty());
        parksLabel.textProperty().bind(vm.parksProperty());
        parkedShareLabel.textProperty().bind(vm.parkedShareProperty());
        recentParkedLabel.textProperty().bind(vm.recentParkedShareProperty());
        producedRateLabel.textProperty().bind(vm.producedRateProperty());
        consumedRateLabel.textProperty().bind(vm.consumedRateProperty());
        unparkRateLabel.textProperty().bind(vm.unparkRateProperty());
        eventsLostLabel.textProperty().bind(vm.eventsLostProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        threadsLabel.textProperty().bind(vm.workloadProperty());
        outcomeLabel.textProperty().bind(vm.outcomeProperty());
        outcomeLabel.visibleProperty().bind(vm.outcomeProperty().isNotEmpty());
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip();
        why.textProperty().bind(vm.outcomeReasonProperty());
        outcomeLabel.setTooltip(why);
        dropButton.setGraphic(new FontIcon(FontAwesomeSolid.UNLINK));
        dropButton.disableProperty().bind(vm.canStopProperty().not());
        dropButton.setTooltip(new javafx.scene.control.Tooltip(
                "Drop the receiver: consumers stop, and every producer's next send fails with \"receiver dropped\""));
        refusalsLabel.textProperty().bind(vm.refusalsProperty());
        queueWaitLabel.textProperty().bind(vm.queueWaitProperty());
        consumerIdleLabel.textProperty().bind(vm.consumerIdleProperty());
        fillStatsLabel.textProperty().bind(vm.fillStatsProperty());
        memoryLabel.textProperty().bind(vm.memoryProperty());
        wireWorkload();
        wirePresets();
        logList.setItems(eventLog.lines());
        logFilterBox.getItems().setAll(EventLog.Filter.values());
        logFilterBox.valueProperty().bindBidirectional(eventLog.filterProperty());
        logPauseButton.selectedProperty().bindBidirectional(eventLog.pausedProperty());
        eventLog.lines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!eventLog.pausedProperty().get() && !eventLog.lines().isEmpty()) {
                logList.scrollTo(eventLog.lines().size() - 1);
            }
        });

        quitItem.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        stopItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        resetItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        startItem.setText("Start / Pause\t(Space)");
    }

    private void wirePresets() {
        presetBox.setItems(presets.entries());
        presetBox.setPromptText("Choose a preset");
        presets.loadedProperty().subscribe(e -> {
            syncingPreset = true;
            try {
                presetBox.setValue(e);
            } finally {
                syncingPreset = false;
            }
            presetDescription.setText(e == null ? "Settings not saved as a preset yet." : e.preset().description());
            boolean mine = e != null && !e.builtIn();
            savePresetButton.setDisable(!mine);
            savePresetItem.setDisable(!mine);
            renamePresetItem.setDisable(!mine);
            deletePresetItem.setDisable(!mine);
        });
        presetBox.valueProperty().addListener((o, a, b) -> {
            if (!syncingPreset && b != null && b != presets.loadedProperty().get()) {
                presets.load(b);
            }
        });
        modifiedMark.visibleProperty().bind(presets.modifiedProperty());
        savePresetItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveAsPresetItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        importPresetItem.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        savePresetButton.setTooltip(new javafx.scene.control.Tooltip("Save these settings into the preset (Ctrl+S)"));
        saveAsPresetButton.setTooltip(new javafx.scene.control.Tooltip("Save these settings as a new preset (Ctrl+Shift+S)"));
    }

    @FXML
    private void savePreset() {
        if (!presets.canSave()) {
            saveAsPreset();
            return;
        }
        report(presets.save());
    }

    @FXML
    private void saveAsPreset() {
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        String suggestion = e == null ? "My experiment" : e.builtIn() ? e.preset().name() + " (mine)" : e.preset().name();
        ask("Save preset as", "Name of the new preset:", suggestion).ifPresent(name -> {
            PresetsViewModel.Result r = presets.saveAs(name, false);
            if (r == PresetsViewModel.Result.NEEDS_CONFIRMATION && confirm("Replace preset?", presets.problem())) {
                r = presets.saveAs(name, true);
            }
            report(r);
        });
    }

    @FXML
    private void renamePreset() {
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        if (e == null || e.builtIn()) {
            error("Only your own presets can be renamed.");
            return;
        }
        ask("Rename preset", "New name:", e.preset().name()).ifPresent(name -> report(presets.rename(name)));
    }

    @FXML
    private void deletePreset() {
        PresetsViewModel.Result r = presets.delete(false);
        if (r == PresetsViewModel.Result.NEEDS_CONFIRMATION && confirm("Delete preset?", presets.problem())) {
            r = presets.delete(true);
        }
        report(r);
    }

    @FXML
    private void importPreset() {
        javafx.stage.FileChooser chooser = presetChooser("Import a preset");
        java.io.File f = chooser.showOpenDialog(chartHost.getScene().getWindow());
        if (f != null) {
            PresetsViewModel.Result r = presets.importFile(f.toPath(), false);
            if (r == PresetsViewModel.Result.NEEDS_CONFIRMATION && confirm("Replace preset?", presets.problem())) {
                r = presets.importFile(f.toPath(), true);
            }
            report(r);
        }
    }

    @FXML
    private void exportPreset() {
        javafx.stage.FileChooser chooser = presetChooser("Export the preset");
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        chooser.setInitialFileName(dev.backflow.preset.PresetStore.safeFileName(e == null ? "my-experiment" : e.preset().name())
                + dev.backflow.preset.PresetStore.SUFFIX);
        java.io.File f = chooser.showSaveDialog(chartHost.getScene().getWindow());
        if (f != null) {
            report(presets.exportTo(f.toPath()));
        }
    }

    private static javafx.stage.FileChooser presetChooser(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Backflow presets", "*.backflow.json"),
                new javafx.stage.FileChooser.ExtensionFilter("JSON files", "*.json"));
        return chooser;
    }

    private void report(PresetsViewModel.Result r) {
        if (r == PresetsViewModel.Result.FAILED) {
            error(presets.problem());
        }
    }

    private java.util.Optional<String> ask(String title, String prompt, String initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        d.initOwner(chartHost.getScene().getWindow());
        return d.showAndWait();
    }

    private boolean confirm(String title, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.setTitle(title);
        a.setHeaderText(null);
        a.initOwner(chartHost.getScene().getWindow());
        return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    /** Shows a problem in a dialog: a clear message, never a stack trace. */
    void error(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setTitle("Backflow");
        a.setHeaderText(null);
        a.getDialogPane().setMinWidth(520);
        a.initOwner(chartHost.getScene().getWindow());
        a.showAndWait();
    }

    private void wireWorkload() {
        policyBox.getItems().setAll(SendPolicy.values());
        policyBox.setConverter(labels(SendPolicy::label));
        threadsBox.setConverter(labels(k -> k == ThreadKind.VIRTUAL ? "Virtual threads" : "Platform threads"));
        arrivalsBox.getItems().setAll(MainViewModel.Shape.values());
        serviceBox.getItems().setAll(MainViewModel.Shape.CONSTANT, MainViewModel.Shape.EXPONENTIAL, MainViewModel.Shape.UNIFORM);
        runLengthBox.getItems().setAll(MainViewModel.RunLength.values());
        threadsBox.getItems().setAll(ThreadKind.values());
        RunFieldBinding.bind(timeoutField, RunField.TIMEOUT, vm);
        RunFieldBinding.bind(itemSizeField, RunField.ITEM_SIZE, vm);
        RunFieldBinding.bind(budgetField, RunField.MEMORY_BUDGET, vm);
        RunFieldBinding.bind(producersField, RunField.PRODUCERS, vm);
        RunFieldBinding.bind(consumersField, RunField.CONSUMERS, vm);
        RunFieldBinding.bind(seedField, RunField.SEED, vm);
        RunFieldBinding.bind(serviceParamField, RunField.SERVICE_JITTER, vm);
        policyBox.valueProperty().addListener((o, a, b) -> choose(b, vm::choosePolicy));
        threadsBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseThreads));
        arrivalsBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseArrivals));
        serviceBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseService));
        runLengthBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseRunLength));
        producersField.setTooltip(new javafx.scene.control.Tooltip("1 to 10,000. The producer rate is shared between them."));
        consumersField.setTooltip(new javafx.scene.control.Tooltip("1 to 10,000. The delay applies to each consumer, per item."));
        vm.draftProperty().subscribe(this::showWorkload);
    }

    private static <T> javafx.util.StringConverter<T> labels(java.util.function.Function<T, String> label) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    private <T> void choose(T value, java.util.function.Predicate<T> apply) {
        if (!syncingChoices && value != null && !apply.test(value)) {
            showWorkload(vm.draftProperty().get());
        }
    }

    /** Shows the draft's per-run choices and the boxes that matter for them. */
    private void showWorkload(ExperimentConfig c) {
        syncingChoices = true;
        try {
            policyBox.setValue(c.policy());
            threadsBox.setValue(c.threads());
            arrivalsBox.setValue(MainViewModel.Shape.of(c.arrivals()));
            serviceBox.setValue(MainViewModel.Shape.of(c.service()));
            runLengthBox.setValue(vm.runLength());
        } finally {
            syncingChoices = false;
        }
        policyHint.setText(c.policy().description() + ".");
        show(c.policy() == SendPolicy.TIMEOUT, timeoutLabel, timeoutField, timeoutUnit);
        boolean unbounded = c.policy() == SendPolicy.UNBOUNDED;
        show(unbounded, itemSizeLabel, itemSizeField, itemSizeUnit, budgetLabel, budgetField);
        boolean arrivalParams = c.arrivals() instanceof Distribution.Uniform || c.arrivals() instanceof Distribution.Bursty;
        show(arrivalParams, arrivalsParamLabel, arrivalsParamField);
        if (arrivalParams) {
            RunField f = c.arrivals() instanceof Distribution.Bursty ? RunField.BURST : RunField.ARRIVAL_JITTER;
            arrivalsParamLabel.setText(f == RunField.BURST ? "Bursts" : "Jitter");
            arrivalsParamField.setText(vm.show(f));
            arrivalsParamField.setOnAction(e -> RunFieldBinding.commit(arrivalsParamField, f, vm));
            arrivalsParamField.setTooltip(new javafx.scene.control.Tooltip(f == RunField.BURST
                    ? "Rate during a burst (all producers), burst length, idle length: 1000/s, 200 ms, 800 ms.\nThe producer rate slider is not used."
                    : "How far each gap may stray from the mean, in percent (20 % means ±20 %)."));
        }
        show(c.service() instanceof Distribution.Uniform, serviceParamLabel, serviceParamField);
        MainViewModel.RunLength length = vm.runLength();
        show(length != MainViewModel.RunLength.UNTIL_STOPPED, runLengthLabel, runLengthField, runLengthUnit);
        if (length != MainViewModel.RunLength.UNTIL_STOPPED) {
            RunField f = length == MainViewModel.RunLength.ITEMS ? RunField.ITEMS : RunField.DURATION;
            runLengthLabel.setText(f == RunField.ITEMS ? "Items" : "Duration");
            runLengthUnit.setText(f == RunField.ITEMS ? "items" : "s");
            runLengthField.setText(vm.show(f));
            runLengthField.setOnAction(e -> RunFieldBinding.commit(runLengthField, f, vm));
        }
    }

    private static void show(boolean visible, javafx.scene.Node... nodes) {
        for (javafx.scene.Node n : nodes) {
            n.setVisible(visible);
            n.setManaged(visible);
        }
    }

    @FXML
    private void dropConsumers() {
        vm.dropConsumers();
    }

    /** Space toggles start/pause anywhere except while typing in a text field. */
    void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) {
                vm.startOrPause();
                e.consume();
            }
        });
    }

    @FXML
    private void startOrPause() {
        vm.startOrPause();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void reset() {
        vm.reset();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    @FXML
    private void showShortcuts() {
        info("Keyboard shortcuts", """
                Space           Start, pause or resume
                Esc             Stop (counters stay on screen)
                Ctrl+R          Reset: clear the run and the chart
                Ctrl+Q          Quit
                Enter           Apply a typed value
                Esc (in a box)  Undo what you typed""");
    }

    @FXML
    private void showAbout() {
        info("About Backflow", """
                Backflow is a lab for backpressure: real producers and consumers on Java \
                virtual threads over a real bounded queue. When the consumer cannot keep up, \
                the buffer fills and producers park until there is space.""");
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(chartHost.getScene().getWindow());
        a.getDialogPane().setStyle("-fx-font-family: monospace;");
        a.show();
    }
}
