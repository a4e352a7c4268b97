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
        // Scrolled out of the sidebar (or hidden with it), the counters keep their texts until seen.
        javafx.scene.Node panel = producedLabel.getParent();
        vm.figures().countersSeenWhen(() -> dev.backflow.ui.common.OnScreen.seen(panel));
        producedLabel.textProperty().bind(vm.figures().producedProperty());
        consumedLabel.textProperty().bind(vm.figures().consumedProperty());
        inBufferLabel.textProperty().bind(vm.figures().inBufferProperty());
        parksLabel.textProperty().bind(vm.figures().parksProperty());
        parkedShareLabel.textProperty().bind(vm.figures().parkedShareProperty());
        producedRateLabel.textProperty().bind(vm.figures().producedRateProperty());
        consumedRateLabel.textProperty().bind(vm.figures().consumedRateProperty());
        unparkRateLabel.textProperty().bind(vm.figures().unparkRateProperty());
        recentParkedLabel.textProperty().bind(vm.figures().recentParkedShareProperty());
        refusalsLabel.textProperty().bind(vm.figures().refusalsProperty());
        queueWaitLabel.textProperty().bind(vm.figures().queueWaitProperty());
        consumerIdleLabel.textProperty().bind(vm.figures().consumerIdleProperty());
        fillStatsLabel.textProperty().bind(vm.figures().fillStatsProperty());
        memoryLabel.textProperty().bind(vm.figures().memoryProperty());
        eventsLostLabel.textProperty().bind(vm.figures().eventsLostProperty());
        shortfallLabel.textProperty().bind(vm.figures().shortfallProperty());
        shortfallLabel.visibleProperty().bind(vm.figures().shortfallProperty().isNotEmpty());
        shortfallLabel.managedProperty().bind(shortfallLabel.visibleProperty());
    }
}
