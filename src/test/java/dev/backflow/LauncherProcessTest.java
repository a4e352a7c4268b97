package dev.backflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door as a person meets it from a terminal: the real launcher in its own JVM, with
 * no display. Never a stack trace; one message and the documented exit code.
 */
class LauncherProcessTest {

    @TempDir
    Path home;

    record Outcome(int code, String out, String err) {
    }

    private Outcome launch(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + home, "-Dbackflow.log.dir=" + home.resolve("logs"),
                "dev.backflow.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ends by itself");
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread"), "no stack trace: " + text);
    }

    @Test
    void noArgumentsAndNoDisplaySaysSoInOneParagraphWithExitCodeOne() throws Exception {
        Outcome o = launch(Map.of());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("there is no display to open the window on"), o.err());
        assertTrue(o.err().contains("backflow run --preset first-tutorial"), "says how to run headless: " + o.err());
        assertNoStackTrace(o.err());
    }

    @Test
    void aDisplayThatCannotBeOpenedIsOneLineToo() throws Exception {
        // Either GTK is missing or the display is: both end in a sentence, never a stack trace.
        Outcome o = launch(Map.of("DISPLAY", ":31999"));
        assertEquals(1, o.code());
        assertTrue(o.err().contains("backflow: "), o.err());
        assertNoStackTrace(o.err());
    }

    @Test
    void aTypoIsAnUnknownCommandNotAWindow() throws Exception {
        Outcome o = launch(Map.of(), "rnu");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("backflow: unknown command 'rnu' (did you mean 'run'?)."), o.err());
        assertNoStackTrace(o.err());
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Outcome o = launch(Map.of(), "missing.backflow.json");
        assertEquals(2, o.code());
        assertEquals("backflow: no such preset file: missing.backflow.json", o.err().strip());
    }

    @Test
    void theCommandLineStillRunsWithoutADisplay() throws Exception {
        Outcome o = launch(Map.of(), "--version");
        assertEquals(0, o.code());
        assertTrue(o.out().startsWith("Backflow "), o.out());
    }
}
