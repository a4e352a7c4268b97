package dev.backflow.engine;

import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled changes: their grammar, and a run that takes them in and out on time. */
class ChangeTest {

    private Engine engine;

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void itReadsAtPlusForSettingEqualsValueAndWritesItBack() {
        Change c = Change.parse("5s+2s consumer-delay=20ms");
        assertEquals(new Change(5, 2, "consumer-delay", 20), c);
        assertEquals("5 s+2 s consumer-delay=20 ms".replace(" ", ""), c.format().replace(" ", ""));
        assertEquals(c, Change.parse(c.format()));
        assertEquals(new Change(0.5, 1.5, "rate", 300), Change.parse(" 500ms + 1.5 rate = 300/s "));
        assertEquals(new Change(1, 1, "capacity", 2), Change.parse("1+1 capacity=2"));
        assertEquals(Change.parse("1+1 store=50ms"), Change.parse(Change.parse("1+1 store=50ms").format()));
    }

    @Test
    void nonsenseIsRefusedInOneLineSayingWhatIsWrong() {
        ExperimentConfig c = ExperimentConfig.DEFAULT;
        for (String bad : new String[]{"", "5s consumer-delay=20ms", "5s+2s", "5s+0s rate=10", "-1+2 rate=10",
                "5s+2s rate=fast", "x+2 rate=10"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Change.parse(bad), bad);
            assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
        }
        var unknown = assertThrows(IllegalArgumentException.class, () -> Change.parse("1+1 warp=9ms").setting(c));
        assertTrue(unknown.getMessage().contains("no setting or stage called"), unknown.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Change.parse("1+1 consumer-delay=9s").setting(c));
        assertTrue(range.getMessage().contains("consumer delay must be between"), range.getMessage());
        var timeout = assertThrows(IllegalArgumentException.class, () -> Change.parse("1+1 timeout=9ms").setting(c));
        assertTrue(timeout.getMessage().contains("no timeout"), timeout.getMessage());
        var fit = assertThrows(IllegalArgumentException.class,
                () -> c.toBuilder().changes(List.of(Change.parse("1+1 nowhere=1ms"))).build(), "a config never holds a change it cannot make");
        assertTrue(fit.getMessage().contains("nowhere"), fit.getMessage());
    }

    @Test
    void aChangeComesIntoForceOnTimeAndGoesBackAfterItsLength() throws InterruptedException {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().capacity(5).consumerDelayMs(1).producerRate(50)
                .changes(List.of(Change.parse("300ms+400ms capacity=2"), Change.parse("300ms+400ms consumer-delay=30ms")))
                .build();
        engine = new Engine(c);
        engine.start();
        Run run = engine.run();
        assertEquals(5, engine.counts().capacity());
        Awaits.until("the change is in force", () -> engine.counts().capacity() == 2);
        long in = engine.counts().atNanos() - engine.counts().startNanos();
        assertEquals(30, run.live().consumerDelayMs());
        assertEquals(30, engine.effectiveConfig().consumerDelayMs(), "what the run works under (the theory panel's epochs follow it)");
        assertEquals(2, engine.effectiveConfig().capacity());
        assertEquals(1, engine.config().consumerDelayMs(), "the engine's own setting stays underneath");
        Awaits.until("the change ends", () -> engine.counts().capacity() == 5);
        long out = engine.counts().atNanos() - engine.counts().startNanos();
        assertEquals(1, run.live().consumerDelayMs());
        Awaits.until("what the run works under follows the end", () -> engine.effectiveConfig().consumerDelayMs() == 1);
        assertTrue(in >= 300_000_000L, "not before its time: " + in);
        assertTrue(out >= 700_000_000L, "not before its end: " + out);
    }

    @Test
    void aSettingMovedDuringAChangeIsInForceOnceTheChangeEnds() {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().consumerDelayMs(1).producerRate(50)
                .changes(List.of(Change.parse("100ms+300ms consumer-delay=30ms"))).build();
        engine = new Engine(c);
        engine.start();
        Run run = engine.run();
        Awaits.until("the change is in force", () -> run.live().consumerDelayMs() == 30);
        engine.reconfigure(engine.config().withConsumerDelayMs(7));
        assertEquals(30, run.live().consumerDelayMs(), "the change still holds");
        Awaits.until("the change ends", Duration.ofSeconds(5), () -> run.live().consumerDelayMs() == 7);
    }
}
