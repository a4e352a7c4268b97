package dev.backflow.ui.settings;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-run settings typed or picked in the window, without a toolkit. */
class RunFieldTest {

    private final Engine engine = new Engine(ExperimentConfig.DEFAULT);
    private final MainViewModel vm = new MainViewModel(engine);

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void typedPerRunSettingsReachTheEngineConfig() {
        assertTrue(vm.submit(RunField.PRODUCERS, "64"));
        assertTrue(vm.submit(RunField.CONSUMERS, "2"));
        assertTrue(vm.submit(RunField.TIMEOUT, "1.5s"));
        assertTrue(vm.submit(RunField.ITEM_SIZE, "4 KiB"));
        assertTrue(vm.submit(RunField.MEMORY_BUDGET, "512 MiB"));
        assertTrue(vm.submit(RunField.SEED, "7"));
        ExperimentConfig c = engine.config();
        assertEquals(64, c.producers());
        assertEquals(2, c.consumers());
        assertEquals(1500, c.timeoutMs());
        assertEquals(4096, c.itemSizeBytes());
        assertEquals(512L << 20, c.memoryBudgetBytes());
        assertEquals(7, c.seed());
        assertEquals("512MiB", vm.show(RunField.MEMORY_BUDGET));
    }

    @Test
    void badPerRunValuesKeepTheOldValueAndSayWhy() {
        assertFalse(vm.submit(RunField.PRODUCERS, "0"));
        assertEquals("Producers must be between 1 and 10,000; got 0. The previous value is kept.", vm.messageProperty().get());
        assertFalse(vm.submit(RunField.CONSUMERS, "2.5"));
        assertEquals("Consumers must be a whole number; got 2.5. The previous value is kept.", vm.messageProperty().get());
        assertFalse(vm.submit(RunField.ITEM_SIZE, "1"), "256 MiB of 1-byte items is too many to simulate");
        assertTrue(vm.messageProperty().get().contains("at most 10,000,000 are simulated"), vm.messageProperty().get());
        assertFalse(vm.submit(RunField.MEMORY_BUDGET, "64 GiB"), "64 GiB of 1 KiB items too");
        assertEquals(1024, engine.config().itemSizeBytes());
        assertFalse(vm.submit(RunField.BURST, "1000/s, 200 ms"));
        assertTrue(vm.messageProperty().get().startsWith("Bursts need three values"));
        assertEquals(1, engine.config().producers());
    }

    @Test
    void pickersChangePolicyDistributionsRunLengthAndThreads() {
        assertTrue(vm.choosePolicy(SendPolicy.DROP_OLDEST));
        assertTrue(vm.chooseArrivals(MainViewModel.Shape.BURSTY));
        assertTrue(vm.submit(RunField.BURST, "500/s, 100 ms, 900 ms"));
        assertTrue(vm.chooseService(MainViewModel.Shape.UNIFORM));
        assertTrue(vm.submit(RunField.SERVICE_JITTER, "30 %"));
        assertFalse(vm.chooseService(MainViewModel.Shape.BURSTY));
        assertTrue(vm.chooseRunLength(MainViewModel.RunLength.ITEMS));
        assertTrue(vm.submit(RunField.ITEMS, "20"));
        assertTrue(vm.chooseThreads(ThreadKind.PLATFORM));
        ExperimentConfig c = engine.config();
        assertEquals(SendPolicy.DROP_OLDEST, c.policy());
        assertEquals(new Distribution.Bursty(500, 100, 900), c.arrivals());
        assertEquals(new Distribution.Uniform(0.3), c.service());
        assertEquals(20, c.items());
        assertEquals(ThreadKind.PLATFORM, c.threads());
        assertTrue(vm.chooseRunLength(MainViewModel.RunLength.DURATION));
        assertEquals(0, engine.config().items());
        assertEquals(30, engine.config().durationSeconds());
    }

    @Test
    void liveSlidersKeepThePerRunSettings() {
        assertTrue(vm.submit(RunField.PRODUCERS, "8"));
        vm.valueOf(Setting.CAPACITY).set(42);
        assertEquals(8, engine.config().producers());
        assertEquals(42, engine.config().capacity());
    }
}
