package dev.backflow.ui.settings;

import dev.backflow.engine.Backoff;
import dev.backflow.engine.Callers;
import dev.backflow.engine.ExperimentConfig;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import java.util.Objects;

/**
 * The callers' settings and the scheduled changes, bound to {@link MainViewModel} like the
 * workload's: boxes commit on Enter or when they lose focus, a bad value is marked and explained
 * in the status line and the previous one kept. Thin: the rules are the engine's records.
 */
public final class CallersController {

    private final MainViewModel vm;
    private boolean syncing;

    @FXML private Label callersHint;
    @FXML private TextField callerDeadlineField;
    @FXML private TextField retriesField;
    @FXML private ComboBox<Backoff.Law> backoffBox;
    @FXML private TextField backoffBaseField;
    @FXML private TextField backoffCapField;
    @FXML private TextField retryBudgetField;
    @FXML private CheckBox checkDeadlinesBox;
    @FXML private TextField changesField;

    public CallersController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        backoffBox.getItems().setAll(Backoff.Law.values());
        backoffBox.setConverter(WorkloadController.labels(l -> l.cliName));
        RunFieldBinding.bind(callerDeadlineField, RunField.DEADLINE, vm);
        RunFieldBinding.bind(retriesField, RunField.RETRIES, vm);
        RunFieldBinding.bind(backoffBaseField, RunField.BACKOFF_BASE, vm);
        RunFieldBinding.bind(backoffCapField, RunField.BACKOFF_CAP, vm);
        RunFieldBinding.bind(retryBudgetField, RunField.RETRY_BUDGET, vm);
        RunFieldBinding.bind(changesField, RunField.CHANGES, vm);
        backoffBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && !vm.chooseBackoff(b)) {
                show(vm.config());
            }
        });
        checkDeadlinesBox.selectedProperty().addListener((o, a, b) -> {
            if (!syncing && !vm.chooseCheckDeadlines(b)) {
                show(vm.config());
            }
        });
        callerDeadlineField.setTooltip(new Tooltip("How long each request's caller waits for each attempt before it gives up, "
                + "0 to 60,000 ms; 0: it waits as long as it takes."));
        retriesField.setTooltip(new Tooltip("Retries after a failed attempt (refused, dropped, expired or past its "
                + "deadline), 0 to 20."));
        backoffBox.setTooltip(new Tooltip("The wait before each retry (AWS \"Exponential Backoff And Jitter\"): "
                + "none, fixed, exponential, full-jitter, equal-jitter, decorrelated."));
        retryBudgetField.setTooltip(new Tooltip("A gRPC-style retry budget TOKENS/RATIO: a failure costs a token, a success "
                + "earns RATIO, retries stop below half the tokens. Empty: no budget."));
        checkDeadlinesBox.setTooltip(new Tooltip("The sink skips a request it cannot finish before its caller's deadline, "
                + "instead of doing work nobody waits for (a pipeline's stages: check-deadlines in the pipeline)."));
        changesField.setTooltip(new Tooltip("Scheduled changes AT+FOR SETTING=VALUE, separated by ; "
                + "(like 5s+2s consumer-delay=20ms). SETTING: rate, consumer-delay, capacity, timeout or a stage's name."));
        vm.draftProperty().subscribe(this::show);
    }

    /** Shows the config's choices, and which boxes are in use. */
    private void show(ExperimentConfig c) {
        Callers k = c.callers();
        syncing = true;
        try {
            backoffBox.setValue(k.backoff().law());
            checkDeadlinesBox.setSelected(k.checkDeadlines());
        } finally {
            syncing = false;
        }
        boolean retrying = k.retries() > 0;
        backoffBox.setDisable(!retrying);
        boolean laws = retrying && k.backoff().law() != Backoff.Law.NONE;
        backoffBaseField.setDisable(!laws);
        backoffCapField.setDisable(!laws || k.backoff().law() == Backoff.Law.FIXED);
        retryBudgetField.setDisable(!retrying);
        checkDeadlinesBox.setDisable(k.deadlineMs() == 0);
        callersHint.setText(k.closedLoop() ? "Each request has a caller that waits for it: " + k.describe() + ". Applies at the next Start."
                : "Open loop: producers send and forget. Set a deadline or retries to make each request a caller "
                + "that waits, gives up and retries. Applies at the next Start.");
    }
}
