package dev.backflow.ui.settings;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The per-run settings: pickers and boxes bound to {@link MainViewModel}; which of them show,
 * and how they are labelled, is {@link WorkloadForm}'s rule.
 */
public final class WorkloadController {

    private final MainViewModel vm;
    private boolean syncing;

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
    @FXML private TextField codelField;
    @FXML private TextField demandField;
    @FXML private TextField limitField;

    public WorkloadController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        policyPicker(policyBox);
        threadsBox.getItems().setAll(ThreadKind.values());
        threadsBox.setConverter(labels(k -> k == ThreadKind.VIRTUAL ? "Virtual threads" : "Platform threads"));
        arrivalsBox.getItems().setAll(MainViewModel.Shape.values());
        serviceBox.getItems().setAll(MainViewModel.Shape.CONSTANT, MainViewModel.Shape.EXPONENTIAL, MainViewModel.Shape.UNIFORM);
        runLengthBox.getItems().setAll(MainViewModel.RunLength.values());
        RunFieldBinding.bind(timeoutField, RunField.TIMEOUT, vm);
        RunFieldBinding.bind(itemSizeField, RunField.ITEM_SIZE, vm);
        RunFieldBinding.bind(budgetField, RunField.MEMORY_BUDGET, vm);
        RunFieldBinding.bind(producersField, RunField.PRODUCERS, vm);
        RunFieldBinding.bind(consumersField, RunField.CONSUMERS, vm);
        RunFieldBinding.bind(seedField, RunField.SEED, vm);
        RunFieldBinding.bind(serviceParamField, RunField.SERVICE_JITTER, vm);
        RunFieldBinding.bind(codelField, RunField.CODEL, vm);
        codelField.setTooltip(new Tooltip("CoDel (RFC 8289) on the buffer: TARGET/INTERVAL, like 5ms/100ms. Once items "
                + "have waited over the target for an interval, it sheds them as they leave until the wait is back under "
                + "it. Empty: off. A pipeline's links: codel in the pipeline line."));
        RunFieldBinding.bind(demandField, RunField.DEMAND, vm);
        demandField.setTooltip(new Tooltip("Make the buffer a demand link (Reactive Streams request(n)): the consumers request "
                + "the capacity up front and again each time this share of it has been taken: 75% as Reactor, 100% (or strict) "
                + "for strict batches. The producer sends only against demand; When full says what it does without. Empty: a "
                + "plain buffer. A pipeline's links: demand 32@75% in the pipeline line."));
        RunFieldBinding.bind(limitField, RunField.LIMIT, vm);
        limitField.setTooltip(new Tooltip("An adaptive concurrency limit in front of the consumers (Netflix concurrency-limits): "
                + "aimd, gradient, gradient2 or vegas. Sends above it are refused at once; the limit moves with the measured "
                + "latency. Empty: none."));
        policyBox.valueProperty().addListener((o, a, b) -> choose(b, vm::choosePolicy));
        threadsBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseThreads));
        arrivalsBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseArrivals));
        serviceBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseService));
        runLengthBox.valueProperty().addListener((o, a, b) -> choose(b, vm::chooseRunLength));
        producersField.setTooltip(new Tooltip("1 to 10,000. The producer rate is shared between them."));
        consumersField.setTooltip(new Tooltip("1 to 10,000. The delay applies to each consumer, per item."));
        vm.draftProperty().subscribe(this::show);
    }

    /** Shows each value of a picker by {@code label}; the picker is not editable. */
    /**
     * A policy picker whose list shows each policy's whole label ("Time out (offer with
     * deadline)") and whose closed box shows it short ("Time out"), with the whole label as
     * its tooltip, so the box fits a narrow sidebar without cutting text.
     */
    public static void policyPicker(javafx.scene.control.ComboBox<SendPolicy> box) {
        box.getItems().setAll(SendPolicy.KINDS);
        box.setConverter(labels(SendPolicy::label));
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(SendPolicy p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? "" : shortLabel(p));
                setTooltip(empty || p == null ? null : new javafx.scene.control.Tooltip(p.label() + ": " + p.description()));
            }
        });
    }

    /** A policy's label without its bracketed verb: "Time out", "Block", "Drop oldest". */
    public static String shortLabel(SendPolicy p) {
        int cut = p.label().indexOf(" (");
        return cut < 0 ? p.label() : p.label().substring(0, cut);
    }

    public static <T> StringConverter<T> labels(Function<T, String> label) {
        return new StringConverter<>() {
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

    private <T> void choose(T value, Predicate<T> apply) {
        if (!syncing && value != null && !apply.test(value)) {
            show(vm.draftProperty().get());
        }
    }

    /** Shows the config's per-run choices and the boxes that matter for them. */
    private void show(ExperimentConfig c) {
        syncing = true;
        try {
            policyBox.setValue(c.policy().kind());
            threadsBox.setValue(c.threads());
            arrivalsBox.setValue(MainViewModel.Shape.of(c.arrivals()));
            serviceBox.setValue(MainViewModel.Shape.of(c.service()));
            runLengthBox.setValue(vm.runLength());
        } finally {
            syncing = false;
        }
        WorkloadForm form = WorkloadForm.of(c);
        policyHint.setText(form.policyHint());
        show(form.timeout(), timeoutLabel, timeoutField, timeoutUnit);
        show(form.memory(), itemSizeLabel, itemSizeField, itemSizeUnit, budgetLabel, budgetField);
        show(form.arrivalParam() != null, arrivalsParamLabel, arrivalsParamField);
        if (form.arrivalParam() != null) {
            RunField f = form.arrivalParam();
            arrivalsParamLabel.setText(form.arrivalLabel());
            arrivalsParamField.setText(vm.show(f));
            arrivalsParamField.setOnAction(e -> RunFieldBinding.commit(arrivalsParamField, f, vm));
            arrivalsParamField.setTooltip(new Tooltip(form.arrivalTooltip()));
        }
        show(form.serviceJitter(), serviceParamLabel, serviceParamField);
        show(form.runLength() != null, runLengthLabel, runLengthField, runLengthUnit);
        if (form.runLength() != null) {
            RunField f = form.runLength();
            runLengthLabel.setText(form.runLengthLabel());
            runLengthUnit.setText(form.runLengthUnit());
            runLengthField.setText(vm.show(f));
            runLengthField.setOnAction(e -> RunFieldBinding.commit(runLengthField, f, vm));
        }
    }

    private static void show(boolean visible, Node... nodes) {
        for (Node n : nodes) {
            n.setVisible(visible);
            n.setManaged(visible);
        }
    }
}
