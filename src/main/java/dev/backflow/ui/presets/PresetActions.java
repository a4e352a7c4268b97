package dev.backflow.ui.presets;

import dev.backflow.ui.common.Dialogs;

import dev.backflow.preset.PresetStore;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What the File menu and the preset bar do with presets: ask, confirm, then let the
 * {@link PresetsViewModel} do the file work off the FX thread, and say what went wrong when it
 * did. One place, used by both. FX thread only.
 */
public final class PresetActions {

    private final PresetsViewModel presets;
    private final Dialogs dialogs;

    public PresetActions(PresetsViewModel presets, Dialogs dialogs) {
        this.presets = Objects.requireNonNull(presets);
        this.dialogs = Objects.requireNonNull(dialogs);
    }

    public PresetsViewModel presets() {
        return presets;
    }

    /** Saves into the loaded preset, or asks for a name when it cannot be saved over. */
    public void save() {
        if (!ready()) {
            return;
        }
        if (!presets.canSave()) {
            saveAs();
            return;
        }
        report(presets.save());
    }

    public void saveAs() {
        if (!ready()) {
            return;
        }
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        String suggestion = e == null ? "My experiment" : e.builtIn() ? e.preset().name() + " (mine)" : e.preset().name();
        dialogs.ask("Save preset as", "Name of the new preset:", suggestion)
                .ifPresent(name -> confirmed(() -> presets.saveAs(name, false), () -> presets.saveAs(name, true), "Replace preset?"));
    }

    public void rename() {
        if (!ready()) {
            return;
        }
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        if (e == null || e.builtIn()) {
            dialogs.error("Only your own presets can be renamed.");
            return;
        }
        dialogs.ask("Rename preset", "New name:", e.preset().name()).ifPresent(name -> report(presets.rename(name)));
    }

    public void delete() {
        if (ready()) {
            confirmed(() -> presets.delete(false), () -> presets.delete(true), "Delete preset?");
        }
    }

    public void importFile() {
        if (!ready()) {
            return;
        }
        File f = chooser("Import a preset").showOpenDialog(dialogs.owner());
        if (f != null) {
            confirmed(() -> presets.importFile(f.toPath(), false), () -> presets.importFile(f.toPath(), true), "Replace preset?");
        }
    }

    public void exportFile() {
        if (!ready()) {
            return;
        }
        FileChooser chooser = chooser("Export the preset");
        PresetsViewModel.Entry e = presets.loadedProperty().get();
        chooser.setInitialFileName(PresetStore.safeFileName(e == null ? "my-experiment" : e.preset().name()) + PresetStore.SUFFIX);
        File f = chooser.showSaveDialog(dialogs.owner());
        if (f != null) {
            report(presets.exportTo(f.toPath()));
        }
    }

    /** One action at a time: while file work is under way, another would race with it. */
    private boolean ready() {
        return !presets.busyProperty().get();
    }

    /** Runs {@code first}; if it needs confirmation, asks, then runs {@code confirmed}. */
    private void confirmed(Supplier<CompletionStage<PresetsViewModel.Result>> first,
                           Supplier<CompletionStage<PresetsViewModel.Result>> confirmed, String question) {
        first.get().thenAccept(r -> {
            if (r == PresetsViewModel.Result.NEEDS_CONFIRMATION) {
                if (dialogs.confirm(question, presets.problem())) {
                    report(confirmed.get());
                }
            } else {
                show(r);
            }
        });
    }

    private void report(CompletionStage<PresetsViewModel.Result> outcome) {
        outcome.thenAccept(this::show);
    }

    private void show(PresetsViewModel.Result r) {
        if (r == PresetsViewModel.Result.FAILED) {
            dialogs.error(presets.problem());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Backflow presets", "*.backflow.json"),
                new FileChooser.ExtensionFilter("JSON files", "*.json"));
        return chooser;
    }
}
