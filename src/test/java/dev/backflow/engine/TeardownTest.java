package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The edges of a run: waits that meet interrupts and spurious wake-ups, workers that cannot
 * start or run out of heap, and two threads driving one engine at once.
 */
class TeardownTest {

    private Engine engine;

    @AfterEach
    void closeEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static Run idleRun(ExperimentConfig c) {
        return new Run(1, c, NanoClock.SYSTEM, () -> c, new Object(), (r, how) -> { }, Thread::start, LockSupport::unpark);
    }

    @Test
    void anInterruptedWorkerWaitingOutAPauseEndsInsteadOfSpinning() throws Exception {
        Run run = idleRun(ExperimentConfig.DEFAULT);
        run.paused = true;
        AtomicReference<Boolean> carryOn = new AtomicReference<>();
        CountDownLatch returned = new CountDownLatch(1);
        Thread worker = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt(); // as a dropped receiver interrupts a stage's workers
            carryOn.set(run.awaitRunning());
            returned.countDown();
        });
        // Before the fix park() returned at once for the interrupted thread, for ever.
        assertTrue(returned.await(10, TimeUnit.SECONDS), "awaitRunning returned for an interrupted worker");
        assertFalse(carryOn.get(), "an interrupt while paused ends the worker");
        worker.join();
    }

    @Test
    void aPausedWorkerStaysParkedThroughSpuriousWakeUpsAndCarriesOnAtResume() throws Exception {
        Run run = idleRun(ExperimentConfig.DEFAULT);
        run.paused = true;
        AtomicReference<Boolean> carryOn = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> carryOn.set(run.awaitRunning()));
        for (int i = 0; i < 5; i++) {
            Awaits.parked(worker);
            assertSame(run.pauseGate, LockSupport.getBlocker(worker), "parked on the pause gate");
            LockSupport.unpark(worker); // a wake-up with nothing changed
        }
        Awaits.parked(worker);
        assertNull(carryOn.get(), "still waiting while paused");
        run.paused = false;
        LockSupport.unpark(worker);
        worker.join(Duration.ofSeconds(10));
        assertEquals(Boolean.TRUE, carryOn.get());
    }

    @Test
    void aWorkerThatCannotStartEndsTheRunSayingWhichAndStopsEveryStartedOne() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        engine = new Engine(ExperimentConfig.DEFAULT.toBuilder().producers(1_000).consumers(2).producerRate(1_000).build(),
                NanoClock.SYSTEM, t -> {
                    if (starts.incrementAndGet() > 600) {
                        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
                    }
                    t.start();
                });
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(20)), "the run ends by itself");
        assertEquals(RunOutcome.FAILED, engine.outcome());
        assertTrue(engine.outcomeReason().contains("could not start thread 601 of 1,002: the system's thread limit"),
                engine.outcomeReason());
        assertTrue(engine.awaitTermination(Duration.ofSeconds(20)), "every started worker ended");
        assertTrue(engine.liveWorkers().isEmpty());
        Counts c = engine.counts();
        assertEquals(0, c.unaccounted(), "every item offered is accounted for");
    }

    @Test
    void aRealOutOfMemoryErrorInAWorkerEndsTheRunAsKilledNotHung() {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.UNBOUNDED).build();
        Run run = idleRun(c);
        run.guarded(() -> {
            throw new OutOfMemoryError("Java heap space");
        }).run();
        assertEquals(RunOutcome.KILLED_OUT_OF_MEMORY, run.outcome);
        assertTrue(run.reason.contains("ran out of heap memory (maximum heap "), run.reason);
    }

    @Test
    void anUnexpectedFailureInAWorkerEndsTheRunAsFailed() {
        Run run = idleRun(ExperimentConfig.DEFAULT);
        run.guarded(() -> {
            throw new IllegalStateException("broken");
        }).run();
        assertEquals(RunOutcome.FAILED, run.outcome);
        assertTrue(run.reason.contains("IllegalStateException: broken"), run.reason);
    }

    @Test
    void theMemoryBudgetCountsWhatAnItemCostsOnTheHeap() throws Exception {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.UNBOUNDED).itemSizeBytes(1)
                .memoryBudgetBytes(64 * 1024).producerRate(100_000).consumerDelayMs(1_000).build();
        engine = new Engine(c);
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(20)));
        assertEquals(RunOutcome.KILLED_OUT_OF_MEMORY, engine.outcome());
        // 64 KiB at 1 + 56 bytes an item is about 1,150 items, not 65,536 one-byte ones.
        assertTrue(engine.counts().produced() < 2_000, "killed near 1,150 items: " + engine.counts().produced());
        assertTrue(engine.outcomeReason().contains("budget 65,536"), engine.outcomeReason());
    }

    @Test
    void aBudgetTheHeapCannotHoldIsRefusedNamingTheMaximumHeap() throws Exception {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(Limits.heapProblem(max / 2, max).isEmpty());
        String why = Limits.heapProblem(max, max).orElseThrow();
        assertTrue(why.contains("its maximum heap is " + dev.backflow.units.Units.bytes(max)), why);
        long budget = Math.min((long) Limits.MEMORY_BUDGET.max(), max); // more than half the heap
        engine = new Engine(ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.UNBOUNDED).itemSizeBytes(16 << 20)
                .memoryBudgetBytes((long) budget).build());
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(10)));
        assertEquals(RunOutcome.FAILED, engine.outcome());
        assertTrue(engine.outcomeReason().contains("more than this JVM can hold"), engine.outcomeReason());
        assertEquals(0, engine.counts().offered(), "nothing ran");
    }

    // ------------------------------------------------------------ two threads driving one engine

    /** A random pipeline of up to four links, small enough for a 2-core machine. */
    private static ExperimentConfig randomPipeline(SplittableRandom r) {
        String[] policies = {"block", "reject", "timeout", "drop-newest", "drop-oldest", "unbounded"};
        StringBuilder spec = new StringBuilder("source " + (50 + r.nextInt(950)) + "/s x" + (1 + r.nextInt(8)));
        int middles = r.nextInt(3);
        for (int i = 0; i <= middles; i++) {
            String policy = policies[r.nextInt(policies.length)];
            spec.append(" | ").append(policy.equals("unbounded") ? "unbounded" : (1 + r.nextInt(50)) + " " + policy);
            if (i < middles) {
                spec.append(" | s").append(i + 1).append(' ').append(r.nextInt(20)).append("ms x").append(1 + r.nextInt(4))
                        .append(r.nextBoolean() ? " decoupled" : "");
            }
        }
        spec.append(" | sink ").append(r.nextInt(10)).append("ms x").append(1 + r.nextInt(6));
        return PipelineSpec.apply(ExperimentConfig.DEFAULT.toBuilder().threads(ThreadKind.VIRTUAL).build(), spec.toString());
    }

    /** Whether every live worker of the run is parked (none holds a carrier) at one look. */
    private static boolean allParked(Engine e) {
        for (Thread t : e.liveWorkers()) {
            Thread.State s = t.getState();
            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING && s != Thread.State.TERMINATED) {
                return false;
            }
        }
        return true;
    }

    @Test
    void twoThreadsDrivingOneEngineNeverSpinAPausedRunNorHangACall() throws Exception {
        SplittableRandom seeds = new SplittableRandom(19);
        engine = new Engine(randomPipeline(seeds));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        int rounds = 0;
        while (System.nanoTime() < end) {
            rounds++;
            long roundSeed = seeds.nextLong();
            AtomicBoolean go = new AtomicBoolean(true);
            List<Thread> drivers = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (int d = 0; d < 2; d++) {
                SplittableRandom r = new SplittableRandom(roundSeed + d);
                drivers.add(Thread.ofPlatform().name("driver-" + d).start(() -> {
                    try {
                        for (int op = 0; op < 12 && go.get(); op++) {
                            switch (r.nextInt(9)) {
                                case 0, 1 -> engine.start();
                                case 2 -> engine.pause();
                                case 3 -> engine.resume();
                                case 4 -> engine.dropConsumers();
                                case 5 -> engine.stop();
                                case 6 -> engine.reconfigure(randomPipeline(r));
                                case 7 -> engine.counts();
                                default -> engine.reset();
                            }
                            LockSupport.parkNanos(r.nextLong(5_000_000L)); // spread the calls, 0 to 5 ms
                        }
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }));
            }
            for (Thread d : drivers) {
                d.join(Duration.ofSeconds(20));
                if (d.isAlive()) {
                    go.set(false);
                    fail("a call did not return in round " + rounds + ": " + d.getName() + " at "
                            + java.util.Arrays.toString(d.getStackTrace()));
                }
            }
            if (failed.get() != null) {
                throw new AssertionError("a call failed in round " + rounds, failed.get());
            }
            // One thread now: pause whatever runs, and every worker must come to rest.
            engine.pause();
            if (engine.state() == Engine.State.PAUSED) {
                Awaits.until("every worker of the paused run is parked (round " + rounds + ")",
                        Duration.ofSeconds(10), () -> allParked(engine));
                CountDownLatch counted = new CountDownLatch(1);
                Thread reader = Thread.ofPlatform().start(() -> {
                    engine.counts();
                    counted.countDown();
                });
                assertTrue(counted.await(10, TimeUnit.SECONDS), "counts() returns while paused");
                reader.join();
            }
            engine.stop();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(20)), "every worker ended after stop (round " + rounds + ")");
            Counts c = engine.counts();
            assertEquals(0, c.unaccounted(), "the books balance after round " + rounds);
        }
        assertTrue(rounds >= 3, "churned " + rounds + " rounds");
    }
}
