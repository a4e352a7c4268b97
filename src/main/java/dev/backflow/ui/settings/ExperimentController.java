package dev.backflow.ui.settings;

import javafx.fxml.FXML;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;

import java.util.Objects;

/** The three live settings: each slider and box bound to its view of the one config. */
public final class ExperimentController {

    private final MainViewModel vm;

    @FXML private Slider capacitySlider;
    @FXML private TextField capacityField;
    @FXML private Slider rateSlider;
    @FXML private TextField rateField;
    @FXML private Slider delaySlider;
    @FXML private TextField delayField;

    public ExperimentController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        SettingBinding.bind(Setting.CAPACITY, capacitySlider, capacityField, vm.valueOf(Setting.CAPACITY), vm::submit);
        SettingBinding.bind(Setting.PRODUCER_RATE, rateSlider, rateField, vm.valueOf(Setting.PRODUCER_RATE), vm::submit);
        SettingBinding.bind(Setting.CONSUMER_DELAY, delaySlider, delayField, vm.valueOf(Setting.CONSUMER_DELAY), vm::submit);
        // An unbounded buffer has no capacity to set: the control says so instead of reading a stale bound.
        javafx.beans.value.ObservableValue<Boolean> unbounded = vm.draftProperty().map(c -> !c.policy().bounded());
        capacitySlider.disableProperty().bind(unbounded);
        capacityField.disableProperty().bind(unbounded);
        for (javafx.scene.control.Slider s : new javafx.scene.control.Slider[] {capacitySlider, rateSlider, delaySlider}) {
            s.valueChangingProperty().subscribe(vm::adjusting); // one epoch per drag, when it is let go
        }
    }
}
