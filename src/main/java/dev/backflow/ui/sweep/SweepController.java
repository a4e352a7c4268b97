package dev.backflow.ui.sweep;

import dev.backflow.sweep.Figure;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

import java.nio.file.Path;
import java.util.function.Supplier;

/** The Sweep window's controls over its view model; no logic of its own. */
public final class SweepController {

    private final SweepViewModel vm;
    private final Supplier<Path> chooseOpen;
    private final Supplier<Path> chooseSave;

    @FXML private TextField firstVaryField;
    @FXML private TextField secondVaryField;
    @FXML private TextField durationField;
    @FXML private TextField targetField;
    @FXML private ComboBox<Figure> figureBox;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private Button saveButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label baseLabel;
    @FXML private Label messageLabel;
    @FXML private Label answerLabel;
    @FXML private StackPane mapHolder;
    @FXML private StackPane linesHolder;

    /** @param chooseOpen, chooseSave ask for a file (null: cancelled) */
    SweepController(SweepViewModel vm, Supplier<Path> chooseOpen, Supplier<Path> chooseSave) {
        this.vm = vm;
        this.chooseOpen = chooseOpen;
        this.chooseSave = chooseSave;
    }

    @FXML
    private void initialize() {
        firstVaryField.textProperty().bindBidirectional(vm.firstVaryProperty());
        secondVaryField.textProperty().bindBidirectional(vm.secondVaryProperty());
        durationField.textProperty().bindBidirectional(vm.cellSecondsProperty());
        targetField.textProperty().bindBidirectional(vm.targetProperty());
        firstVaryField.setTooltip(new Tooltip("A setting and its values: a list (consumers=1,2,4), a range of 10 (rate=50..150), "
                + "of N (rate=50..150:5), or N on a log scale (capacity=1..1000:log10). Names: capacity, rate, consumer-delay, "
                + "consumers, producers, timeout, deadline, retries, backoff-base; in a pipeline STAGE.workers, STAGE.service, "
                + "STAGE.capacity. The cheapest cell is the one with the smallest value of this setting."));
        secondVaryField.setTooltip(new Tooltip("Optionally a second setting, the same way: the heat map's rows."));
        targetField.setTooltip(new Tooltip("Bounds a cell should meet, like p99<=100ms,refused<=1%. Figures: "
                + String.join(", ", Figure.keys()) + "."));
        durationField.setTooltip(new Tooltip("How long each cell produces, then drains (0.5 s to 10 min)."));
        figureBox.getItems().setAll(Figure.values());
        figureBox.setButtonCell(figureCell());
        figureBox.setCellFactory(l -> figureCell());
        figureBox.valueProperty().bindBidirectional(vm.figureProperty());
        startButton.disableProperty().bind(vm.runningProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        saveButton.disableProperty().bind(vm.runningProperty().or(vm.resultProperty().isNull()));
        progressBar.progressProperty().bind(vm.progressProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        baseLabel.setText(vm.baseText());
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.visibleProperty());
    }

    private static ListCell<Figure> figureCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Figure f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.label);
            }
        };
    }

    /** Puts the heat map and the lines in their places. */
    void show(Node map, Node lines) {
        mapHolder.getChildren().setAll(map);
        linesHolder.getChildren().setAll(lines);
    }

    /** The answer under the map. */
    Label answer() {
        return answerLabel;
    }

    @FXML private void start() { vm.start(); }

    @FXML private void cancel() { vm.cancel(); }

    @FXML
    private void open() {
        Path p = chooseOpen.get();
        if (p != null) {
            vm.open(p);
        }
    }

    @FXML
    private void save() {
        Path p = chooseSave.get();
        if (p != null) {
            vm.save(p);
        }
    }
}
