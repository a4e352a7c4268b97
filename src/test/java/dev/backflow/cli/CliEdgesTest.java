package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.backflow.cli.RunCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line at its edges: Ctrl+C, a heap that runs out, bad paths, odd values, short refusals. */
class CliEdgesTest {

    @TempDir
    Path dir;

    /** The real launcher in its own JVM, as a terminal starts it. */
    private Process launch(List<String> jvm, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Duser.home=" + dir,
                "-Dbackflow.log.dir=" + dir.resolve("logs"), "dev.backflow.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> Thread.ofVirtual().name("drain").start(r)); // not the common pool: a blocked read must starve nothing else
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread") || text.contains("OutOfMemoryError"),
                "no stack trace: " + text);
    }

    /**
     * True when this process ignores SIGINT (a background job of a shell without job control):
     * its children then inherit the ignored signal, and the JVM installs no Ctrl+C handler.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // signal 2, bit 1
            }
        }
        return false;
    }

    @Test
    void ctrlCPrintsTheSummaryOfWhatRan() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(),
                "the tests were started with SIGINT ignored (a background job): Ctrl+C cannot reach a child here");
        Process p = launch(List.of(), "run", "--consumer-delay", "5ms", "--json", "-", "--presets-dir", dir.toString());
        try {
            ctrlC(p);
        } finally {
            p.destroyForcibly(); // a child that outlived its test would hold the pipes (and a pool thread) for ever
        }
    }

    private void ctrlC(Process p) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> out = drain(p.getInputStream());
        String first = err.readLine(); // printed once the run has started
        assertEquals("Running until stopped: press Ctrl+C for the summary.", first);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ends after Ctrl+C");
        String rest = drain(p.getErrorStream()).get(10, TimeUnit.SECONDS);
        JsonNode summary = new ObjectMapper().readTree(out.get(10, TimeUnit.SECONDS));
        assertEquals("stopped", summary.get("outcome").asText(), "the summary was printed: " + rest);
        assertTrue(summary.has("offered") && summary.has("queueWaitMillis"), "the whole summary");
        assertNoStackTrace(rest);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aHeapThatRunsOutEndsTheRunAsKilledNeverHung() throws Exception {
        Process p = launch(List.of("-Xmx256m"), "run", "--policy", "unbounded", "--rate", "1M", "--producers", "4",
                "--consumer-delay", "10ms", "--item-size", "1", "--memory-budget", "10000000", "--duration", "20s",
                "--json", "-", "--presets-dir", dir.toString());
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), err.get());
        JsonNode summary = new ObjectMapper().readTree(out.get());
        assertEquals("killed-out-of-memory", summary.get("outcome").asText());
        assertNoStackTrace(err.get());
    }

    @Test
    void aBudgetTheHeapCannotHoldIsRefusedWithTheMaximumHeap() throws Exception {
        Process p = launch(List.of("-Xmx128m"), "run", "--policy", "unbounded", "--memory-budget", "1GiB",
                "--duration", "1s", "--presets-dir", dir.toString());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err.get());
        assertTrue(err.get().contains("more than this JVM can hold: its maximum heap is 128.0 MiB"), err.get());
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsRefusedBeforeAnythingRuns() {
        long t0 = System.nanoTime();
        RunCommandTest.Result r = run("run", "--duration", "30s", "--json", dir.resolve("no/such/folder/x.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--json: cannot write"), r.err());
        assertEquals("", r.out(), "nothing ran");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(25), "refused before the 30 s run");
    }

    @Test
    void aWriteThatFailsDuringTheRunNamesTheFileAndStillPrintsTheSummary() {
        RunCommandTest.Result r = run("run", "--items", "20", "--consumer-delay", "0", "--rate", "10k",
                "--csv", "/dev/full", "--presets-dir", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("Outcome"), "the summary is printed: " + r.out());
        assertTrue(r.err().contains("could not write the time series to /dev/full (No space left on device)"), r.err());
    }

    @Test
    void aPresetThatIsADeviceOrAPipeIsRefusedNotRead() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("/dev/zero"));
        RunCommandTest.Result r = run("run", "--preset", link.toString(), "--presets-dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a regular file (a character device)"), r.err());
        assertNoStackTrace(r.err());
    }

    @Test
    void anUnreadablePresetFileIsNamedWhenItsNameIsNotFound() throws Exception {
        Files.writeString(dir.resolve("mine.backflow.json"), "{ not json");
        RunCommandTest.Result r = run("run", "--preset", "mine", "--presets-dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("could not be read; the first: mine.backflow.json is not valid JSON"), r.err());
    }

    @Test
    void aLongNumberFollowedBySpacesIsRefusedAtOnceWithAShortMessage() {
        String huge = "1".repeat(80_000) + " x y";
        RunCommandTest.Result r = run("run", "--rate", huge);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("(80,004 characters)"), r.err());
        assertTrue(r.err().length() < 400, "the value is not echoed whole: " + r.err().length() + " characters");
    }

    @Test
    void aRefusalIsOneLineAndAPointerToHelpNotTheWholeUsage() {
        RunCommandTest.Result r = run("run", "--capacity", "0");
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("Invalid value for option '--capacity': capacity must be between 1 and 10,000 items; got 0",
                "Try 'backflow run --help' for more."), lines);
        RunCommandTest.Result c = run("compare", "first-tutorial", "first-tutorial", "--durration", "1s");
        assertEquals(2, c.code());
        assertTrue(c.err().lines().count() <= 4, c.err());
        assertTrue(c.err().contains("Try 'backflow compare --help' for more."), c.err());
    }

    @Test
    void aPresetFileNeverShowsTheJsonLibrarysInsides() throws Exception {
        Path deep = dir.resolve("deep.backflow.json");
        Files.writeString(deep, "[".repeat(2_000) + "]".repeat(2_000));
        RunCommandTest.Result r = run("run", "--preset", deep.toString(), "--presets-dir", dir.toString());
        assertEquals(2, r.code());
        assertFalse(r.err().contains("jackson") || r.err().contains("StreamReadConstraints") || r.err().contains("JsonNode"),
                r.err());
        Path huge = dir.resolve("huge.backflow.json");
        Files.writeString(huge, "{\"schemaVersion\":1,\"name\":\"x\",\"settings\":{\"arrivals\":\"" + "1".repeat(200_000) + " x\"}}");
        long t0 = System.nanoTime();
        r = run("run", "--preset", huge.toString(), "--presets-dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("(200,002 characters)"), r.err());
        assertFalse(r.err().contains("1".repeat(100)), "the value is not echoed whole");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "refused without backtracking for ever");
    }

    @Test
    void seedsAreAsciiDigitsLikeEveryOtherNumber() {
        RunCommandTest.Result arabic = run("run", "--seed", "\u0661\u0662\u0663", "--items", "1");
        assertEquals(2, arabic.code());
        assertTrue(arabic.err().contains("seed must be a whole number"), arabic.err());
        RunCommandTest.Result wide = run("run", "--seed", "\uFF11\uFF12", "--items", "1");
        assertEquals(2, wide.code());
    }

    @Test
    void aValueWhereAStageNameBelongsIsRefusedNotTakenForAName() {
        RunCommandTest.Result r = run("run", "--pipeline", "source 100/s | 8 drop-oldest | 50ms", "--items", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs a name before its time, like \"sink 50ms\""), r.err());
        RunCommandTest.Result nul = run("run", "--pipeline", "source 100/s | 8 block | si\u0000nk 1ms", "--items", "1");
        assertEquals(2, nul.code());
        assertTrue(nul.err().contains("cannot contain control characters"), nul.err());
    }
}
