package dev.backflow.ui.compare;

import dev.backflow.ui.common.Dialogs;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Objects;
import java.util.function.Consumer;

/** The A/B window's top bar, table and arrivals line: bindings to {@link CompareViewModel} only. */
public final class CompareController {

    private final CompareViewModel vm;
    private final Consumer<CompareViewModel.Choice> choose;

    @FXML private ComboBox<CompareViewModel.Choice> comparisonBox;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private Label stateLabel;
    @FXML private Label explanationLabel;
    @FXML private HBox sides;
    @FXML private StackPane chartHost;
    @FXML private TableView<CompareViewModel.Row> table;
    @FXML private TableColumn<CompareViewModel.Row, String> figureColumn;
    @FXML private TableColumn<CompareViewModel.Row, String> aColumn;
    @FXML private TableColumn<CompareViewModel.Row, String> bColumn;
    @FXML private TableColumn<CompareViewModel.Row, String> differenceColumn;
    @FXML private Label arrivalsLabel;
    @FXML private Button copyButton;
    @FXML private Label noteLabel;

    /** @param choose puts a comparison on both sides (the window knows "your settings") */
    CompareController(CompareViewModel vm, Consumer<CompareViewModel.Choice> choose) {
        this.vm = Objects.requireNonNull(vm);
        this.choose = Objects.requireNonNull(choose);
    }

    @FXML
    private void initialize() {
        comparisonBox.getItems().setAll(vm.choices());
        comparisonBox.getSelectionModel().selectFirst();
        comparisonBox.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                choose.accept(is);
            }
        });
        startButton.textProperty().bind(vm.startLabelProperty());
        startButton.graphicProperty().bind(vm.startLabelProperty().map(
                label -> new FontIcon(label.startsWith("Pause") ? FontAwesomeSolid.PAUSE : FontAwesomeSolid.PLAY)));
        startButton.setTooltip(new Tooltip("Start, pause or resume both runs together (Space)"));
        stopButton.setGraphic(new FontIcon(FontAwesomeSolid.STOP));
        resetButton.setGraphic(new FontIcon(FontAwesomeSolid.UNDO));
        stopButton.disableProperty().bind(vm.canStopProperty().not());
        resetButton.disableProperty().bind(vm.canResetProperty().not());
        stateLabel.textProperty().bind(vm.stateProperty());
        copyButton.setGraphic(new FontIcon(FontAwesomeSolid.COPY));
        copyButton.setTooltip(new Tooltip("Copy the 'backflow compare' line that runs both sides headless"));
        noteLabel.textProperty().bind(vm.noteProperty());
        explanationLabel.textProperty().bind(vm.explanationProperty());

        table.setItems(vm.rows());
        table.setFixedCellSize(26); // compact: every figure in sight without scrolling
        figureColumn.setCellValueFactory(r -> new javafx.beans.property.ReadOnlyStringWrapper(r.getValue().name()));
        aColumn.setCellValueFactory(r -> r.getValue().aProperty());
        bColumn.setCellValueFactory(r -> r.getValue().bProperty());
        differenceColumn.setCellValueFactory(r -> r.getValue().differenceProperty());
        header(aColumn, vm.nameAProperty().map(n -> "A · " + n));
        header(bColumn, vm.nameBProperty().map(n -> "B · " + n));
        table.setPlaceholder(new Label("Start both to compare."));

        arrivalsLabel.textProperty().bind(vm.arrivalsProperty());
        vm.arrivalsDifferProperty().subscribe(differ -> {
            arrivalsLabel.getStyleClass().remove("bf-differ");
            if (differ) {
                arrivalsLabel.getStyleClass().add("bf-differ");
            }
        });
    }

    /** Puts both sides' columns and the chart in place. */
    void show(Node sideA, Node sideB, Node chart) {
        sides.getChildren().setAll(sideA, sideB);
        chartHost.getChildren().setAll(chart);
    }

    @FXML private void startOrPause() { vm.startOrPause(); }
    @FXML private void stop() { vm.stop(); }
    @FXML private void reset() { vm.reset(); }

    /** Puts the {@code backflow compare} line for both sides on the clipboard. */
    @FXML
    private void copyAsCommand() {
        Dialogs.copy(vm.copyAsCommand());
    }

    /**
     * A column's header as a label with a tooltip: a side's name ("A · Reject (try_send)") may be
     * wider than its column at 1280 px, and then the tooltip says it whole.
     */
    private static void header(TableColumn<?, ?> column, javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.textProperty().bind(text);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text);
        label.setTooltip(tip);
        column.setText(null);
        column.setGraphic(label);
    }
}
