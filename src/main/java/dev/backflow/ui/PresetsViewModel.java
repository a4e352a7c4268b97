package dev.backflow.ui;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.Preset;
import dev.backflow.preset.PresetException;
import dev.backflow.preset.PresetStore;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The preset picker's state and actions, without a toolkit: which presets exist (built-in and
 * the person's own), which one is loaded, whether the settings differ from it, and every action
 * on presets. Actions that could lose something report {@link Result#NEEDS_CONFIRMATION} rather
 * than go ahead; the window asks, then calls again with the confirmation.
 *
 * <p>FX thread only (or one test thread).
 */
public final class PresetsViewModel {

    /** One row of the picker. */
    public record Entry(Preset preset, boolean builtIn) {
        @Override
        public String toString() {
            return (builtIn ? "Built-in · " : "Yours · ") + preset.name();
        }
    }

    /** How an action went. */
    public enum Result { DONE, NEEDS_CONFIRMATION, FAILED }

    private final PresetStore store;
    private final MainViewModel main;
    private final Engine engine;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> loaded = new SimpleObjectProperty<>();
    private final DoubleProperty chartWindow = new SimpleDoubleProperty(30);
    private final BooleanBinding modified;
    private String problem = "";

    public PresetsViewModel(PresetStore store, MainViewModel main, Engine engine) {
        this.store = Objects.requireNonNull(store);
        this.main = Objects.requireNonNull(main);
        this.engine = Objects.requireNonNull(engine);
        modified = Bindings.createBooleanBinding(() -> {
            Entry e = loaded.get();
            return e != null && (!e.preset().config().equals(main.draftProperty().get())
                    || e.preset().chartWindowSeconds() != chartWindow.get());
        }, loaded, main.draftProperty(), chartWindow);
        refresh();
    }

    /** Re-reads the presets folder. Broken files are skipped and reported in {@link #problem()}. */
    public void refresh() {
        List<Entry> all = new ArrayList<>();
        store.builtIns().forEach(p -> all.add(new Entry(p, true)));
        List<String> broken = new ArrayList<>();
        try {
            store.list(broken).forEach(p -> all.add(new Entry(p, false)));
            problem = broken.isEmpty() ? "" : "Some preset files were skipped:\n" + String.join("\n", broken);
        } catch (PresetException e) {
            problem = e.getMessage();
        }
        Entry current = loaded.get();
        entries.setAll(all);
        if (current != null) {
            loaded.set(all.stream().filter(e -> e.preset().name().equals(current.preset().name())).findFirst().orElse(null));
        }
    }

    /**
     * Loads a preset: a running experiment is stopped first, then every setting is replaced at
     * once, so nothing runs on half of the new settings.
     */
    public void load(Entry e) {
        if (e == null) {
            return;
        }
        if (engine.state() == Engine.State.RUNNING || engine.state() == Engine.State.PAUSED) {
            main.stop();
        }
        main.apply(e.preset().config());
        chartWindow.set(e.preset().chartWindowSeconds());
        loaded.set(e);
        store.rememberLastUsed(e.preset().name());
    }

    /** Loads the preset used last time, or the first tutorial. */
    public void restoreLastUsed() {
        String last = store.lastUsed().map(Preset::name).orElse(null);
        Entry pick = entries.stream().filter(e -> e.preset().name().equals(last)).findFirst()
                .orElse(entries.isEmpty() ? null : entries.getFirst());
        load(pick);
    }

    /** Loads a preset file (e.g. opened from the file manager) without adding it to the store. */
    public Result open(Path file) {
        try {
            Preset p = store.read(file);
            load(new Entry(p, false));
            return Result.DONE;
        } catch (PresetException ex) {
            problem = ex.getMessage();
            return Result.FAILED;
        }
    }

    private Preset current(String name) {
        String description = loaded.get() != null && loaded.get().preset().name().equals(name)
                ? loaded.get().preset().description() : "";
        return new Preset(name, description, main.config(), chartWindow.get());
    }

    /** Saves over the loaded preset; a built-in (or nothing loaded) needs Save As instead. */
    public boolean canSave() {
        return loaded.get() != null && !loaded.get().builtIn();
    }

    /** Saves the settings into the loaded preset (it is the person's own, so no confirmation). */
    public Result save() {
        if (!canSave()) {
            problem = "Built-in presets cannot be changed: use Save As to keep your version.";
            return Result.FAILED;
        }
        return saveAs(loaded.get().preset().name(), true);
    }

    /**
     * Saves the settings under {@code name}.
     *
     * @param replaceConfirmed the person agreed to replace an existing preset of that name
     */
    public Result saveAs(String name, boolean replaceConfirmed) {
        try {
            Preset p = current(Preset.checkName(name));
            if (!replaceConfirmed && existsMine(p.name())) {
                problem = "A preset called \"" + p.name() + "\" already exists. Replace it?";
                return Result.NEEDS_CONFIRMATION;
            }
            store.save(p, replaceConfirmed);
            refresh();
            selectMine(p.name());
            store.rememberLastUsed(p.name());
            return Result.DONE;
        } catch (IllegalArgumentException | PresetException e) {
            problem = dev.backflow.units.Units.capitalize(e.getMessage());
            return Result.FAILED;
        }
    }

    /** Renames the loaded preset (one of the person's own). */
    public Result rename(String newName) {
        if (!canSave()) {
            problem = "Only your own presets can be renamed.";
            return Result.FAILED;
        }
        try {
            String target = Preset.checkName(newName);
            if (!target.equalsIgnoreCase(loaded.get().preset().name()) && existsMine(target)) {
                problem = "A preset called \"" + target + "\" already exists; choose another name.";
                return Result.FAILED;
            }
            Preset renamed = store.rename(loaded.get().preset().name(), target);
            refresh();
            selectMine(renamed.name());
            store.rememberLastUsed(renamed.name());
            return Result.DONE;
        } catch (IllegalArgumentException | PresetException e) {
            problem = dev.backflow.units.Units.capitalize(e.getMessage());
            return Result.FAILED;
        }
    }

    /** Deletes the loaded preset; only after the person confirmed. */
    public Result delete(boolean confirmed) {
        if (!canSave()) {
            problem = "Built-in presets cannot be deleted.";
            return Result.FAILED;
        }
        if (!confirmed) {
            problem = "Delete the preset \"" + loaded.get().preset().name() + "\"? This cannot be undone.";
            return Result.NEEDS_CONFIRMATION;
        }
        try {
            store.delete(loaded.get().preset().name());
            loaded.set(null);
            refresh();
            return Result.DONE;
        } catch (PresetException e) {
            problem = e.getMessage();
            return Result.FAILED;
        }
    }

    /** Adds a preset file to the person's presets. */
    public Result importFile(Path file, boolean replaceConfirmed) {
        try {
            Preset p = store.read(file);
            if (store.isBuiltIn(p.name())) {
                problem = "\"" + p.name() + "\" has the name of a built-in preset; rename it in the file first.";
                return Result.FAILED;
            }
            if (!replaceConfirmed && existsMine(p.name())) {
                problem = "A preset called \"" + p.name() + "\" already exists. Replace it with the imported one?";
                return Result.NEEDS_CONFIRMATION;
            }
            store.save(p, true);
            refresh();
            selectMine(p.name());
            load(loaded.get());
            return Result.DONE;
        } catch (PresetException e) {
            problem = e.getMessage();
            return Result.FAILED;
        }
    }

    /** Writes the current settings, under the loaded preset's name, to a file. */
    public Result exportTo(Path file) {
        try {
            String name = loaded.get() != null ? loaded.get().preset().name() : "My experiment";
            store.exportTo(current(name), file);
            return Result.DONE;
        } catch (PresetException e) {
            problem = e.getMessage();
            return Result.FAILED;
        }
    }

    private boolean existsMine(String name) {
        return entries.stream().anyMatch(e -> !e.builtIn() && e.preset().name().equalsIgnoreCase(name));
    }

    private void selectMine(String name) {
        loaded.set(entries.stream().filter(e -> !e.builtIn() && e.preset().name().equalsIgnoreCase(name))
                .findFirst().orElse(null));
    }


    public ObservableList<Entry> entries() { return entries; }
    public ReadOnlyObjectProperty<Entry> loadedProperty() { return loaded; }
    public BooleanBinding modifiedProperty() { return modified; }
    public DoubleProperty chartWindowProperty() { return chartWindow; }
    /** What went wrong (or what needs confirming) in the last action. */
    public String problem() { return problem; }
    public PresetStore store() { return store; }
}
