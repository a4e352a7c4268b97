package dev.backflow.engine;

import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.TelemetryEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event log reads in the order things happened (issue #11, error 1): over every event of a
 * busy many-worker run, as the window and the events CSV receive them from the sampler.
 */
class EventOrderTest {

    @ParameterizedTest
    @ValueSource(strings = {"block", "reject", "drop-oldest"})
    void everyEventOfABusyManyWorkerRunIsInCausalAndTimeOrder(String policy) throws Exception {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().producers(16).consumers(4).capacity(8)
                .policy(SendPolicy.parse(policy)).producerRate(40_000).consumerDelayMs(0.05)
                .service(new Distribution.Exponential()).items(12_000).build();
        List<TelemetryEvent> log = new ArrayList<>();
        try (Engine engine = new Engine(c)) {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 10);
            engine.start();
            while (engine.state() == Engine.State.RUNNING) {
                log.addAll(sampler.sample().events());
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // a frame's spacing, not a wait for an outcome
            }
            assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
            log.addAll(sampler.sample().events());
            assertEquals(RunOutcome.COMPLETED, engine.outcome());
            assertEquals(0, engine.counts().eventsLost(), "every event was kept");
        }
        assertTrue(log.size() > 12_000, "a busy log: " + log.size());

        Map<Long, Integer> producedAt = new HashMap<>();
        Map<Integer, Boolean> producerParked = new HashMap<>();
        Map<Integer, Boolean> consumerParked = new HashMap<>();
        long previous = Long.MIN_VALUE;
        int consumed = 0;
        for (int i = 0; i < log.size(); i++) {
            TelemetryEvent e = log.get(i);
            assertTrue(e.atNanos() >= previous, "event " + i + " is stamped before the one above it: " + e);
            previous = e.atNanos();
            switch (e) {
                case TelemetryEvent.Produced p -> producedAt.put(p.sequence(), i);
                case TelemetryEvent.Consumed k -> {
                    consumed++;
                    Integer at = producedAt.get(k.sequence());
                    assertTrue(at != null && at < i, "item " + k.sequence() + " consumed before it was produced");
                }
                case TelemetryEvent.ProducerParked p ->
                        assertTrue(producerParked.put(p.producer(), true) != Boolean.TRUE, "producer " + p.producer() + " parked twice");
                case TelemetryEvent.ProducerUnparked u ->
                        assertEquals(Boolean.TRUE, producerParked.put(u.producer(), false), "producer " + u.producer() + " unparked before it parked");
                case TelemetryEvent.ConsumerParked p ->
                        assertTrue(consumerParked.put(p.consumer(), true) != Boolean.TRUE, "consumer " + p.consumer() + " parked twice");
                case TelemetryEvent.ConsumerUnparked u ->
                        assertEquals(Boolean.TRUE, consumerParked.put(u.consumer(), false), "consumer " + u.consumer() + " unparked before it parked");
                default -> { }
            }
        }
        assertTrue(consumed > 0);
    }
}
