package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CoDel against a big FIFO buffer, headless, judged from the JSON (issue #24's bufferbloat lesson). */
class BufferbloatTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void coDelKeepsTheWaitNearItsTargetAtTheSameThroughputWhereFifoTakesSeconds() throws Exception {
        JsonNode fifo;
        JsonNode codel;
        try (var two = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var f = CompletableFuture.supplyAsync(() -> RunCommandTest.json("--preset", "bufferbloat-fifo", "--duration", "25s"), two);
            var c = CompletableFuture.supplyAsync(() -> RunCommandTest.json("--preset", "bufferbloat-codel", "--duration", "25s"), two);
            fifo = f.get();
            codel = c.get();
        }
        double fifoP99 = fifo.get("queueWaitMillis").get("p99").asDouble();
        double codelP99 = codel.get("queueWaitMillis").get("p99").asDouble();
        double target = 50;
        assertTrue(fifoP99 > 1000, "FIFO's queue wait p99 is above a second: " + fifoP99);
        assertTrue(codelP99 < 3 * target, "CoDel's p99 is under 3x its target: " + codelP99);
        assertTrue(codelP99 < fifoP99 / 10, "and under a tenth of FIFO's: " + codelP99 + " against " + fifoP99);
        double fifoRate = fifo.get("throughputPerSecond").asDouble();
        double codelRate = codel.get("throughputPerSecond").asDouble();
        assertTrue(Math.abs(codelRate - fifoRate) <= 0.05 * fifoRate, "goodput within 5 %: " + codelRate + " against " + fifoRate);
        JsonNode link = codel.get("links").get(0);
        assertTrue(link.get("codelDrops").asLong() > 100, "CoDel shed the excess: " + link);
        assertTrue(link.get("sojournMillis").get("p99").asDouble() < 3 * target, "every item's sojourn, shed ones too: " + link);
        assertTrue(fifo.get("links").get(0).get("codelDrops").isNull(), "a plain link has no CoDel drops");
        assertEquals("50ms/200ms", codel.get("config").get("codel").asText());
        // The books close with the shed items counted apart: offered = consumed + shed + what is left.
        assertEquals(codel.get("offered").asLong(), codel.get("consumed").asLong() + link.get("codelDrops").asLong()
                + codel.get("queuedAtEnd").asLong() + codel.get("inServiceAtEnd").asLong());
    }

    @Test
    void coDelOnAnyLinkOfAPipelineAndNonsenseRefusedInOneLine() {
        JsonNode j = RunCommandTest.json("--pipeline", "source 300/s | 50 block | parse 1ms | 500 block codel 5ms/50ms | store 5ms",
                "--duration", "3s");
        assertTrue(j.get("links").get(1).get("codelDrops").asLong() > 0, j.get("links").toString());
        assertTrue(j.get("links").get(0).get("codelDrops").isNull());
        assertTrue(j.get("config").get("pipeline").asText().contains("500 block codel 5ms/50ms"), j.get("config").toString());
        for (String[] bad : new String[][]{{"--codel", "5ms"}, {"--codel", "100ms/5ms"}, {"--codel", "fast/100ms"},
                {"--pipeline", "source 1/s | codel | sink 1ms"}, {"--pipeline", "source 1/s | 5 block codel 1ms/9ms x | sink 1ms"},
                {"--pipeline", "source 1/s | 5 block codel 9/1 | sink 1ms"}}) {
            RunCommandTest.assertRefusedInOneLine(bad);
        }
    }
}
