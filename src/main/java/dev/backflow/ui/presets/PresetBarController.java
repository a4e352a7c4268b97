package dev.backflow.ui.presets;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;

import java.util.Objects;

/** The preset picker: bindings to {@link PresetsViewModel}; actions go through {@link PresetActions}. */
public final class PresetBarController {

    private final PresetActions actions;
    private boolean syncing;

    @FXML private Label modifiedMark;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private ComboBox<PresetsViewModel.Entry> presetBox;
    @FXML private Label presetDescription;
    @FXML private Button savePresetButton;
    @FXML private Button saveAsPresetButton;
    @FXML private MenuButton presetMenuButton;
    @FXML private MenuItem renameItem;
    @FXML private MenuItem deleteItem;

    public PresetBarController(PresetActions actions) {
        this.actions = Objects.requireNonNull(actions);
    }

    @FXML
    private void initialize() {
        PresetsViewModel presets = actions.presets();
        presetBox.setItems(presets.entries());
        presetBox.setPromptText("Choose a preset");
        presetBox.setVisibleRowCount(28); // every built-in (27) at once, and the first of yours; fits 800 px
        // The chosen preset's name (a long one ends in "…" and shows whole, with its kind, in the
        // tooltip and in the list below).
        // The box shows the name alone (the list keeps "Built-in ·" / "Yours ·"); a value that is
        // not in the list (a file opened from the file manager) goes through the converter.
        presetBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PresetsViewModel.Entry e) {
                return e == null ? "" : e.preset().name();
            }

            @Override
            public PresetsViewModel.Entry fromString(String s) {
                throw new UnsupportedOperationException("the preset box is not editable");
            }
        });
        presetBox.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PresetsViewModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.toString());
            }
        });
        presetBox.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PresetsViewModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? presetBox.getPromptText() : e.preset().name());
                setTooltip(empty || e == null ? null : new Tooltip(e.toString()));
            }
        });

        presets.loadedProperty().subscribe(e -> {
            syncing = true;
            try {
                presetBox.setValue(e);
            } finally {
                syncing = false;
            }
            presetDescription.setText(e == null ? "Settings not saved as a preset yet." : e.preset().description());
        });
        savePresetButton.disableProperty().bind(presets.canSaveProperty().not());
        renameItem.disableProperty().bind(presets.canSaveProperty().not());
        deleteItem.disableProperty().bind(presets.canSaveProperty().not());
        presetBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && b != presets.loadedProperty().get()) {
                presets.load(b);
            }
        });
        modifiedMark.visibleProperty().bind(presets.modifiedProperty());
        // While files are being read or written: say so, and take no second action.
        busyIndicator.visibleProperty().bind(presets.busyProperty());
        presetBox.disableProperty().bind(presets.busyProperty());
        saveAsPresetButton.disableProperty().bind(presets.busyProperty());
        presetMenuButton.disableProperty().bind(presets.busyProperty());
        busyIndicator.setTooltip(new Tooltip("Reading or writing preset files…"));
        savePresetButton.setTooltip(new Tooltip("Save these settings into the preset (Ctrl+S)"));
        saveAsPresetButton.setTooltip(new Tooltip("Save these settings as a new preset (Ctrl+Shift+S)"));
    }

    @FXML private void savePreset() { actions.save(); }
    @FXML private void saveAsPreset() { actions.saveAs(); }
    @FXML private void renamePreset() { actions.rename(); }
    @FXML private void deletePreset() { actions.delete(); }
    @FXML private void importPreset() { actions.importFile(); }
    @FXML private void exportPreset() { actions.exportFile(); }
}
