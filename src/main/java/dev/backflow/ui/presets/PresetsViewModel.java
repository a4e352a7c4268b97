package dev.backflow.ui.presets;

import dev.backflow.ui.settings.MainViewModel;

import dev.backflow.engine.Engine;
import dev.backflow.preset.Preset;
import dev.backflow.preset.PresetException;
import dev.backflow.preset.PresetStore;
import dev.backflow.units.Units;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The preset picker's state and actions, without a toolkit: which presets exist (built-in and
 * the person's own), which one is loaded, whether the settings differ from it, and every action
 * on presets. Actions that could lose something report {@link Result#NEEDS_CONFIRMATION} rather
 * than go ahead; the window asks, then calls again with the confirmation.
 *
 * <p><b>Threading.</b> Properties and actions belong to the FX thread (or one test thread). File
 * work (reading the folder, saving, renaming, importing, remembering the last used preset) never
 * runs there: each action does its checks, hands the file work to {@code io}, and applies the
 * outcome through {@code fx}, completing the returned stage there. While any file work is under
 * way {@link #busyProperty()} is true, so the window can show it and refuse a second action.
 * Tests pass direct executors and get every action done by the time it returns.
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

    /** File work that may fail with a message for a person. */
    @FunctionalInterface
    private interface FileWork<T> {
        T run() throws PresetException;
    }

    /** What the presets folder held when it was read, and what could not be read. */
    private record Listing(List<Entry> entries, String problem) {
    }

    private final PresetStore store;
    private final MainViewModel main;
    private final Engine engine;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> loaded = new SimpleObjectProperty<>();
    private final DoubleProperty chartWindow = new SimpleDoubleProperty(30);
    private final BooleanBinding modified;
    private final BooleanBinding canSave = Bindings.createBooleanBinding(
            () -> loaded.get() != null && !loaded.get().builtIn(), loaded);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private int inFlight;
    private String problem = "";
    /** Completes once the folder has first been read. */
    private final CompletionStage<Result> firstListing;

    /**
     * @param io where file work runs (one background thread in the window)
     * @param fx where outcomes are applied (the FX thread in the window)
     */
    public PresetsViewModel(PresetStore store, MainViewModel main, Engine engine, Executor io, Executor fx) {
        this.store = Objects.requireNonNull(store);
        this.main = Objects.requireNonNull(main);
        this.engine = Objects.requireNonNull(engine);
        this.io = Objects.requireNonNull(io);
        this.fx = Objects.requireNonNull(fx);
        entries.setAll(store.builtIns().stream().map(p -> new Entry(p, true)).toList());
        modified = Bindings.createBooleanBinding(() -> {
            Entry e = loaded.get();
            return e != null && (!e.preset().config().equals(main.draftProperty().get())
                    || e.preset().chartWindowSeconds() != chartWindow.get());
        }, loaded, main.draftProperty(), chartWindow);
        firstListing = refresh();
    }

    /** For tests: file work and outcomes on the calling thread. */
    PresetsViewModel(PresetStore store, MainViewModel main, Engine engine) {
        this(store, main, engine, Runnable::run, Runnable::run);
    }

    /**
     * Runs {@code work} on the file thread, then {@code apply} on the FX thread with its result;
     * a failure becomes {@link #problem()} and {@link Result#FAILED}. Never throws.
     */
    private <T> CompletionStage<Result> withFiles(FileWork<T> work, Function<T, Result> apply) {
        inFlight++;
        busy.set(true);
        CompletableFuture<Result> outcome = new CompletableFuture<>();
        io.execute(() -> {
            T value = null;
            String failure = null;
            try {
                value = work.run();
            } catch (PresetException | IllegalArgumentException e) {
                failure = Units.capitalize(e.getMessage());
            } catch (RuntimeException e) {
                failure = "The presets folder could not be used: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            }
            T result = value;
            String why = failure;
            fx.execute(() -> {
                inFlight--;
                busy.set(inFlight > 0);
                if (why != null) {
                    problem = why;
                    outcome.complete(Result.FAILED);
                } else {
                    outcome.complete(apply.apply(result));
                }
            });
        });
        return outcome;
    }

    private static CompletionStage<Result> now(Result r) {
        return CompletableFuture.completedFuture(r);
    }

    /** Reads the presets folder (on the file thread). Broken files are skipped and named. */
    private Listing list() throws PresetException {
        // Yours first: what a person comes back to is not buried under two dozen built-ins.
        List<Entry> all = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        store.list(broken).forEach(p -> all.add(new Entry(p, false)));
        store.builtIns().forEach(p -> all.add(new Entry(p, true)));
        return new Listing(all, broken.isEmpty() ? "" : "Some preset files were skipped:\n" + String.join("\n", broken));
    }

    /** Shows a fresh listing, keeping the loaded preset selected (or selecting {@code select}). */
    private void show(Listing listing, String select) {
        problem = listing.problem();
        Entry current = loaded.get();
        entries.setAll(listing.entries());
        String name = select != null ? select : current == null ? null : current.preset().name();
        if (name != null) {
            loaded.set(listing.entries().stream()
                    .filter(e -> e.preset().name().equalsIgnoreCase(name) && (select == null || !e.builtIn()))
                    .findFirst().orElse(null));
        }
    }

    /** Re-reads the presets folder. Broken files are skipped and reported in {@link #problem()}. */
    public CompletionStage<Result> refresh() {
        return withFiles(this::list, listing -> {
            show(listing, null);
            return Result.DONE;
        });
    }

    /**
     * Loads a preset: the run shown so far (running or ended) is cleared first, so the charts,
     * the pipeline view and the status start afresh from the new settings at once, and nothing
     * runs on half of them; then every setting is replaced at once. Remembering it as the last
     * used preset happens on the file thread; a failure there only costs that memory.
     */
    public void load(Entry e) {
        if (e == null) {
            return;
        }
        if (engine.state() != Engine.State.IDLE) {
            main.reset();
        }
        main.apply(e.preset().config());
        chartWindow.set(e.preset().chartWindowSeconds());
        loaded.set(e);
        String name = e.preset().name();
        io.execute(() -> store.rememberLastUsed(name));
    }

    /** Loads the preset used last time, or the first tutorial, once the folder has been read. */
    public CompletionStage<Result> restoreLastUsed() {
        return firstListing.thenCompose(listed -> withFiles(() -> store.lastUsed().map(Preset::name).orElse(""), last -> {
            Entry pick = entries.stream().filter(e -> e.preset().name().equals(last)).findFirst()
                    .orElse(entries.stream().filter(Entry::builtIn).findFirst().orElse(entries.isEmpty() ? null : entries.getFirst()));
            load(pick);
            return Result.DONE;
        }));
    }

    /** Loads a preset file (e.g. opened from the file manager) without adding it to the store. */
    public CompletionStage<Result> open(Path file) {
        return withFiles(() -> store.read(file), p -> {
            load(new Entry(p, false));
            return Result.DONE;
        });
    }

    private Preset current(String name) {
        String description = loaded.get() != null && loaded.get().preset().name().equals(name)
                ? loaded.get().preset().description() : "";
        return new Preset(name, description, main.config(), chartWindow.get());
    }

    /** Saves over the loaded preset; a built-in (or nothing loaded) needs Save As instead. */
    public boolean canSave() {
        return canSave.get();
    }

    /** True while the loaded preset is the person's own: Save, Rename and Delete apply to it. */
    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    /** Saves the settings into the loaded preset (it is the person's own, so no confirmation). */
    public CompletionStage<Result> save() {
        if (!canSave()) {
            problem = "Built-in presets cannot be changed: use Save As to keep your version.";
            return now(Result.FAILED);
        }
        return saveAs(loaded.get().preset().name(), true);
    }

    /**
     * Saves the settings under {@code name}.
     *
     * @param replaceConfirmed the person agreed to replace an existing preset of that name
     */
    public CompletionStage<Result> saveAs(String name, boolean replaceConfirmed) {
        Preset p;
        try {
            p = current(Preset.checkName(name));
        } catch (IllegalArgumentException e) {
            problem = Units.capitalize(e.getMessage());
            return now(Result.FAILED);
        }
        if (!replaceConfirmed && existsMine(p.name())) {
            problem = "A preset called \"" + p.name() + "\" already exists. Replace it?";
            return now(Result.NEEDS_CONFIRMATION);
        }
        return withFiles(() -> {
            store.save(p, replaceConfirmed);
            store.rememberLastUsed(p.name());
            return list();
        }, listing -> {
            show(listing, p.name());
            return Result.DONE;
        });
    }

    /** Renames the loaded preset (one of the person's own). */
    public CompletionStage<Result> rename(String newName) {
        if (!canSave()) {
            problem = "Only your own presets can be renamed.";
            return now(Result.FAILED);
        }
        String target;
        try {
            target = Preset.checkName(newName);
        } catch (IllegalArgumentException e) {
            problem = Units.capitalize(e.getMessage());
            return now(Result.FAILED);
        }
        String from = loaded.get().preset().name();
        if (!target.equalsIgnoreCase(from) && existsMine(target)) {
            problem = "A preset called \"" + target + "\" already exists; choose another name.";
            return now(Result.FAILED);
        }
        return withFiles(() -> {
            Preset renamed = store.rename(from, target);
            store.rememberLastUsed(renamed.name());
            return list();
        }, listing -> {
            show(listing, target);
            return Result.DONE;
        });
    }

    /** Deletes the loaded preset; only after the person confirmed. */
    public CompletionStage<Result> delete(boolean confirmed) {
        if (!canSave()) {
            problem = "Built-in presets cannot be deleted.";
            return now(Result.FAILED);
        }
        String name = loaded.get().preset().name();
        if (!confirmed) {
            problem = "Delete the preset \"" + name + "\"? This cannot be undone.";
            return now(Result.NEEDS_CONFIRMATION);
        }
        return withFiles(() -> {
            store.delete(name);
            return list();
        }, listing -> {
            loaded.set(null);
            show(listing, null);
            return Result.DONE;
        });
    }

    /** Adds a preset file to the person's presets, and loads it. */
    public CompletionStage<Result> importFile(Path file, boolean replaceConfirmed) {
        CompletableFuture<Preset> read = new CompletableFuture<>();
        return withFiles(() -> store.read(file), p -> {
            read.complete(p);
            return Result.DONE;
        }).thenCompose(r -> r == Result.DONE ? importRead(read.join(), replaceConfirmed) : now(r));
    }

    private CompletionStage<Result> importRead(Preset p, boolean replaceConfirmed) {
        if (store.isBuiltIn(p.name())) {
            problem = "\"" + p.name() + "\" has the name of a built-in preset; rename it in the file first.";
            return now(Result.FAILED);
        }
        if (!replaceConfirmed && existsMine(p.name())) {
            problem = "A preset called \"" + p.name() + "\" already exists. Replace it with the imported one?";
            return now(Result.NEEDS_CONFIRMATION);
        }
        return withFiles(() -> {
            store.save(p, true);
            return list();
        }, listing -> {
            show(listing, p.name());
            load(loaded.get());
            return Result.DONE;
        });
    }

    /** Writes the current settings, under the loaded preset's name, to a file. */
    public CompletionStage<Result> exportTo(Path file) {
        Preset p = current(loaded.get() != null ? loaded.get().preset().name() : "My experiment");
        return withFiles(() -> {
            store.exportTo(p, file, true); // the file chooser has asked before replacing a file
            return p;
        }, written -> Result.DONE);
    }

    private boolean existsMine(String name) {
        return entries.stream().anyMatch(e -> !e.builtIn() && e.preset().name().equalsIgnoreCase(name));
    }



    public ObservableList<Entry> entries() { return entries; }
    /** True while file work is under way. */
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    public ReadOnlyObjectProperty<Entry> loadedProperty() { return loaded; }
    public BooleanBinding modifiedProperty() { return modified; }
    public DoubleProperty chartWindowProperty() { return chartWindow; }
    /** What went wrong (or what needs confirming) in the last action. */
    public String problem() { return problem; }
    public PresetStore store() { return store; }
}
