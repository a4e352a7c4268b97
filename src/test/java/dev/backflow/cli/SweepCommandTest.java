package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.backflow.cli.RunCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backflow sweep}: the table and answer, JSON and CSV, a preset's own sweep, and one line per mistake. */
class SweepCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theTableMarksTheCellsMeetingTheTargetAndNamesTheCheapest() {
        RunCommandTest.Result r = run("sweep", "first-tutorial --policy reject --consumer-delay 10ms --rate 50",
                "--vary", "capacity=1,10", "--duration", "1s", "--target", "refused<=1%", "--presets-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Sweep of capacity: 2 of 2 cells ran"), r.out());
        assertTrue(r.out().contains("Refused share per cell (✓ meets refused<=1%)"), r.out());
        assertTrue(r.out().contains("The cheapest cell meeting refused<=1% is capacity "), r.out());
        assertTrue(r.err().startsWith("Sweep: 2 cells of 1s each"), r.err());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void jsonAndCsvCarryEveryCellUnderTheSummarysNames() throws Exception {
        Path json = dir.resolve("s.json");
        Path csv = dir.resolve("s.csv");
        RunCommandTest.Result r = run("sweep", "--vary", "consumers=1,2", "--vary", "capacity=2,5", "--duration", "0.5s",
                "--target", "p99<=1s", "--json", json.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(Files.readString(json));
        assertEquals("backflow-sweep", s.get("format").asText());
        assertEquals(4, s.get("cells").size());
        JsonNode cell = s.get("cells").get(3);
        assertEquals(2, cell.get("values").get("consumers").asInt());
        assertEquals(5, cell.get("values").get("capacity").asInt());
        assertTrue(cell.get("summary").has("queueWaitMillis") && cell.get("summary").has("throughputPerSecond"));
        assertTrue(cell.get("theory").has("model"));
        assertTrue(s.has("answer") && s.get("complete").asBoolean());
        java.util.List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size());
        assertTrue(lines.getFirst().startsWith("consumers,capacity,meetsTarget,distorted,outcome"), lines.getFirst());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aPresetThatHoldsASweepRunsIt() throws Exception {
        Path preset = dir.resolve("mine.backflow.json");
        Files.writeString(preset, """
                {"schemaVersion": 1, "name": "Mine", "description": "", "settings": {"capacity": 3, "producerRate": 40,
                 "consumerDelayMs": 5, "producers": 1, "consumers": 1, "policy": "reject", "timeoutMs": 100,
                 "itemSizeBytes": 1024, "memoryBudgetBytes": 268435456, "arrivals": "constant", "service": "constant",
                 "items": 0, "durationSeconds": 0, "seed": 42, "threads": "virtual", "chartWindowSeconds": 30},
                 "sweep": {"vary": ["capacity=1,2"], "cellSeconds": 0.5, "target": "refused<=50%"}}
                """);
        RunCommandTest.Result r = run("sweep", preset.toString(), "--presets-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Sweep of capacity: 2 of 2 cells ran"), r.out());
        assertTrue(r.out().contains("meeting refused<=50%"), r.out());
    }

    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        for (String command : new String[] {"run", "compare", "sweep", "presets"}) {
            // picocli's tracer warns on System.err, not on the command's own writer
            java.io.PrintStream before = System.err;
            java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
            RunCommandTest.Result r;
            try {
                System.setErr(new java.io.PrintStream(traced, true, java.nio.charset.StandardCharsets.UTF_8));
                r = run(command, "--help");
            } finally {
                System.setErr(before);
            }
            assertEquals(0, r.code(), command);
            String warnings = traced.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err();
            assertTrue(warnings.isEmpty(), command + ": a description picocli could not format (an unescaped %?): " + warnings);
            assertTrue(r.out().lines().allMatch(l -> l.length() <= 100), command + ": lines fit a terminal");
        }
    }

    @Test
    void mistakesAreRefusedInOneLineWithNothingRun() {
        String[][] bad = {
            {"sweep"},
            {"sweep", "--vary", "capcity=1..10"},
            {"sweep", "--vary", "capacity=10..1"},
            {"sweep", "--vary", "capacity=1..10000:50", "--vary", "rate=1..100:50"},
            {"sweep", "--vary", "capacity=1,2", "--vary", "rate=1,2", "--vary", "consumers=1,2"},
            {"sweep", "--vary", "capacity=1,2", "--target", "p90<=5ms"},
            {"sweep", "--vary", "capacity=1,2", "--duration", "0.1s"},
            {"sweep", "--vary", "capacity=1,2", "--parallel", "0"},
            {"sweep", "no-such-preset", "--vary", "capacity=1,2"},
            {"sweep", "first-tutorial --json x", "--vary", "capacity=1,2"},
            {"sweep", "--vary", "capacity=1,2", "--json", "/no/such/dir/s.json"},
            {"sweep", "--varry", "capacity=1,2"},
        };
        for (String[] args : bad) {
            RunCommandTest.Result r = run(args);
            String what = String.join(" ", args) + " -> " + r.err();
            assertEquals(2, r.code(), what);
            assertTrue(!r.err().isBlank() && !r.err().contains("Exception") && !r.err().contains("\tat ")
                    && r.err().lines().count() <= 3, what);
            assertTrue(r.out().isEmpty(), "nothing ran: " + what);
        }
        assertTrue(run("sweep", "--vary", "capcity=1..10").err().contains("did you mean 'capacity'?"));
    }
}
