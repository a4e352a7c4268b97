package dev.backflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What `backflow ARGS` leads to, decided before anything starts. */
class FrontDoorTest {

    @TempDir
    Path dir;

    private static FrontDoor.Refuse refused(String... args) {
        return assertInstanceOf(FrontDoor.Refuse.class, FrontDoor.route(args));
    }

    @Test
    void noArgumentsOpensTheWindow() {
        FrontDoor.Window w = assertInstanceOf(FrontDoor.Window.class, FrontDoor.route(new String[0]));
        assertNull(w.open());
        assertNull(w.presetsDir());
    }

    @Test
    void commandsAndHelpGoToTheCommandLine() {
        for (String first : List.of("run", "presets", "help", "--help", "-h", "--version", "-V", "generate-completion")) {
            FrontDoor.CommandLine c = assertInstanceOf(FrontDoor.CommandLine.class, FrontDoor.route(new String[] {first, "x"}));
            assertEquals(List.of(first, "x"), c.args());
        }
    }

    @Test
    void aTypoIsAnUnknownCommandWithASuggestionAndTheListOfCommands() {
        FrontDoor.Refuse r = refused("rnu");
        assertEquals(2, r.exitCode());
        assertTrue(r.message().startsWith("backflow: unknown command 'rnu' (did you mean 'run'?)."), r.message());
        assertTrue(r.message().contains("presets "), "the commands are listed: " + r.message());
        assertTrue(refused("presest").message().contains("(did you mean 'presets'?)"));
        assertTrue(refused("hlep").message().contains("(did you mean 'help'?)"));
        assertTrue(refused("comapre").message().contains("(did you mean 'compare'?)"));
    }

    @Test
    void aWordFarFromEveryCommandGetsNoGuess() {
        FrontDoor.Refuse r = refused("bananas");
        assertTrue(r.message().startsWith("backflow: unknown command 'bananas'."), r.message());
    }

    @Test
    void anUnknownOptionIsRefused() {
        FrontDoor.Refuse r = refused("--verison");
        assertTrue(r.message().startsWith("backflow: unknown option '--verison' (did you mean '--version'?)."), r.message());
    }

    @Test
    void aMissingOrBrokenPresetFileIsRefusedBeforeAnyWindowOpens() throws Exception {
        assertEquals("backflow: no such preset file: gone.backflow.json", refused("gone.backflow.json").message());
        Path broken = Files.writeString(dir.resolve("broken.backflow.json"), "{ not json");
        FrontDoor.Refuse r = refused(broken.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.message().contains("is not a preset Backflow can open"), r.message());
        assertTrue(refused(dir.toString()).message().contains("is not a file"));
    }

    @Test
    void aGoodPresetFileOpensTheWindowWithIt() throws Exception {
        Path file = dir.resolve("mine.backflow.json");
        int code = BackflowCli.execute(new String[] {"presets", "export", "first-tutorial", file.toString(), "--presets-dir",
                dir.toString()}, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(0, code);
        FrontDoor.Window w = assertInstanceOf(FrontDoor.Window.class,
                FrontDoor.route(new String[] {"--presets-dir", dir.toString(), file.toString()}));
        assertEquals(file, w.open());
        assertEquals(dir, w.presetsDir());
    }

    @Test
    void editDistanceCountsATranspositionAsOne() {
        assertEquals(1, dev.backflow.units.Names.distance("rnu", "run"));
        assertEquals(0, dev.backflow.units.Names.distance("run", "run"));
        assertEquals(3, dev.backflow.units.Names.distance("", "run"));
    }
}
