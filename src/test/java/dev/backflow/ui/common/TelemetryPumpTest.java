package dev.backflow.ui.common;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Sampler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryPumpTest {

    @Test
    void anErrorInAFrameIsReportedAndThePumpCarriesOn() throws Exception {
        Engine engine = new Engine(ExperimentConfig.DEFAULT);
        Sampler sampler = new Sampler(engine, 1_000_000_000L, 60);
        AtomicInteger frames = new AtomicInteger();
        CountDownLatch laterFrames = new CountDownLatch(3);
        TelemetryPump pump = new TelemetryPump(sampler, frame -> {
            if (frames.incrementAndGet() == 1) {
                throw new AssertionError("a listener failed");
            }
            laterFrames.countDown();
        }, 200);
        try {
            assertTrue(laterFrames.await(10, TimeUnit.SECONDS), "frames keep coming after an Error");
            String problem = pump.takeProblem();
            assertNotNull(problem);
            assertTrue(problem.contains("a listener failed"), problem);
            assertNull(pump.takeProblem(), "taking a problem clears it");
            assertNotNull(pump.latest(), "snapshots keep being published");
        } finally {
            pump.close();
            engine.close();
        }
    }
}
