package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep saved as a file reopens with every cell; the CSV has a row per cell under the summary's names. */
class SweepFileTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSavedSweepReopensWithItsCellsAndAnswer() throws Exception {
        ExperimentConfig base = new ExperimentConfig(3, 50, 5, 1, 1).toBuilder().seed(11).build();
        Sweep sweep = new Sweep(base, List.of(Vary.parse("capacity=1,4", base), Vary.parse("consumers=1,2", base)), 1,
                Target.parseAll("p99<=50ms"));
        SweepResult r = new SweepRunner(sweep, 4).run(null);
        byte[] file = SweepFile.write(r);
        SweepResult back = SweepFile.read(file, "s.backflow-sweep.json");
        assertEquals(r.sweep().axes().stream().map(Vary::format).toList(), back.sweep().axes().stream().map(Vary::format).toList());
        assertEquals(r.sweep().base(), back.sweep().base());
        assertEquals(4, back.done());
        for (int i = 0; i < 4; i++) {
            assertEquals(r.cells().get(i).summary().offered(), back.cells().get(i).summary().offered());
            assertEquals(r.meets(r.cells().get(i)), back.meets(back.cells().get(i)));
        }
        assertEquals(r.answer(), back.answer());
        String json = new String(file, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"vary\" : [ \"capacity=1,4\", \"consumers=1,2\" ]"), json);
        assertTrue(json.contains("\"queueWaitMillis\""), "each cell's whole summary");
        String header = SweepFile.csvHeader(r);
        assertTrue(header.startsWith("capacity,consumers,meetsTarget,distorted,outcome,elapsedSeconds,offered"), header);
        assertEquals(4, SweepFile.csvRows(r).size());
        assertEquals(header.split(",").length, SweepFile.csvRows(r).getFirst().split(",", -1).length);
    }

    @Test
    void whatIsNotASweepIsSaidInWords() {
        IOException notJson = assertThrows(IOException.class, () -> SweepFile.read("{".getBytes(StandardCharsets.UTF_8), "x.json"));
        assertTrue(notJson.getMessage().startsWith("x.json is not a Backflow sweep (not JSON"), notJson.getMessage());
        IOException other = assertThrows(IOException.class,
                () -> SweepFile.read("{\"format\":\"backflow-run\"}".getBytes(StandardCharsets.UTF_8), "x.json"));
        assertTrue(other.getMessage().contains("its format is not \"backflow-sweep\""), other.getMessage());
        IOException newer = assertThrows(IOException.class,
                () -> SweepFile.read("{\"format\":\"backflow-sweep\",\"version\":9}".getBytes(StandardCharsets.UTF_8), "x.json"));
        assertTrue(newer.getMessage().contains("newer Backflow"), newer.getMessage());
    }
}
