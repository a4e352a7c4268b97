package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient built-in, headless, judged from the JSON (issue #24's "finding the limit"). */
class AdaptiveLimitRunTest {

    @Test
    void theGradientLimitSettlesNearTheIdealInFlight() throws Exception {
        JsonNode j = RunCommandTest.json("--preset", "limit-gradient", "--duration", "15s");
        JsonNode sink = j.get("stages").get(1);
        double ideal = sink.get("inflight").get("ideal").asDouble();
        double mean = sink.get("inflight").get("mean").asDouble();
        assertEquals(4, ideal, "Little's law for a saturated stage: its 4 workers");
        assertTrue(mean <= 1.5 * ideal && mean >= 0.75 * ideal, "mean in flight " + mean + " against the ideal " + ideal);
        assertTrue(sink.get("refusedByLimit").asLong() > 1000, "the excess is refused at once: " + sink);
        assertTrue(j.get("queueWaitMillis").get("p99").asDouble() < 100, "those admitted wait little: " + j.get("queueWaitMillis"));
        assertTrue(sink.get("limit").has("min") && sink.get("limit").has("mean") && sink.get("limit").has("max"));
        assertEquals("gradient", j.get("config").get("limit").asText());
    }

    @Test
    void nonsenseIsRefusedInOneLine() {
        for (String[] bad : new String[][]{{"--limit", "fast"}, {"--limit", ""},
                {"--pipeline", "source 1/s limit aimd | 5 block | sink 1ms"}}) {
            RunCommandTest.assertRefusedInOneLine(bad);
        }
    }
}
