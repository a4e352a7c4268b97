package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A preset can hold a sweep: it is written, read back, and a malformed one is named. */
class PresetSweepTest {

    private final PresetCodec codec = new PresetCodec();

    @Test
    void aSweepRoundTripsWithItsPreset() throws Exception {
        Preset p = new Preset("Sized", "", new ExperimentConfig(5, 100, 10, 1, 1), 30,
                new Preset.SweepPlan(List.of("capacity=1..1000:log10", "rate=50,100"), 5, "p99<=100ms,refused<=1%"));
        String json = new String(codec.write(p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"vary\" : [ \"capacity=1..1000:log10\", \"rate=50,100\" ]"), json);
        Preset back = codec.read(json.getBytes(StandardCharsets.UTF_8), "sized.backflow.json");
        assertEquals(p, back);
        assertEquals(p.sweep(), back.withName("Other").sweep(), "a renamed copy keeps its sweep");
    }

    @Test
    void aMalformedSweepIsNamed() {
        String base = new String(codec.write(new Preset("S", "", ExperimentConfig.DEFAULT, 30)), StandardCharsets.UTF_8);
        for (String sweep : new String[] {"\"sweep\": 5", "\"sweep\": {\"vary\": []}", "\"sweep\": {\"vary\": [1]}",
                "\"sweep\": {\"vary\": [\"capacity=1,2\"], \"cellSeconds\": 0.01}"}) {
            String json = base.replaceFirst("\\{", "{" + sweep + ",");
            PresetException e = assertThrows(PresetException.class, () -> codec.read(json.getBytes(StandardCharsets.UTF_8), "s.json"));
            assertTrue(e.problems().toString().contains("sweep"), sweep + " -> " + e.problems());
        }
    }
}
