package dev.backflow.ui.compare;

import dev.backflow.ui.settings.MainViewModel;

import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

import java.util.Objects;

/** One side's column in the A/B window: its letter, its name and its problems (its settings have their own controllers). */
public final class CompareSideController {

    private final String letter;
    private final ObservableValue<String> name;
    private final MainViewModel vm;

    @FXML private Label badge;
    @FXML private Label nameLabel;
    @FXML private Label messageLabel;

    CompareSideController(String letter, ObservableValue<String> name, MainViewModel vm) {
        this.letter = Objects.requireNonNull(letter);
        this.name = Objects.requireNonNull(name);
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        badge.setText(letter);
        badge.getStyleClass().add("bf-" + letter.toLowerCase(java.util.Locale.ROOT));
        nameLabel.textProperty().bind(name);
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.visibleProperty());
    }
}
