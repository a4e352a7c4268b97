package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BuiltInComparisonTest {

    @Test
    void everyBuiltInComparisonAsksOneQuestionOnOneSeed() throws Exception {
        List<BuiltInComparison> all = BuiltInComparison.all(new PresetStore(Files.createTempDirectory("backflow-cmp")));
        assertEquals(List.of("Block or Reject for a DbWriter?", "A buffer of 5 or 50?", "One consumer or four?",
                "Bounded or unbounded chat server?", "A retry storm, with or without a retry budget?",
                "A retry storm, with or without deadline checks?", "Retries with or without jitter?", "A big FIFO buffer, or CoDel?", "An adaptive limit, or a big buffer?",
                "Gradient or AIMD?", "Demand or a plain buffer?", "The saw-tooth: replenish at 75 % or in strict batches?"),
                all.stream().map(BuiltInComparison::title).toList());
        for (BuiltInComparison c : all) {
            assertEquals(c.a().seed(), c.b().seed(), c.title());
            assertNotEquals(c.a(), c.b(), c.title() + ": the sides differ");
            assertFalse(c.explanation().isBlank());
        }
        BuiltInComparison db = all.getFirst();
        assertEquals(SendPolicy.REJECT, db.a().policy());
        assertEquals(SendPolicy.BLOCK, db.b().policy());
        assertEquals(db.a().toBuilder().policy(SendPolicy.BLOCK).build(), db.b(), "only the policy differs");
        BuiltInComparison sawTooth = all.getLast();
        assertEquals(sawTooth.a().toBuilder().demand(new dev.backflow.engine.Demand(100)).build(), sawTooth.b(),
                "only the replenish point differs");
        BuiltInComparison plain = all.get(all.size() - 2);
        assertEquals(plain.a().toBuilder().demand(dev.backflow.engine.Demand.REACTOR).build(), plain.b(),
                "only the demand differs");
    }

    @Test
    void sideBTakesSideASeed() {
        ExperimentConfig a = new ExperimentConfig(5, 100, 10, 1, 1).toBuilder().seed(3).build();
        ExperimentConfig b = a.toBuilder().seed(99).capacity(50).build();
        assertEquals(3, new BuiltInComparison("q", "e", "A", a, "B", b).b().seed());
    }
}
