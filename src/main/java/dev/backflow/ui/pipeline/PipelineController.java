package dev.backflow.ui.pipeline;

import dev.backflow.ui.settings.HopField;
import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.RunFieldBinding;
import dev.backflow.ui.settings.Setting;
import dev.backflow.ui.settings.SettingBinding;
import dev.backflow.ui.settings.WorkloadController;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Hop;
import dev.backflow.engine.SendPolicy;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The middle stages of the pipeline: one row per stage (name, service time, workers; its output
 * link's capacity and policy; move up, move down, remove) and "Add stage". Every edit goes
 * through {@link MainViewModel}, which applies it or says why not.
 */
public final class PipelineController {

    private final MainViewModel vm;
    private final List<Row> shown = new ArrayList<>();

    @FXML private Label shapeLabel;
    @FXML private VBox rows;
    @FXML private Button addButton;
    @FXML private TextField sourceNameField;
    @FXML private TextField sinkNameField;

    public PipelineController(MainViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        addButton.setGraphic(new FontIcon(FontAwesomeSolid.PLUS));
        addButton.setTooltip(new Tooltip("Add a stage and the link after it, just before the consumers"));
        sourceNameField.setTooltip(new Tooltip("The name of the first stage, the producers (\"source\" unless named)"));
        sinkNameField.setTooltip(new Tooltip("The name of the last stage, the consumers (\"sink\" unless named)"));
        RunFieldBinding.editable(sourceNameField, () -> vm.config().sourceName(), vm::submitSourceName);
        RunFieldBinding.editable(sinkNameField, () -> vm.config().sinkName(), vm::submitSinkName);
        vm.draftProperty().subscribe(this::show);
    }

    /** Shows {@code text} in {@code box}, unless the person is typing in it. */
    private static void showUnlessTyping(TextField box, String text) {
        if (!box.isFocused()) {
            box.setText(text);
            box.getStyleClass().remove("bf-invalid");
        }
    }

    @FXML
    private void addStage() {
        vm.addHop();
    }

    private void show(ExperimentConfig c) {
        List<Hop> hops = c.hops();
        showUnlessTyping(sourceNameField, c.sourceName());
        showUnlessTyping(sinkNameField, c.sinkName());
        shapeLabel.setText(hops.isEmpty() ? "one buffer" : c.links() + " links");
        addButton.setDisable(c.links() >= ExperimentConfig.MAX_LINKS);
        // Rows are by position: a rename or a move only changes what the rows show, so the box
        // being typed in keeps its focus; only adding or removing a stage rebuilds them.
        if (shown.size() != hops.size()) {
            shown.clear();
            for (int i = 0; i < hops.size(); i++) {
                shown.add(new Row(i));
            }
            rows.getChildren().setAll(shown.stream().map(r -> r.box).toList());
        }
        for (int i = 0; i < shown.size(); i++) {
            shown.get(i).show(hops.get(i), i, hops.size());
        }
    }

    /** One middle stage and its output link. */
    private final class Row {
        final int index;
        final VBox box = new VBox(4);
        final TextField nameField = new TextField();
        final TextField serviceField = new TextField();
        final TextField workersField = new TextField();
        final TextField capacityField = new TextField();
        final Slider serviceSlider = new Slider();
        final Slider workersSlider = new Slider();
        final Slider capacitySlider = new Slider();
        /** The draft's values, which the sliders and boxes show; a drag writes through to the view model. */
        final DoubleProperty service = new SimpleDoubleProperty();
        final DoubleProperty workers = new SimpleDoubleProperty();
        final DoubleProperty capacity = new SimpleDoubleProperty();
        final ComboBox<SendPolicy> policyBox = new ComboBox<>();
        /** The link's own send deadline, shown while its policy is a timeout. */
        final TextField timeoutField = new TextField();
        final Label timeoutUnit = label("ms");
        /** "Timeout [250] ms" under the link's policy, while it is a timeout (as the first link's Timeout box). */
        final HBox deadlineRow = new HBox(6);
        final CheckBox decoupled = new CheckBox("reads on while its writes wait");
        /** CoDel on the link after the stage (empty: off). */
        final TextField codelField = new TextField();
        /** The link after the stage as a demand link: its replenish point (empty: a plain buffer). */
        final TextField demandField = new TextField();
        /** An adaptive concurrency limit in front of the stage (empty: none). */
        final TextField limitField = new TextField();
        /** The stage skips requests it cannot finish before their caller's deadline (callers with a deadline only). */
        final CheckBox checksDeadlines = new CheckBox("skips requests it cannot finish in time");
        final Button up = new Button();
        final Button down = new Button();
        final Button remove = new Button();
        boolean syncing;

        Row(int index) {
            this.index = index;
            box.getStyleClass().add("bf-hop");
            nameField.setPrefColumnCount(6);
            nameField.setMinWidth(60);
            serviceField.setPrefColumnCount(4);
            workersField.setPrefColumnCount(4);
            capacityField.setPrefColumnCount(4);
            for (TextField f : List.of(serviceField, workersField, capacityField)) {
                f.getStyleClass().add("bf-value");
                f.setMinWidth(Region.USE_PREF_SIZE);
            }
            nameField.setId("hopName" + index);
            serviceField.setId("hopService" + index);
            workersField.setId("hopWorkers" + index);
            capacityField.setId("hopCapacity" + index);
            policyBox.setId("hopPolicy" + index);
            serviceSlider.setId("hopServiceSlider" + index);
            workersSlider.setId("hopWorkersSlider" + index);
            capacitySlider.setId("hopCapacitySlider" + index);
            bind(nameField, HopField.NAME);
            live(Setting.STAGE_SERVICE, serviceSlider, serviceField, service, HopField.SERVICE_MS);
            live(Setting.STAGE_WORKERS, workersSlider, workersField, workers, HopField.WORKERS);
            live(Setting.LINK_CAPACITY, capacitySlider, capacityField, capacity, HopField.CAPACITY);
            nameField.setTooltip(new Tooltip("The stage's name"));
            WorkloadController.policyPicker(policyBox);
            timeoutField.setId("hopTimeout" + index);
            timeoutField.setPrefColumnCount(4);
            timeoutField.getStyleClass().add("bf-value");
            timeoutField.setMinWidth(Region.USE_PREF_SIZE);
            timeoutField.setTooltip(new Tooltip("This link's send deadline: a send waits up to it for space, then gives up "
                    + "(1 ms to 60 s; a live setting)"));
            bind(timeoutField, HopField.TIMEOUT_MS);
            optional(codelField, "hopCodel", "off (like 5ms/100ms)", HopField.CODEL,
                    "CoDel (RFC 8289) on the link after this stage: TARGET/INTERVAL. Once items have waited over the target "
                    + "for an interval, it sheds them as they leave until the wait is back under it. Empty: off.");
            optional(demandField, "hopDemand", "off (like 75%)", HopField.DEMAND,
                    "A demand link (Reactive Streams request(n)): the next stage requests the link's capacity up front and "
                    + "again each time this share of it has been taken: 75% as Reactor, 100% (or strict) for strict batches. "
                    + "The stage sends only against demand; the policy says what it does without. Empty: a plain buffer.");
            optional(limitField, "hopLimit", "off (aimd, gradient2…)", HopField.LIMIT,
                    "An adaptive concurrency limit in front of this stage (Netflix concurrency-limits): aimd, gradient, "
                    + "gradient2 or vegas. Sends above the limit are refused at once; the limit moves with the measured "
                    + "latency. Empty: none.");
            checksDeadlines.setId("hopChecks" + index);
            checksDeadlines.getStyleClass().add("bf-hint");
            checksDeadlines.setTooltip(new Tooltip("Deadline checks: the stage skips a request it cannot finish before its "
                    + "caller's deadline instead of doing work nobody waits for (needs callers with a deadline, in Callers)."));
            checksDeadlines.selectedProperty().addListener((o, a, b) -> {
                if (!syncing && !vm.chooseHopChecksDeadlines(index, b)) {
                    show(vm.config().hops().get(index), index, vm.config().hops().size());
                }
            });
            decoupled.setId("hopDecoupled" + index);
            decoupled.getStyleClass().add("bf-hint");
            decoupled.setTooltip(new Tooltip("Decoupled: the workers hand items to the stage's own buffer and one writer "
                    + "sends them on, so a full link after the stage does not stop its reads; the stage's buffer "
                    + "(and memory) grows instead. Off (the default, like tokio's Framed): a blocked send stops the reads."));
            decoupled.selectedProperty().addListener((o, a, b) -> {
                if (!syncing && !vm.chooseHopCoupled(index, !b)) {
                    show(vm.config().hops().get(index), index, vm.config().hops().size());
                }
            });
            policyBox.valueProperty().addListener((o, a, b) -> {
                if (!syncing && b != null && !vm.chooseHopPolicy(index, b)) {
                    show(vm.config().hops().get(index), index, vm.config().hops().size());
                }
            });
            up.setGraphic(new FontIcon(FontAwesomeSolid.ARROW_UP));
            down.setGraphic(new FontIcon(FontAwesomeSolid.ARROW_DOWN));
            remove.setGraphic(new FontIcon(FontAwesomeSolid.TRASH_ALT));
            up.setTooltip(new Tooltip("Move this stage one place towards the producers"));
            down.setTooltip(new Tooltip("Move this stage one place towards the consumers"));
            remove.setTooltip(new Tooltip("Remove this stage and the link after it"));
            remove.setId("hopRemove" + index);
            up.setOnAction(e -> vm.moveHop(index, -1));
            down.setOnAction(e -> vm.moveHop(index, +1));
            remove.setOnAction(e -> vm.removeHop(index));
            HBox title = new HBox(6, nameField, up, down, remove);
            title.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(nameField, Priority.ALWAYS);
            HBox link = new HBox(6, label("Link after it:"), policyBox);
            Label deadlineCaption = label("Timeout");
            deadlineCaption.setPrefWidth(64);
            deadlineCaption.setLabelFor(timeoutField);
            deadlineRow.getChildren().setAll(deadlineCaption, timeoutField, timeoutUnit);
            deadlineRow.setAlignment(Pos.CENTER_LEFT);
            link.setAlignment(Pos.CENTER_LEFT);
            policyBox.setMinWidth(80);
            policyBox.setPrefWidth(140);
            box.getChildren().addAll(title,
                    sliderRow("Service", serviceSlider, serviceField, "ms"),
                    sliderRow("Workers", workersSlider, workersField, ""),
                    sliderRow("Link", capacitySlider, capacityField, "items"),
                    link, deadlineRow, boxRow("CoDel", codelField), boxRow("Demand", demandField),
                    boxRow("Limit", limitField), decoupled, checksDeadlines);
        }

        /** A per-run box of this stage that may be left empty (off): its id, prompt, tooltip and binding. */
        private void optional(TextField field, String id, String prompt, HopField hop, String tip) {
            field.setId(id + index);
            field.setPromptText(prompt);
            field.setPrefColumnCount(8);
            field.setTooltip(new Tooltip(tip + " Applies at the next Start."));
            bind(field, hop);
        }

        /** A caption and a box that takes the rest of the row. */
        private static HBox boxRow(String text, TextField field) {
            Label caption = label(text);
            caption.setPrefWidth(64);
            caption.setLabelFor(field);
            HBox row = new HBox(6, caption, field);
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(field, Priority.ALWAYS);
            return row;
        }

        /** A caption, a slider, the exact box and its unit, as in the experiment's settings. */
        private static HBox sliderRow(String caption, Slider slider, TextField field, String unit) {
            Label name = label(caption);
            name.setPrefWidth(64);
            name.setLabelFor(field);
            Label units = label(unit);
            units.setPrefWidth(40);
            HBox row = new HBox(6, name, slider, field, units);
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(slider, Priority.ALWAYS);
            slider.setMaxWidth(Double.MAX_VALUE);
            slider.setMinWidth(60);
            return row;
        }

        /**
         * A live setting of this stage: the slider and the box show {@code value} (kept equal to
         * the draft by {@link #show}); a drag or a typed value goes to the view model, which
         * applies it to the running pipeline at once or says why not.
         */
        private void live(Setting setting, Slider slider, TextField field, DoubleProperty value, HopField hop) {
            SettingBinding.bind(setting, slider, field, value, (s, text) -> vm.submitHop(index, hop, text));
            slider.valueChangingProperty().subscribe(vm::adjusting);
            value.addListener((o, a, b) -> {
                if (!syncing && index < vm.config().hops().size()
                        && !vm.submitHop(index, hop, setting.format(b.doubleValue()))) {
                    show(vm.config().hops().get(index), index, vm.config().hops().size());
                }
            });
        }

        private static Label label(String text) {
            Label l = new Label(text);
            l.getStyleClass().add("bf-hint");
            l.setMinWidth(Region.USE_PREF_SIZE);
            return l;
        }

        private void bind(TextField box, HopField field) {
            RunFieldBinding.editable(box, () -> index < vm.config().hops().size() ? vm.showHop(index, field) : box.getText(),
                    text -> index < vm.config().hops().size() && vm.submitHop(index, field, text));
        }

        void show(Hop h, int at, int count) {
            syncing = true;
            try {
                showUnlessTyping(nameField, vm.showHop(index, HopField.NAME));
                service.set(h.serviceMs());
                workers.set(h.workers());
                capacity.set(h.capacity());
                policyBox.setValue(h.policy().kind());
                boolean timed = h.policy() instanceof SendPolicy.Timeout;
                deadlineRow.setVisible(timed);
                deadlineRow.setManaged(timed);
                if (timed) {
                    showUnlessTyping(timeoutField, vm.showHop(index, HopField.TIMEOUT_MS));
                }
                decoupled.setSelected(!h.coupled());
                showUnlessTyping(codelField, vm.showHop(index, HopField.CODEL));
                showUnlessTyping(demandField, vm.showHop(index, HopField.DEMAND));
                showUnlessTyping(limitField, vm.showHop(index, HopField.LIMIT));
                checksDeadlines.setSelected(h.checksDeadlines());
                checksDeadlines.setDisable(vm.config().callers().deadlineMs() == 0 && !h.checksDeadlines());
                capacityField.setDisable(!h.policy().bounded());
                capacitySlider.setDisable(!h.policy().bounded());
                up.setDisable(at == 0);
                down.setDisable(at == count - 1);
            } finally {
                syncing = false;
            }
        }

    }
}
