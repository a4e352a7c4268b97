package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files the store writes and reads: nothing clobbered, no two presets in one file, no special file read. */
class PresetFilesTest {

    @TempDir
    Path dir;

    private static Preset preset(String name, int capacity) {
        return new Preset(name, "mine", new ExperimentConfig(capacity, 100, 500, 1, 1), 30);
    }

    private PresetStore store() {
        return new PresetStore(dir.resolve("presets"));
    }

    private static void mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, proc.waitFor());
    }

    @Test
    void exportKeepsAnExistingFileUnlessForced() throws Exception {
        Path theirs = dir.resolve("notes.txt");
        Files.writeString(theirs, "my own notes");
        PresetStore store = store();
        Preset p = store.builtIns().get(0);
        PresetException e = assertThrows(PresetException.class, () -> store.exportTo(p, theirs, false));
        assertTrue(e.getMessage().contains("already exists; nothing was written (use --force to replace it)"), e.getMessage());
        assertEquals("my own notes", Files.readString(theirs));
        store.exportTo(p, theirs, true);
        assertTrue(Files.readString(theirs).contains("\"schemaVersion\""));
    }

    @Test
    void exportNeverReplacesALinkADeviceOrAPipeNorCreatesAFolder() throws Exception {
        PresetStore store = store();
        Preset p = store.builtIns().get(0);
        Path target = dir.resolve("target.txt");
        Files.writeString(target, "kept");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        PresetException e = assertThrows(PresetException.class, () -> store.exportTo(p, link, true));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals("kept", Files.readString(target));

        Path fifo = dir.resolve("pipe");
        mkfifo(fifo);
        e = assertThrows(PresetException.class, () -> store.exportTo(p, fifo, true));
        assertTrue(e.getMessage().contains("is not a regular file (a named pipe)"), e.getMessage());
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a pipe");

        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        e = assertThrows(PresetException.class, () -> store.exportTo(p, folder, true));
        assertTrue(e.getMessage().contains("is not a regular file (a folder)"), e.getMessage());

        Path nowhere = dir.resolve("missing").resolve("x.backflow.json");
        e = assertThrows(PresetException.class, () -> store.exportTo(p, nowhere, false));
        assertTrue(e.getMessage().contains("there is no folder"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")), "no folder created");
    }

    @Test
    void anExportGetsTheUsersNormalFileMode() throws Exception {
        PresetStore store = store();
        Path reference = Files.createFile(dir.resolve("reference")); // what the umask gives a new file
        Path exported = dir.resolve("shared.backflow.json");
        store.exportTo(store.builtIns().get(0), exported, false);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(exported));
        assertNotEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), expected,
                "this check needs a umask that lets others read, as the usual 022 does");
    }

    @Test
    void twoNamesThatMakeTheSameFileNameNeverShareAFile() throws Exception {
        PresetStore store = store();
        store.save(preset("My Lab", 3), false);
        Path x = dir.resolve("x.json");
        Files.write(x, new PresetCodec().write(preset("my-lab!", 7)));
        store.importFile(x, true); // --replace: replaces a preset *called* "my-lab!", of which there is none
        List<Preset> all = store.list(new ArrayList<>());
        assertEquals(List.of("My Lab", "my-lab!"), all.stream().map(Preset::name).toList());
        assertEquals(3, store.find("My Lab").orElseThrow().config().capacity(), "My Lab is intact");
        assertNotEquals(store.fileFor("My Lab"), store.fileFor("my-lab!"));

        PresetException again = assertThrows(PresetException.class, () -> store.importFile(x, false));
        assertTrue(again.getMessage().contains("a preset called \"my-lab!\" already exists"), again.getMessage());

        String stem = "a".repeat(60);
        store.save(preset(stem + " one", 1), false);
        store.save(preset(stem + " two", 2), false);
        assertEquals(1, store.find(stem + " one").orElseThrow().config().capacity());
        assertEquals(2, store.find(stem + " two").orElseThrow().config().capacity());
        assertEquals(4, store.list(new ArrayList<>()).size());
        store.delete(stem + " one");
        assertEquals(2, store.find(stem + " two").orElseThrow().config().capacity(), "deleting one keeps the other");
    }

    @Test
    void aDeviceOrAPipeIsNeverReadAsAPreset() throws Exception {
        PresetStore store = store();
        Path zero = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("/dev/zero"));
        PresetException e = assertThrows(PresetException.class, () -> store.read(zero));
        assertTrue(e.getMessage().contains("is not a regular file (a character device)"), e.getMessage());
        Path fifo = dir.resolve("fifo.backflow.json");
        mkfifo(fifo);
        e = assertThrows(PresetException.class, () -> store.read(fifo)); // before the fix: blocked for ever
        assertTrue(e.getMessage().contains("is not a regular file (a named pipe)"), e.getMessage());
    }

    @Test
    void anUnreadablePresetsFolderDoesNotHideTheBuiltIns() throws Exception {
        PresetStore store = store();
        store.save(preset("Mine", 2), false);
        store.useLister((folder, glob) -> {
            throw new java.nio.file.AccessDeniedException(folder.toString());
        });
        assertTrue(store.find("first-tutorial").isPresent(), "built-ins still found");
        PresetException e = assertThrows(PresetException.class, () -> store.find("Mine"));
        assertTrue(e.getMessage().contains("cannot be read (permission denied)"), e.getMessage());
    }
}
