package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetStoreTest {

    @TempDir
    Path dir;

    private static Preset preset(String name, int capacity) {
        return new Preset(name, "mine", new ExperimentConfig(capacity, 100, 500, 1, 1), 30);
    }

    @Test
    void eachOsHasItsConventionalFolder() {
        String saved = System.clearProperty(PresetStore.PROPERTY);
        try {
            assertEquals(Path.of("/x/cfg/backflow/presets"),
                    PresetStore.defaultDir(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "Linux", "/home/a"));
            assertEquals(Path.of("/home/a/.config/backflow/presets"), PresetStore.defaultDir(Map.of(), "Linux", "/home/a"));
            assertEquals(Path.of("/Users/a/Library/Application Support/Backflow/presets"),
                    PresetStore.defaultDir(Map.of(), "Mac OS X", "/Users/a"));
            assertEquals(Path.of("C:/Users/a/AppData/Roaming", "Backflow", "presets"),
                    PresetStore.defaultDir(Map.of("APPDATA", "C:/Users/a/AppData/Roaming"), "Windows 11", "C:/Users/a"));
            assertEquals(Path.of("/override"),
                    PresetStore.defaultDir(Map.of(PresetStore.ENV, "/override", "XDG_CONFIG_HOME", "/x"), "Linux", "/h"));
        } finally {
            if (saved != null) {
                System.setProperty(PresetStore.PROPERTY, saved);
            }
        }
    }

    @Test
    void testsNeverTouchTheRealFolder() {
        assertTrue(PresetStore.forUser().dir().toString().contains("test-presets"),
                "the build points the store at target/test-presets");
    }

    @Test
    void savesListsFindsAndNeverReplacesWithoutBeingAsked() throws Exception {
        PresetStore store = new PresetStore(dir.resolve("presets"));
        Path file = store.save(preset("My run", 7), false);
        assertEquals("my-run.backflow.json", file.getFileName().toString());
        assertEquals(List.of(preset("My run", 7)), store.list(new ArrayList<>()));
        PresetException e = assertThrows(PresetException.class, () -> store.save(preset("MY RUN", 9), false));
        assertTrue(e.getMessage().contains("already exists"));
        assertEquals(7, store.find("my run").orElseThrow().config().capacity(), "the existing preset is unchanged");
        store.save(preset("My run", 9), true);
        assertEquals(9, store.find("My run").orElseThrow().config().capacity());
        try (var files = Files.list(store.dir())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void builtInsAreReadOnlyAndFoundByShortName() throws Exception {
        PresetStore store = new PresetStore(dir);
        assertEquals("First tutorial: a bounded channel", store.find("first-tutorial").orElseThrow().name());
        PresetException e = assertThrows(PresetException.class,
                () -> store.save(preset("First tutorial: a bounded channel", 1), true));
        assertTrue(e.getMessage().contains("is a built-in preset"));
        assertThrows(PresetException.class, () -> store.delete("first-tutorial: a bounded channel"));
    }

    @Test
    void renameDeleteImportAndExport() throws Exception {
        PresetStore store = new PresetStore(dir.resolve("mine"));
        store.save(preset("A", 3), false);
        store.save(preset("B", 4), false);
        PresetException clash = assertThrows(PresetException.class, () -> store.rename("A", "b"));
        assertTrue(clash.getMessage().contains("already exists"));
        store.rename("A", "Renamed");
        assertEquals(List.of("B", "Renamed"), store.list(new ArrayList<>()).stream().map(Preset::name).toList());
        Path exported = Files.createDirectories(dir.resolve("out")).resolve("shared.backflow.json");
        store.exportTo(store.find("Renamed").orElseThrow(), exported, false);
        store.delete("Renamed");
        assertTrue(store.find("Renamed").isEmpty());
        assertEquals(3, store.importFile(exported, false).config().capacity());
        assertEquals(3, store.find("Renamed").orElseThrow().config().capacity());
    }

    @Test
    void brokenFilesAreSkippedReportedAndLeftAlone() throws Exception {
        PresetStore store = new PresetStore(dir);
        store.save(preset("Good", 5), false);
        Path bad = dir.resolve("bad.backflow.json");
        Files.writeString(bad, "{ this is not json");
        List<String> broken = new ArrayList<>();
        assertEquals(1, store.list(broken).size());
        assertEquals(1, broken.size());
        assertTrue(broken.getFirst().contains("bad.backflow.json is not valid JSON"), broken.getFirst());
        assertEquals("{ this is not json", Files.readString(bad), "nothing is lost");
    }

    @Test
    void aFullDiskLosesNothingAndSaysSo() throws Exception {
        PresetStore store = new PresetStore(dir);
        store.save(preset("Keep me", 5), false);
        byte[] before = Files.readAllBytes(store.fileFor("Keep me"));
        store.useWriter((file, bytes) -> {
            Files.write(file, new byte[] {'{'}); // a partial write, then the disk is full
            throw new FileSystemException(file.toString(), null, "No space left on device");
        });
        PresetException e = assertThrows(PresetException.class, () -> store.save(preset("Keep me", 99), true));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(new String(before), Files.readString(store.fileFor("Keep me")), "the old preset is intact");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "the partial file is removed");
        }
    }

    @Test
    void aFolderThatCannotBeCreatedGivesAClearMessage() throws IOException, PresetException {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        PresetStore store = new PresetStore(notADir.resolve("presets"));
        PresetException e = assertThrows(PresetException.class, () -> store.save(preset("X", 1), false));
        assertTrue(e.getMessage().contains("could not be saved in") && e.getMessage().contains("nothing was changed"), e.getMessage());
        PresetStore unreadable = new PresetStore(notADir);
        assertEquals(List.of(), unreadable.list(new ArrayList<>()), "a file where the folder should be lists nothing");
    }

    @Test
    void fileNamesAreSafe() {
        assertEquals("my-run", PresetStore.safeFileName("  My Run! "));
        assertEquals("cafe-creme", PresetStore.safeFileName("Café crème"));
        assertEquals("etc-passwd", PresetStore.safeFileName("../../etc/passwd"));
        assertTrue(PresetStore.safeFileName("CON").startsWith("preset-"));
        assertTrue(PresetStore.safeFileName("???").startsWith("preset-"));
        assertTrue(PresetStore.safeFileName("x".repeat(200)).length() <= 60);
    }

    @Test
    void theLastUsedPresetIsRemembered() throws Exception {
        PresetStore store = new PresetStore(dir);
        assertTrue(store.lastUsed().isEmpty());
        store.save(preset("Mine", 5), false);
        store.rememberLastUsed("Mine");
        assertEquals("Mine", new PresetStore(dir).lastUsed().orElseThrow().name());
        store.rememberLastUsed("send-timeout");
        assertEquals("Send with a timeout", store.lastUsed().orElseThrow().name());
    }

    @Test
    void aHugeFileIsRefusedBeforeReading() throws Exception {
        Path huge = dir.resolve("huge.backflow.json");
        Files.write(huge, new byte[PresetCodec.MAX_BYTES + 10]);
        PresetException e = assertThrows(PresetException.class, () -> new PresetStore(dir).read(huge));
        assertTrue(e.getMessage().contains("at most 1 MB"));
        assertFalse(e.getMessage().contains("JSON"), "refused on size, before parsing");
    }
}
