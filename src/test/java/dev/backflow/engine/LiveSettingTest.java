package dev.backflow.engine;

import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One route for a live change: each setting reads and writes its field, and wakes only the workers it concerns. */
class LiveSettingTest {

    private static final ExperimentConfig CHAIN = PipelineSpec.apply(ExperimentConfig.DEFAULT,
            "source 50/s x2 | 8 | parse 200ms x3 | 8 timeout 40ms | store 200ms x2 | 8 | sink 200ms x4");

    private Engine engine;

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void eachSettingReadsAndWritesItsOwnField() {
        ExperimentConfig c = CHAIN;
        assertEquals(50, new LiveSetting.SourceRate().read(c));
        assertEquals(200, new LiveSetting.StageService(1).read(c));
        assertEquals(40, new LiveSetting.LinkTimeout(1).read(c));
        assertTrue(Double.isNaN(new LiveSetting.LinkTimeout(2).read(c)), "a block link has no deadline");
        ExperimentConfig d = new LiveSetting.StageService(1).write(c, 300);
        assertEquals(List.of(new LiveSetting.StageService(1)), LiveSetting.changed(c, d));
        d = new LiveSetting.LinkTimeout(1).write(d, 90);
        assertEquals(new SendPolicy.Timeout(90), d.policyOf(1));
        d = new LiveSetting.LinkCapacity(2).write(d, 12);
        assertEquals(List.of(new LiveSetting.LinkTimeout(1), new LiveSetting.StageService(1), new LiveSetting.LinkCapacity(2)),
                LiveSetting.changed(c, d));
        assertThrows(IllegalArgumentException.class, () -> new LiveSetting.LinkTimeout(0).write(CHAIN, 5));
        assertEquals(List.of(), LiveSetting.changed(c, ExperimentConfig.DEFAULT), "a new shape is not a live change");
        // A run's settings: its shape and per-run settings, with the live ones in force now.
        ExperimentConfig now = d.toBuilder().seed(7).build();
        ExperimentConfig overlay = LiveSetting.overlay(c, now);
        assertEquals(d.hops(), overlay.hops());
        assertEquals(c.seed(), overlay.seed(), "a per-run setting stays as the run started");
    }

    @Test
    void aChangeToOneStageWakesOnlyThatStagesWorkers() throws Exception {
        List<Thread> woken = new CopyOnWriteArrayList<>();
        engine = new Engine(CHAIN, NanoClock.SYSTEM, Thread::start, t -> {
            woken.add(t);
            LockSupport.unpark(t);
        });
        engine.start();
        Awaits.until("every worker started", () -> engine.liveWorkers().size() == 2 + 3 + 2 + 4);

        engine.reconfigure(new LiveSetting.StageService(1).write(engine.config(), 300));
        assertEquals(Set.of("stage-2-1", "stage-2-2"), names(woken), "a new service time for \"store\" wakes its two workers");
        assertEquals(300, engine.effectiveConfig().hops().get(1).serviceMs());

        woken.clear();
        engine.reconfigure(new LiveSetting.SourceRate().write(engine.config(), 80));
        assertEquals(Set.of("producer-1", "producer-2"), names(woken));

        woken.clear();
        engine.reconfigure(new LiveSetting.SinkService().write(engine.config(), 100));
        assertEquals(Set.of("consumer-1", "consumer-2", "consumer-3", "consumer-4"), names(woken));

        woken.clear();
        engine.reconfigure(new LiveSetting.LinkCapacity(2).write(engine.config(), 12));
        engine.reconfigure(new LiveSetting.LinkTimeout(1).write(engine.config(), 90));
        assertEquals(Set.of(), names(woken), "a capacity is pushed into its link, a deadline read at the next send");
        assertEquals(12, engine.counts().links().get(2).capacity());
        assertEquals(new SendPolicy.Timeout(90), engine.effectiveConfig().policyOf(1));

        woken.clear();
        engine.reconfigure(engine.config().toBuilder().seed(99).build());
        assertEquals(Set.of(), names(woken), "a per-run setting wakes nobody");

        woken.clear();
        engine.reconfigure(new LiveSetting.StageWorkers(0).write(engine.config(), 4));
        assertEquals(Set.of("stage-1-1", "stage-1-2", "stage-1-3"), names(woken));
        Awaits.until("the fourth parse worker started", Duration.ofSeconds(10), () -> engine.liveWorkers().size() == 12);
    }

    private static Set<String> names(List<Thread> threads) {
        Set<String> out = new TreeSet<>();
        threads.forEach(t -> out.add(t.getName()));
        return out;
    }
}
