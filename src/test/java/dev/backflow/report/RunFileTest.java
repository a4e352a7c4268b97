package dev.backflow.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorded run reads back whole, and a file that is not one says so. */
class RunFileTest {

    private static RunSummary summary() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("policy", "block");
        config.put("capacity", 5);
        Map<String, Double> wait = new LinkedHashMap<>();
        wait.put("mean", 1.5);
        wait.put("p50", 1.0);
        wait.put("p90", 2.0);
        wait.put("p99", 3.0);
        wait.put("max", 4.0);
        return new RunSummary(config, "completed", "done", 10.0, 20, 20, 0, 0, 0, 0, 0, 0, 0, 3, 1.25, 2.5, 4.2, 5, 2.0,
                wait, 0, 0, 1.5, List.of(new RunSummary.ProducerParks(1, 3, 1.25)), List.of(), List.of());
    }

    private static RunFile roundTrip(RunFile f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(out);
        return RunFile.read(new ByteArrayInputStream(out.toByteArray()), "test.backflow-run.json");
    }

    @Test
    void aRunReadsBackWhole() throws IOException {
        RunFile f = RunFile.of("First tutorial", summary(), "t_seconds,fill\n0.1,5\n", "t_seconds,kind,worker,text\n");
        RunFile back = roundTrip(f);
        assertEquals(f.title(), back.title());
        assertEquals(f.series(), back.series());
        assertEquals(f.events(), back.events());
        assertEquals(f.summary().toText(), back.summary().toText());
        assertEquals(20, back.summary().offered());
    }

    @Test
    void aClosedLoopRunReadsBackWithItsCallers() throws IOException {
        Map<String, Double> e2e = new LinkedHashMap<>();
        for (String p : List.of("mean", "p50", "p90", "p99", "max")) {
            e2e.put(p, 12.5);
        }
        CallerSummary k = new CallerSummary(100, 90, 10, 9.0, 130, 90, 20, 5, 15, 30, Map.of("mean", 1.3, "max", 3.0),
                e2e, Map.of("denied", 4.0, "tokensMin", 4.5), List.of(Map.of("t", 1.0, "good", 9.0, "goodputShare", 0.9)));
        RunFile f = RunFile.of("Storm", summary().withCallers(k), "t_seconds,fill\n", "t_seconds,kind,worker,text,attempt\n");
        RunFile back = roundTrip(f);
        assertEquals(k, back.summary().callers());
        assertEquals(f.summary().toText(), back.summary().toText());
        assertNull(roundTrip(RunFile.of("Open", summary(), "", "")).summary().callers(), "an open-loop run has none");
    }

    @Test
    void whatIsNotARunSaysSo() {
        IOException notJson = assertThrows(IOException.class, () -> RunFile.read(
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "x.json"));
        assertTrue(notJson.getMessage().startsWith("x.json is not a recorded Backflow run ("), notJson.getMessage());
        IOException preset = assertThrows(IOException.class, () -> RunFile.read(new ByteArrayInputStream(
                "{\"format\": \"preset\", \"summary\": {}}".getBytes(StandardCharsets.UTF_8)), "p.json"));
        assertEquals("p.json is not a recorded Backflow run (its format is \"preset\")", preset.getMessage());
        IOException newer = assertThrows(IOException.class, () -> RunFile.read(new ByteArrayInputStream(
                "{\"format\": \"backflow-run\", \"version\": 9, \"summary\": {}}".getBytes(StandardCharsets.UTF_8)), "n.json"));
        assertTrue(newer.getMessage().startsWith("n.json was saved by a newer Backflow (run file version 9"), newer.getMessage());
    }
}
