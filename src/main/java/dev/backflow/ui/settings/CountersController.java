package dev.backflow.ui.settings;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

import java.util.Objects;

/** The live counters: each label bound to its {@link MainViewModel} property. */
public final class CountersController {

    private final MainViewModel vm;

    @FXML private Label producedLabel;
    @FXML private Label consumedLabel;
    @FXML private Label inBufferLabel;
    @FXML private Label parksLabel;
    @FXML private Label parkedShareLabel;
    @FXML private Label producedRateLabel;
    @FXML private Label consumedRateLabel;
    @FXML private Label unparkRateLabel;
    @FXML private Label recentParkedLabel;
    @FXML private Label refusalsLabel;
    @FXML private Label queueWaitLabel;
    @FXML private Label consumerIdleLabel;
    @FXML private Label fillStatsLabel;
    @FXML private Label memoryLabel;
    @FXML private Label eventsLostLabel;
    @FXML private Label shortfallLabel;

    public CountersController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        producedLabel.textProperty().bind(vm.producedProperty());
        consumedLabel.textProperty().bind(vm.consumedProperty());
        inBufferLabel.textProperty().bind(vm.inBufferProperty());
        parksLabel.textProperty().bind(vm.parksProperty());
        parkedShareLabel.textProperty().bind(vm.parkedShareProperty());
        producedRateLabel.textProperty().bind(vm.producedRateProperty());
        consumedRateLabel.textProperty().bind(vm.consumedRateProperty());
        unparkRateLabel.textProperty().bind(vm.unparkRateProperty());
        recentParkedLabel.textProperty().bind(vm.recentParkedShareProperty());
        refusalsLabel.textProperty().bind(vm.refusalsProperty());
        queueWaitLabel.textProperty().bind(vm.queueWaitProperty());
        consumerIdleLabel.textProperty().bind(vm.consumerIdleProperty());
        fillStatsLabel.textProperty().bind(vm.fillStatsProperty());
        memoryLabel.textProperty().bind(vm.memoryProperty());
        eventsLostLabel.textProperty().bind(vm.eventsLostProperty());
        shortfallLabel.textProperty().bind(vm.shortfallProperty());
        shortfallLabel.visibleProperty().bind(vm.shortfallProperty().isNotEmpty());
        shortfallLabel.managedProperty().bind(shortfallLabel.visibleProperty());
    }
}
