package dev.backflow.ui.window;

import dev.backflow.ui.settings.MainViewModel;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

import java.util.Objects;

/** The status bar: the message line and the workload in force. */
public final class StatusBarController {

    private final MainViewModel vm;

    @FXML private Label messageLabel;
    @FXML private Label threadsLabel;

    StatusBarController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        messageLabel.textProperty().bind(vm.messageProperty());
        // Errors in red; news of something done (saved, copied) in the normal colour.
        vm.messageIsNewsProperty().subscribe(news -> {
            if (news && !messageLabel.getStyleClass().contains("bf-news")) {
                messageLabel.getStyleClass().add("bf-news");
            } else if (!news) {
                messageLabel.getStyleClass().remove("bf-news");
            }
        });
        threadsLabel.textProperty().bind(vm.workloadProperty());
    }
}
