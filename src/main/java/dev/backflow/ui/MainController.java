package dev.backflow.ui;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
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

    public MainController(MainViewModel vm, ChartPresenter chart) {
        this.vm = Objects.requireNonNull(vm);
        this.chart = Objects.requireNonNull(chart);
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
        threadsLabel.setText("1 producer · 1 consumer · virtual threads");

        quitItem.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        stopItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        resetItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        startItem.setText("Start / Pause\t(Space)");
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
