package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demand links, headless, judged from the JSON (issue #24's saw-tooth). */
class DemandRunTest {

    @Test
    void theReactorBuiltInNeverSendsWithoutDemandAndKeepsSomeOutstanding() throws Exception {
        JsonNode j = RunCommandTest.json("--preset", "demand-reactor", "--duration", "5s");
        JsonNode link = j.get("links").get(0);
        assertEquals("32@75%", link.get("demand").asText());
        long entered = link.get("taken").asLong() + link.get("queuedAtEnd").asLong();
        long requested = link.get("requested").asLong();
        assertTrue(entered <= requested, "no item without demand: " + entered + " entered, " + requested + " requested");
        assertTrue(requested <= entered + 32, "requested at most a prefetch ahead: " + requested + " against " + entered);
        assertEquals(0, (requested - 32) % 24, "the first request is the prefetch, each later one 24: " + requested);
        JsonNode outstanding = link.get("demandOutstanding");
        assertTrue(outstanding.get("mean").asDouble() > 0 && outstanding.get("mean").asDouble() <= 32, outstanding.toString());
        assertTrue(outstanding.get("min").asDouble() >= 0, outstanding.toString());
        assertEquals("75%", j.get("config").get("demand").asText(), j.get("config").toString());
    }

    @Test
    void strictBatchesParkTheProducerMoreOftenThanReplenishingAtSeventyFivePercent() throws Exception {
        JsonNode reactor = RunCommandTest.json("--preset", "demand-reactor", "--duration", "10s").get("links").get(0);
        JsonNode strict = RunCommandTest.json("--preset", "demand-strict", "--duration", "10s").get("links").get(0);
        assertEquals(0, (strict.get("requested").asLong() - 32) % 32, "strict batches request 32 at a time");
        assertEquals(0.0, strict.get("demandOutstanding").get("min").asDouble(), "strict batches run out of demand");
        assertTrue(strict.get("parks").asLong() > reactor.get("parks").asLong(),
                "strict " + strict.get("parks") + " parks against " + reactor.get("parks") + " at 75 %");
    }

    @Test
    void aPlainBufferWritesNoDemandFigures() throws Exception {
        JsonNode link = RunCommandTest.json("--preset", "demand-plain-buffer", "--duration", "1s").get("links").get(0);
        assertFalse(link.has("demand") || link.has("demandOutstanding") || link.has("requested"), link.toString());
    }

    @Test
    void theOptionMakesTheBufferADemandLinkAndAPipelineLinkCanBeOne() throws Exception {
        JsonNode j = RunCommandTest.json("--capacity", "8", "--demand", "strict", "--rate", "200", "--consumer-delay", "2ms",
                "--items", "100");
        assertEquals("8@100%", j.get("links").get(0).get("demand").asText());
        JsonNode p = RunCommandTest.json("--pipeline", "source 200/s | 8 block | parse 1ms | demand 8@50% reject | store 2ms",
                "--items", "100");
        assertFalse(p.get("links").get(0).has("demand"));
        assertEquals("8@50%", p.get("links").get(1).get("demand").asText());
        assertEquals(0, (p.get("links").get(1).get("requested").asLong() - 8) % 4);
    }

    @Test
    void nonsenseIsRefusedInOneLine() {
        for (String[] bad : new String[][]{{"--demand", "lots"}, {"--demand", "120%"}, {"--demand", ""},
                {"--demand", "75%", "--policy", "drop-oldest"}, {"--demand", "75%", "--policy", "unbounded"},
                {"--pipeline", "source 1/s | demand 32@75% drop-oldest | sink 1ms"},
                {"--pipeline", "source 1/s | 8 block | sink 1ms", "--demand", "75%"}}) {
            RunCommandTest.assertRefusedInOneLine(bad);
        }
    }
}
