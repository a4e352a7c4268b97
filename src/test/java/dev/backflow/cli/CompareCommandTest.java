package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backflow.cli.RunCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backflow compare}: two experiments at once on the same draws, one JSON with both. */
class CompareCommandTest {

    @Test
    void blockAgainstRejectOnTheSameDrawsGivesBothSummariesAndTheDifference() throws Exception {
        RunCommandTest.Result r = run("compare", "first-tutorial --items 40 --consumer-delay 20ms --arrivals exponential",
                "first-tutorial --items 40 --consumer-delay 20ms --arrivals exponential --policy reject", "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out());
        JsonNode a = c.get("a");
        JsonNode b = c.get("b");
        assertEquals("block", a.get("config").get("policy").asText());
        assertEquals("reject", b.get("config").get("policy").asText());
        assertEquals(a.get("config").get("seed"), b.get("config").get("seed"), "one seed: the same draws");
        assertEquals(40, a.get("offered").asLong());
        assertEquals(40, b.get("offered").asLong());
        assertEquals(40, a.get("consumed").asLong(), "block loses nothing");
        assertTrue(b.get("rejected").asLong() > 0, "100/s into a 20 ms consumer and a buffer of 5: some are rejected");
        JsonNode d = c.get("difference");
        assertEquals(b.get("rejected").asDouble() - a.get("rejected").asDouble(), d.get("refused").asDouble());
        assertEquals(b.get("throughputPerSecond").asDouble() - a.get("throughputPerSecond").asDouble(),
                d.get("throughputPerSecond").asDouble(), 0.002);
        assertTrue(d.get("parkedShare").asDouble() < 0, "a rejecting producer never parks");
    }

    @Test
    void theTableNamesBothSidesAndEveryFigure() {
        RunCommandTest.Result r = run("compare", "first-tutorial --consumer-delay 1ms", "first-tutorial --consumer-delay 1ms --capacity 50",
                "--items", "30");
        assertEquals(0, r.code(), r.err());
        for (String line : List.of("A: first-tutorial --consumer-delay 1ms", "B: first-tutorial --consumer-delay 1ms --capacity 50",
                "throughput (items/s)", "queue wait p99 (ms)", "producers parked", "refused", "memory at end (bytes)")) {
            assertTrue(r.out().contains(line), line + " in\n" + r.out());
        }
    }

    @Test
    void aBadSideIsNamedAndNothingRuns() {
        RunCommandTest.Result r = run("compare", "first-tutorial", "first-tutorial --capacity 0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("B (\"first-tutorial --capacity 0\"): Invalid value for option '--capacity'"), r.err());
        RunCommandTest.Result unknown = run("compare", "no-such-preset", "first-tutorial");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("A: there is no preset called \"no-such-preset\""), unknown.err());
    }

    @Test
    void aSideOfOptionsAloneRunsAndAOneWordTypoIsStillAnUnknownOption() throws Exception {
        // What the A/B window's Copy as command writes: each side its options, no preset.
        RunCommandTest.Result r = run("compare", "--items 30 --consumer-delay 1ms --seed 5",
                "--items 30 --consumer-delay 1ms --capacity 50 --seed 5", "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out());
        assertEquals(50, c.get("b").get("config").get("capacity").asInt());
        assertEquals(30, c.get("a").get("offered").asLong());
        RunCommandTest.Result typo = run("compare", "--durration", "2s", "first-tutorial", "first-tutorial");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Unknown option") && typo.err().contains("'--durration'")
                && typo.err().contains("Possible solutions: --duration"), typo.err());
    }

    @Test
    void sidesSplitIntoWordsKeepingQuotedParts() {
        assertEquals(List.of("x", "--pipeline", "source 1/s | 5 block | sink 1ms", "--seed", "3"),
                CompareCommand.words("x --pipeline \"source 1/s | 5 block | sink 1ms\"  --seed 3"));
        assertEquals(List.of(), CompareCommand.words("   "));
    }
}
