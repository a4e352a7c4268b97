package dev.backflow.engine;

import com.netflix.concurrency.limits.Limit;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adaptive concurrency limits (Netflix concurrency-limits) in front of a stage. */
class AdaptiveLimitTest {

    private Engine engine;

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aimdAddsOnePerSuccessAndBacksOffATenthOnADropDownToOne() {
        Limit aimd = new AdaptiveLimit(AdaptiveLimit.Kind.AIMD).newLimit();
        assertEquals(20, aimd.getLimit(), "the library's initial limit");
        long rtt = 10_000_000L;
        for (int i = 0; i < 5; i++) {
            aimd.onSample(0, rtt, aimd.getLimit(), false); // in use: +1 each
        }
        assertEquals(25, aimd.getLimit());
        aimd.onSample(0, rtt, 25, true);
        assertEquals(22, aimd.getLimit(), "x0.9, rounded down");
        aimd.onSample(0, rtt, 1, false);
        assertEquals(22, aimd.getLimit(), "not grown while barely used (in flight under half the limit)");
        for (int i = 0; i < 100; i++) {
            aimd.onSample(0, rtt, 1, true);
        }
        assertEquals(1, aimd.getLimit(), "drops take it down to 1, not the library's 20");
    }

    @Test
    void theGradientLimitFallsAsLatencyRisesOverItsNoLoadLatency() {
        Limit gradient = new AdaptiveLimit(AdaptiveLimit.Kind.GRADIENT).newLimit();
        int start = gradient.getLimit();
        for (int i = 0; i < 50; i++) {
            gradient.onSample(0, 10_000_000L, gradient.getLimit(), false); // no-load latency: 10 ms
        }
        for (int i = 0; i < 200; i++) {
            gradient.onSample(0, 40_000_000L, gradient.getLimit(), false); // four times that: queueing
        }
        assertTrue(gradient.getLimit() < start / 2, "the limit fell: " + start + " -> " + gradient.getLimit());
    }

    @Test
    void aLimitedStageNeverHasMoreInFlightThanItsLimitAndItsBooksClose() throws Exception {
        engine = new Engine(PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 2k/s | 1000 block | work 5ms x4 limit gradient | 10 block | sink 1ms x2"));
        engine.start();
        Awaits.until("the limit refuses some", () -> engine.counts().limited() > 200);
        for (int i = 0; i < 200; i++) {
            Counts c = engine.counts();
            LinkCounts feed = c.links().get(0);
            assertTrue(feed.hasLimit() && !c.links().get(1).hasLimit(), "the limit is on the stage the first link feeds");
            assertTrue(feed.inflight() <= feed.limit(), "in flight " + feed.inflight() + " within the limit " + feed.limit());
            assertEquals(0, c.unaccounted(), () -> "the books close with the refused counted apart: " + c);
        }
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        Counts end = engine.counts();
        assertEquals(0, end.unaccounted());
        assertEquals(end.offered(), end.stages().getFirst().processed(), "the source's sends include the refused ones");
    }

    @Test
    void theGrammarPlacesALimitOnAnyStageButTheSourceAndRefusesNonsense() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT, "source 10/s | 4 block | a 1ms limit aimd | 4 block | sink 1ms limit gradient2");
        assertEquals(new AdaptiveLimit(AdaptiveLimit.Kind.AIMD), c.hops().getFirst().limit());
        assertEquals(new AdaptiveLimit(AdaptiveLimit.Kind.GRADIENT2), c.sinkLimit());
        assertEquals(c, PipelineSpec.apply(ExperimentConfig.DEFAULT, PipelineSpec.format(c)), "it reads back");
        assertFalse(c.limitOf(0) != null, "the source has none");
        for (String bad : new String[]{"source 10/s limit aimd | 4 block | sink 1ms", "source 10/s | 4 block | sink 1ms limit",
                "source 10/s | 4 block | sink 1ms limit fast"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> PipelineSpec.apply(ExperimentConfig.DEFAULT, bad), bad);
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
