package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each send policy's semantics, the two ways a channel closes, and conservation of items. */
class PolicyTest {

    private Engine engine;

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        }
    }

    private static ExperimentConfig.Builder fastProducerSlowConsumer(SendPolicy policy) {
        return new ExperimentConfig(5, 5_000, 5_000, 1, 1).toBuilder().policy(policy);
    }

    private List<TelemetryEvent> drain() {
        List<TelemetryEvent> events = new ArrayList<>();
        while (engine.drainEvents(events::add, 10_000) > 0) {
            // keep draining
        }
        return events;
    }

    @Test
    void rejectRefusesAtOnceAndCountsEveryRefusedOffer() {
        engine = new Engine(fastProducerSlowConsumer(SendPolicy.REJECT).build());
        engine.start();
        Awaits.until("rejections pile up", () -> engine.counts().rejected() >= 100);
        Counts c = engine.counts();
        assertEquals(0, c.producerParks(), "a rejecting producer never parks");
        assertEquals(5, c.fill());
        assertEquals(0, c.unaccounted());
        assertTrue(drain().stream().anyMatch(e -> e instanceof TelemetryEvent.ItemRejected));
    }

    @Test
    void timeoutWaitsForItsDeadlineThenGivesUp() {
        engine = new Engine(fastProducerSlowConsumer(SendPolicy.TIMEOUT).timeoutMs(20).build());
        engine.start();
        Awaits.until("timed-out sends", () -> engine.counts().timedOut() >= 3);
        Counts c = engine.counts();
        assertTrue(c.producerParks() >= 3, "a timed send parks until its deadline");
        assertEquals(0, c.rejected());
        assertEquals(0, c.unaccounted());
        List<TelemetryEvent> events = drain();
        assertTrue(events.stream().anyMatch(e -> e instanceof TelemetryEvent.ItemTimedOut));
        assertTrue(events.stream().anyMatch(e -> e instanceof TelemetryEvent.ProducerUnparked u && !u.gotSpace()
                && u.parkedNanos() >= 19_000_000L), "the producer waited its 20 ms before giving up");
    }

    @Test
    void dropNewestDiscardsTheNewItemAndKeepsTheQueuedOnes() {
        engine = new Engine(fastProducerSlowConsumer(SendPolicy.DROP_NEWEST).build());
        engine.start();
        // The consumer may start after the buffer first fills: once it is on its first item
        // (5 s), the space it made is taken by one more item, and everything after is dropped.
        Awaits.until("the consumer is on its first item and drops began",
                () -> engine.counts().inService() == 1 && engine.counts().dropped() >= 1);
        long before = engine.counts().dropped();
        Awaits.until("50 more drops", () -> engine.counts().dropped() >= before + 50);
        List<TelemetryEvent> events = drain();
        // The queued items stay: only new ones are dropped, and the six that got in are the
        // one in service plus the five queued.
        assertTrue(events.stream().filter(e -> e instanceof TelemetryEvent.ItemDropped).map(e -> (TelemetryEvent.ItemDropped) e)
                .noneMatch(TelemetryEvent.ItemDropped::oldest));
        Counts c = engine.counts();
        assertEquals(6, c.produced());
        assertEquals(c.offered() - 6, c.dropped());
        assertEquals(0, c.unaccounted());
    }

    @Test
    void dropOldestDiscardsTheOldestQueuedItemToMakeRoom() {
        engine = new Engine(fastProducerSlowConsumer(SendPolicy.DROP_OLDEST).build());
        engine.start();
        Awaits.until("drops", () -> engine.counts().dropped() >= 50);
        List<TelemetryEvent> events = drain();
        List<Long> dropped = events.stream().filter(e -> e instanceof TelemetryEvent.ItemDropped)
                .map(e -> ((TelemetryEvent.ItemDropped) e).sequence()).toList();
        assertTrue(dropped.getFirst() <= 1, "the oldest queued item goes first (0, or 1 if 0 was already in service)");
        int gaps = 0;
        for (int i = 1; i < dropped.size(); i++) {
            assertTrue(dropped.get(i) > dropped.get(i - 1), "oldest first, in order");
            if (dropped.get(i) != dropped.get(i - 1) + 1) {
                gaps++;
            }
        }
        assertTrue(gaps <= 1, "only the one item the 5 s consumer took escapes eviction; gaps: " + gaps);
        assertEquals(0, engine.counts().producerParks());
        assertEquals(0, engine.counts().unaccounted());
    }

    @Test
    void unboundedGrowsUntilTheMemoryBudgetKillsTheRun() throws Exception {
        engine = new Engine(fastProducerSlowConsumer(SendPolicy.UNBOUNDED)
                .producerRate(100_000).itemSizeBytes(1024).memoryBudgetBytes(1L << 20).build());
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(30)));
        assertEquals(Engine.State.FINISHED, engine.state());
        assertEquals(RunOutcome.KILLED_OUT_OF_MEMORY, engine.outcome());
        // Each queued item counts 1 KiB plus the 56 bytes it costs on the heap: the 971st is the
        // first over the 1 MiB budget (971 x 1,080 = 1,048,680).
        assertEquals("killed: out of memory (1,048,680 bytes queued, budget 1,048,576)", engine.outcomeReason());
        Counts c = engine.counts();
        assertTrue(c.unbounded());
        assertTrue(c.fill() == 971 || c.fill() == 970, "a consumer waiting at the kill may take one more; fill " + c.fill());
        long frozen = c.atNanos();
        assertEquals(frozen, engine.counts().atNanos(), "an ended run's time stands still");
        assertEquals(0, c.producerParks(), "nothing ever blocks an unbounded producer");
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
    }

    @Test
    void droppingTheReceiverMakesEveryProducersNextSendFail() throws Exception {
        engine = new Engine(new ExperimentConfig(5, 200, 50, 3, 1));
        engine.start();
        Awaits.until("the buffer is full", () -> engine.counts().fill() == 5);
        engine.dropConsumers();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(10)));
        assertEquals(RunOutcome.RECEIVER_DROPPED, engine.outcome());
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        List<TelemetryEvent> events = drain();
        assertEquals(3, events.stream().filter(e -> e instanceof TelemetryEvent.ReceiverDropped).count(),
                "each producer learned that the receiver was dropped");
        Counts c = engine.counts();
        assertEquals(0, c.fill());
        assertTrue(c.lostOnClose() >= 5, "queued items went with the receiver");
        assertEquals(0, c.unaccounted());
    }

    @Test
    void aFiniteRunReproducesTheFirstTutorial() throws Exception {
        // Capacity 5, 20 items, a 50 ms consumer (the tutorial's 500 ms, ten times faster).
        engine = new Engine(new ExperimentConfig(5, 100_000, 50, 1, 1).toBuilder().items(20).build());
        engine.start();
        Awaits.until("the producer parks once the buffer is full", () -> engine.counts().producerParks() >= 1);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(30)));
        assertEquals(RunOutcome.COMPLETED, engine.outcome());
        Counts c = engine.counts();
        assertEquals(20, c.offered());
        assertEquals(20, c.consumed());
        assertEquals(0, c.fill());
        assertTrue(c.producerParks() >= 10, "the producer parked for most of the items");
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(20, drain().stream().filter(e -> e instanceof TelemetryEvent.Consumed).count());
    }

    @Test
    void aTimedRunEndsByItselfAfterItsDuration() throws Exception {
        engine = new Engine(new ExperimentConfig(100, 1_000, 0, 2, 2).toBuilder().durationSeconds(0.3).build());
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(20)));
        assertEquals(RunOutcome.COMPLETED, engine.outcome());
        Counts c = engine.counts();
        assertEquals(c.offered(), c.consumed());
        assertTrue(c.offered() > 0);
    }

    static java.util.List<SendPolicy> kinds() {
        return SendPolicy.KINDS;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("kinds")
    void conservationHoldsAtEverySnapshotUnderRandomReconfiguration(SendPolicy policy) throws Exception {
        ExperimentConfig base = new ExperimentConfig(8, 2_000, 1, 3, 2).toBuilder().policy(policy)
                .timeoutMs(2).memoryBudgetBytes(64L << 20).build();
        engine = new Engine(base);
        engine.start();
        SplittableRandom random = new SplittableRandom(7);
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; i < 400 || engine.counts().offered() < 2_000; i++) {
            assertTrue(System.nanoTime() < deadline, "traffic should flow");
            LockSupport.parkNanos(250_000L); // spacing between snapshots, not a wait for an outcome
            Counts c = engine.counts();
            assertEquals(0, c.unaccounted(), () -> "books do not balance: " + c);
            if (i % 20 == 0) {
                engine.reconfigure(base.toBuilder().capacity(1 + random.nextInt(20))
                        .producerRate(100 + random.nextInt(20_000)).consumerDelayMs(random.nextDouble(2))
                        .timeoutMs(1 + random.nextInt(5)).build());
            }
            if (i == 200) {
                engine.pause();
            } else if (i == 250) {
                engine.resume();
            }
        }
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        Counts end = engine.counts();
        assertEquals(0, end.unaccounted(), () -> "after stop: " + end);
        assertTrue(end.offered() > 0);
    }

    @Test
    void tenThousandProducersAndConsumersStartRunAndStopWithNoThreadLeft() throws Exception {
        engine = new Engine(new ExperimentConfig(100, 50_000, 1, 10_000, 10_000));
        engine.start();
        Awaits.until("all 20,000 workers run", Duration.ofSeconds(30), () -> engine.liveWorkers().size() == 20_000);
        Awaits.until("the start-up cost of the workers is measured", () -> engine.workerStartMillis() > 0);
        Awaits.until("items flow", () -> engine.counts().consumed() > 1_000);
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(30)));
        assertEquals(List.of(), engine.liveWorkers());
        assertEquals(0, engine.counts().unaccounted());
    }

    @Test
    void startNeverBlocksItsCallerEvenForThousandsOfPlatformThreads() throws Exception {
        engine = new Engine(new ExperimentConfig(100, 1_000, 1, 2_000, 2_000).toBuilder().threads(ThreadKind.PLATFORM).build());
        engine.start(); // creates 4,000 threads but starts them from a launcher thread
        assertEquals(Engine.State.RUNNING, engine.state());
        engine.stop(); // possibly while they are still being started
        assertTrue(engine.awaitTermination(Duration.ofSeconds(60)));
        assertEquals(List.of(), engine.liveWorkers(), "no thread is left, started or not");
    }

    @Test
    void platformThreadsWorkTheSameWay() throws Exception {
        engine = new Engine(new ExperimentConfig(5, 1_000, 5_000, 2, 1).toBuilder().threads(ThreadKind.PLATFORM).build());
        engine.start();
        Awaits.until("producers park", () -> engine.counts().producersParked() == 2);
        assertTrue(engine.workers().stream().noneMatch(Thread::isVirtual));
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(List.of(), engine.liveWorkers());
    }
}
