package dev.backflow.ui.presets;

import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.Setting;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.PresetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preset picker's rules, without a toolkit. */
class PresetsViewModelTest {

    @TempDir
    Path dir;

    private final Engine engine = new Engine(ExperimentConfig.DEFAULT);
    private final MainViewModel main = new MainViewModel(engine);

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private static PresetsViewModel.Result done(java.util.concurrent.CompletionStage<PresetsViewModel.Result> action) {
        return action.toCompletableFuture().join();
    }

    private PresetsViewModel presets() {
        return new PresetsViewModel(new PresetStore(dir), main, engine);
    }

    @Test
    void loadingAPresetReplacesEverySettingAndClearsTheModifiedMark() {
        PresetsViewModel p = presets();
        PresetsViewModel.Entry timeout = p.entries().stream().filter(e -> e.preset().name().equals("Send with a timeout"))
                .findFirst().orElseThrow();
        p.load(timeout);
        assertEquals(timeout.preset().config(), engine.config());
        assertFalse(p.modifiedProperty().get());
        main.valueOf(Setting.CAPACITY).set(11);
        assertTrue(p.modifiedProperty().get(), "settings differ from the loaded preset");
    }

    @Test
    void loadingWhileRunningClearsTheRunFirst() {
        PresetsViewModel p = presets();
        main.startOrPause();
        assertEquals(Engine.State.RUNNING, engine.state());
        p.load(p.entries().get(1));
        assertEquals(Engine.State.IDLE, engine.state(),
                "never a run on half-applied settings, and the old run's views go with it");
        assertEquals(p.entries().get(1).preset().config(), engine.config());
    }

    @Test
    void builtInsNeedSaveAsAndAnExistingNameNeedsConfirmation() throws Exception {
        PresetsViewModel p = presets();
        p.load(p.entries().getFirst());
        assertFalse(p.canSave());
        assertEquals(PresetsViewModel.Result.FAILED, done(p.save()));
        main.valueOf(Setting.CAPACITY).set(8);
        assertEquals(PresetsViewModel.Result.DONE, done(p.saveAs("Class demo", false)));
        assertFalse(p.modifiedProperty().get());
        assertTrue(p.canSave());
        main.valueOf(Setting.CAPACITY).set(9);
        assertEquals(PresetsViewModel.Result.NEEDS_CONFIRMATION, done(p.saveAs("class demo", false)));
        assertTrue(p.problem().contains("already exists"));
        assertEquals(8, new PresetStore(dir).find("Class demo").orElseThrow().config().capacity(), "nothing replaced yet");
        assertEquals(PresetsViewModel.Result.DONE, done(p.saveAs("Class demo", true)));
        assertEquals(9, new PresetStore(dir).find("Class demo").orElseThrow().config().capacity());
    }

    @Test
    void deleteAsksFirstAndRenameRefusesClashes() throws Exception {
        PresetsViewModel p = presets();
        assertEquals(PresetsViewModel.Result.DONE, done(p.saveAs("One", false)));
        assertEquals(PresetsViewModel.Result.DONE, done(p.saveAs("Two", false)));
        assertEquals(PresetsViewModel.Result.FAILED, done(p.rename("one")));
        assertEquals(PresetsViewModel.Result.DONE, done(p.rename("Three")));
        assertEquals("Three", p.loadedProperty().get().preset().name());
        assertEquals(PresetsViewModel.Result.NEEDS_CONFIRMATION, done(p.delete(false)));
        assertTrue(new PresetStore(dir).find("Three").isPresent(), "not deleted before confirmation");
        assertEquals(PresetsViewModel.Result.DONE, done(p.delete(true)));
        assertTrue(new PresetStore(dir).find("Three").isEmpty());
    }

    @Test
    void aBrokenImportIsRefusedWithTheReasonAndTheLastUsedIsRestored() throws Exception {
        PresetsViewModel p = presets();
        Path bad = dir.resolve("x.backflow.json");
        Files.writeString(bad, "{\"schemaVersion\": 9, \"name\": \"x\", \"settings\": {}}");
        assertEquals(PresetsViewModel.Result.FAILED, done(p.importFile(bad, false)));
        assertTrue(p.problem().contains("made by a newer Backflow"), p.problem());

        p.load(p.entries().get(2));
        PresetsViewModel fresh = presets();
        done(fresh.restoreLastUsed());
        assertEquals(p.entries().get(2).preset().name(), fresh.loadedProperty().get().preset().name());
    }

    @Test
    void fileWorkNeverRunsOnTheCallingThreadAndTheWindowSeesItBusy() throws Exception {
        java.util.ArrayDeque<Runnable> fileThread = new java.util.ArrayDeque<>();
        PresetsViewModel p = new PresetsViewModel(new PresetStore(dir), main, engine, fileThread::add, Runnable::run);
        assertTrue(p.busyProperty().get(), "the first listing is under way");
        fileThread.poll().run();
        assertFalse(p.busyProperty().get());

        main.valueOf(Setting.CAPACITY).set(12);
        var saved = p.saveAs("Queued", false).toCompletableFuture();
        assertTrue(p.busyProperty().get(), "saving shows as busy");
        assertFalse(saved.isDone(), "nothing was written on the calling thread");
        assertFalse(Files.exists(dir.resolve("queued.backflow.json")));
        fileThread.poll().run();
        assertEquals(PresetsViewModel.Result.DONE, saved.getNow(null));
        assertFalse(p.busyProperty().get());
        assertTrue(Files.exists(dir.resolve("queued.backflow.json")));
        assertEquals("Queued", p.loadedProperty().get().preset().name());

        p.load(p.entries().getFirst());
        assertEquals(p.entries().getFirst().preset().config(), engine.config(), "settings apply at once");
        assertEquals(1, fileThread.size(), "remembering the last used preset is file work too");
    }

    @Test
    void aFailureOnTheFileThreadBecomesAMessageNotAnException() throws Exception {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        PresetsViewModel p = new PresetsViewModel(new PresetStore(notADir), main, engine, Runnable::run, Runnable::run);
        assertEquals(PresetsViewModel.Result.FAILED, done(p.saveAs("Anything", false)));
        assertFalse(p.problem().isBlank(), "the person is told why");
        assertFalse(p.busyProperty().get());
    }
}
