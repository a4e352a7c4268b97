package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.TelemetryEvent;
import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {

    private Engine engine;

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static Thread worker(Engine e, String name) {
        return e.workers().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fastProducerFillsTheBufferAndParksOnIt() throws Exception {
        engine = new Engine(new ExperimentConfig(5, 1_000, 5_000, 1, 1));
        engine.start();
        assertEquals(Engine.State.RUNNING, engine.state());

        Awaits.until("the producer is parked on a full buffer", () -> engine.counts().producersParked() == 1);
        Thread producer = worker(engine, "producer-1");
        assertTrue(producer.isVirtual());
        Awaits.parked(producer);
        Counts c = engine.counts();
        assertEquals(5, c.fill());
        assertEquals(5, c.capacity());
        // Whether the consumer took item 0 before or after the buffer first filled decides
        // whether the producer parked once or twice; either way one item is in its 5 s service.
        assertTrue(c.producerParks() >= 1 && c.producerParks() <= 2);
        assertEquals(6, c.produced());
        assertEquals(1, c.inService());
    }

    @Test
    void parkAndUnparkEventsComeInPairsForEachProducer() throws Exception {
        engine = new Engine(new ExperimentConfig(2, 10_000, 0.5, 2, 1));
        engine.start();
        Awaits.until("some parks happened", () -> engine.counts().producerParks() >= 20);
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));

        List<TelemetryEvent> events = new ArrayList<>();
        while (engine.drainEvents(events::add, 1000) > 0) {
            // drain everything
        }
        assertEquals(0, engine.counts().eventsLost());
        long[] openPark = new long[3];
        int pairs = 0;
        for (TelemetryEvent e : events) {
            switch (e) {
                case TelemetryEvent.ProducerParked p -> {
                    assertEquals(0, openPark[p.producer()], "a producer cannot park twice without unparking");
                    openPark[p.producer()] = p.atNanos();
                }
                case TelemetryEvent.ProducerUnparked u -> {
                    assertNotEquals(0, openPark[u.producer()], "an unpark follows its park");
                    assertEquals(u.atNanos() - openPark[u.producer()], u.parkedNanos());
                    openPark[u.producer()] = 0;
                    pairs++;
                }
                default -> { }
            }
        }
        assertEquals(engine.counts().producerParks(), pairs, "every park was reported and closed");
    }

    @Test
    void reconfigureWakesAProducerInTheMiddleOfALongSleep() throws Exception {
        // 0.1 items/s: after its first item the producer sleeps 10 s.
        engine = new Engine(new ExperimentConfig(1_000, 0.1, 0, 1, 1));
        engine.start();
        Awaits.until("the first item is produced", () -> engine.counts().produced() == 1);
        Thread producer = worker(engine, "producer-1");
        Awaits.until("the producer sleeps until its next deadline",
                () -> producer.getState() == Thread.State.TIMED_WAITING);

        engine.reconfigure(engine.config().withProducerRate(1_000));
        // Far less than the 10 s the old sleep had left: only a wake-up explains it.
        Awaits.until("the new rate applies at once", Duration.ofSeconds(5), () -> engine.counts().produced() >= 50);
    }

    @Test
    void reconfigureShortensAConsumerMidwayThroughItsDelay() throws Exception {
        engine = new Engine(new ExperimentConfig(10, 0.1, 5_000, 1, 1));
        engine.start();
        Awaits.until("the consumer took the first item", () -> engine.counts().taken() == 1);
        Thread consumer = worker(engine, "consumer-1");
        Awaits.until("the consumer is serving it", () -> consumer.getState() == Thread.State.TIMED_WAITING);

        engine.reconfigure(engine.config().withConsumerDelayMs(0));
        Awaits.until("the item finishes early", Duration.ofSeconds(3), () -> engine.counts().consumed() == 1);
    }

    @Test
    void capacityChangesReachTheRunningQueue() throws Exception {
        engine = new Engine(new ExperimentConfig(3, 10_000, 5_000, 1, 1));
        engine.start();
        Awaits.until("buffer full at 3", () -> engine.counts().fill() == 3 && engine.counts().producersParked() == 1);
        engine.reconfigure(engine.config().withCapacity(8));
        Awaits.until("buffer refills to 8", () -> engine.counts().fill() == 8);
        assertEquals(8, engine.counts().capacity());
        engine.reconfigure(engine.config().withCapacity(2));
        assertEquals(8, engine.counts().fill(), "shrinking keeps what is queued");
    }

    @Test
    void pauseParksEveryWorkerAndResumeContinues() throws Exception {
        engine = new Engine(new ExperimentConfig(10_000, 5_000, 0, 4, 2));
        engine.start();
        Awaits.until("items flow", () -> engine.counts().consumed() > 10);
        engine.pause();
        assertEquals(Engine.State.PAUSED, engine.state());
        Object gate = engine.pauseGate();
        Awaits.until("every worker is parked: producers at the pause gate, consumers at the gate or on an empty buffer",
                () -> engine.workers().stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        && (LockSupport.getBlocker(t) == gate || t.getName().startsWith("consumer"))));
        long produced = engine.counts().produced();
        long consumed = engine.counts().consumed();
        assertTrue(engine.workers().stream().filter(t -> t.getName().startsWith("producer"))
                .allMatch(t -> LockSupport.getBlocker(t) == gate));
        assertEquals(produced, engine.counts().produced(), "nothing moves while every worker is parked");
        assertEquals(consumed, engine.counts().consumed());

        engine.resume();
        assertEquals(Engine.State.RUNNING, engine.state());
        Awaits.until("production resumes", () -> engine.counts().produced() > produced);
    }

    @Test
    void stopLeavesNoThreadRunning() throws Exception {
        engine = new Engine(new ExperimentConfig(5, 100_000, 1, 200, 200));
        engine.start();
        Awaits.until("all workers started", () -> engine.liveWorkers().size() == 400);
        Awaits.until("producers parked", () -> engine.counts().producersParked() > 0);
        engine.stop();
        assertEquals(Engine.State.STOPPED, engine.state());
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(List.of(), engine.liveWorkers());
        assertTrue(engine.workers().stream().allMatch(t -> t.getState() == Thread.State.TERMINATED));
    }

    @Test
    void startAfterStopBeginsAFreshRunAndResetReturnsToIdle() throws Exception {
        engine = new Engine(new ExperimentConfig(5, 1_000, 1_000, 1, 1));
        engine.start();
        Awaits.until("items produced", () -> engine.counts().produced() > 0);
        long firstRun = engine.counts().runId();
        engine.stop();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(5)));
        long producedBefore = engine.counts().produced();
        assertTrue(producedBefore > 0, "counters stay readable after stop");

        engine.start();
        assertNotEquals(firstRun, engine.counts().runId());
        engine.reset();
        assertEquals(Engine.State.IDLE, engine.state());
        assertEquals(0, engine.counts().runId());
        assertTrue(engine.awaitTermination(Duration.ofSeconds(5)));
        assertFalse(engine.workers().iterator().hasNext());
    }

    @Test
    void startWhilePausedResumes() {
        engine = new Engine(ExperimentConfig.DEFAULT);
        engine.start();
        engine.pause();
        engine.start();
        assertSame(Engine.State.RUNNING, engine.state());
    }

    @Test
    void readersRacingWithStartNeverSeeAHalfBuiltRun() throws Exception {
        // 2,000 workers make the time between "a run exists" and "its workers and launcher
        // exist" long enough that an early publication is seen by the reader below.
        engine = new Engine(new ExperimentConfig(5, 10, 1_000, 1_000, 1_000));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get() && failure.get() == null) {
                try {
                    engine.liveWorkers();
                    engine.workers();
                    engine.awaitTermination(Duration.ZERO);
                    engine.counts();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        });
        for (int i = 0; i < 30 && failure.get() == null; i++) {
            engine.start();
            engine.stop();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
        }
        done.set(true);
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError("a reader saw a half-built run", failure.get());
        }
    }

    @Test
    void resetRacingWithStartNeverLeavesWorkersThatNothingCanStop() throws Exception {
        // Platform threads, so every worker is visible in Thread.getAllStackTraces().
        engine = new Engine(new ExperimentConfig(5, 10, 1_000, 1, 1).toBuilder().threads(ThreadKind.PLATFORM).build());
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        Thread resetter = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    both.await();
                    engine.reset();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 200; i++) {
            both.await();
            engine.start();
        }
        resetter.join();
        engine.reset();
        Awaits.until("no worker of any run is left alive", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("producer-") || t.getName().startsWith("consumer-"))));
        assertEquals(Engine.State.IDLE, engine.state());
    }
}
