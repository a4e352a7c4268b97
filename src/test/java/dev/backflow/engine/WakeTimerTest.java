package dev.backflow.engine;

import dev.backflow.testing.Awaits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WakeTimerTest {

    private static final long TICK = 250_000L;

    @Test
    void aSleeperParksWithoutADeadlineAndIsWokenByATickNotBeforeItIsDue() throws Exception {
        WakeTimer timer = new WakeTimer(TICK, "test-wake-timer");
        Object blocker = new Object();
        long wait = 50_000_000L;
        AtomicLong due = new AtomicLong();
        AtomicLong woke = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            due.set(System.nanoTime() + wait);
            timer.park(blocker, wait);
            woke.set(System.nanoTime());
            done.countDown();
        });
        // Parked on the timer: an untimed park (no JDK timer task), with the caller's blocker.
        Awaits.until("the waiter is parked", () -> waiter.getState() == Thread.State.WAITING);
        assertSame(blocker, LockSupport.getBlocker(waiter));
        assertTrue(done.await(10, TimeUnit.SECONDS), "a tick woke it");
        assertTrue(woke.get() >= due.get(), "never before its due time");
        // (A waiter that arrives as the timer passes its tick returns by itself; its entry
        // leaves the wheel a turn later. Either way the entry is taken off.)
        Awaits.until("its entry left the wheel", () -> timer.woken() == 1);
        assertTrue(timer.thread().isDaemon(), "the timer never keeps a JVM alive");
    }

    @Test
    void thousandsOfScatteredSleepersAllWakeAndNoneEarly() throws Exception {
        WakeTimer timer = new WakeTimer(TICK, "test-wake-timer");
        int n = 3_000;
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger early = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(7);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long wait = 500_000L + random.nextLong(40_000_000L); // 0.5 to 40.5 ms
            threads.add(Thread.ofVirtual().start(() -> {
                long due = System.nanoTime() + wait;
                timer.park(this, wait);
                if (System.nanoTime() < due) {
                    early.incrementAndGet();
                }
                done.countDown();
            }));
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), done.getCount() + " sleepers were never woken");
        assertEquals(0, early.get(), "sleepers woken before they were due");
        // Nothing stays on the wheel: each entry is taken off by its tick (or, for a waiter that
        // arrived just as the timer passed its tick and so never parked, one turn later).
        Awaits.until("every entry left the wheel", () -> timer.woken() == n);
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void aWaitLongerThanOneTurnOfTheWheelGoesRoundAgain() throws Exception {
        // A 10 µs tick makes one turn of the wheel 41 ms: a 150 ms wait passes its slot three times.
        WakeTimer timer = new WakeTimer(10_000L, "test-wake-timer");
        long wait = 150_000_000L;
        AtomicLong late = new AtomicLong(-1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            long due = System.nanoTime() + wait;
            timer.park(this, wait);
            late.set(System.nanoTime() - due);
        });
        waiter.join(Duration.ofSeconds(10));
        assertFalse(waiter.isAlive(), "woken");
        assertTrue(late.get() >= 0, "not woken on an earlier turn: " + late.get() + " ns early");
    }

    @Test
    void anUnparkEndsTheWaitAtOnceAndTheLaterTickDoesNoHarm() throws Exception {
        WakeTimer timer = new WakeTimer(TICK, "test-wake-timer");
        Object blocker = new Object();
        CountDownLatch parkedAgain = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong firstPark = new AtomicLong();
        Thread waiter = Thread.ofVirtual().start(() -> {
            long t0 = System.nanoTime();
            timer.park(blocker, Long.MAX_VALUE); // "for ever": no deadline overflows into the past
            firstPark.set(System.nanoTime() - t0);
            parkedAgain.countDown();
            try {
                release.await(); // a park of its own, which the stale tick must not break
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Awaits.until("the waiter is parked on the timer", () -> LockSupport.getBlocker(waiter) == blocker);
        LockSupport.unpark(waiter);
        assertTrue(parkedAgain.await(10, TimeUnit.SECONDS), "the unpark ended the wait");
        assertTrue(firstPark.get() < WakeTimer.MAX_NANOS, "ended by the unpark, not by the longest park");
        release.countDown();
        waiter.join(Duration.ofSeconds(10));
        assertFalse(waiter.isAlive());
    }

    @Test
    void zeroOrNegativeWaitsReturnAtOnce() {
        WakeTimer timer = new WakeTimer(TICK, "test-wake-timer");
        timer.park(this, 0);
        timer.park(this, -5);
        assertEquals(0, timer.woken());
    }

    @Test
    void aRunOfAThousandVirtualWorkersPacesOnTheTimerAndLosesNoItem() throws Exception {
        // 500 producers and 500 consumers serving 5 ms each (20 ticks): the timer's case.
        ExperimentConfig c = new ExperimentConfig(100, 20_000, 5, 500, 500).toBuilder().items(4_000).build();
        long before = WakeTimer.shared().woken();
        try (Engine engine = new Engine(c)) {
            engine.start();
            assertTrue(engine.run().onTicks(), "1,000 virtual workers");
            assertTrue(engine.awaitEnd(Duration.ofSeconds(60)), "the run ended");
            assertEquals(4_000, engine.counts().consumed(), "every item served");
            assertEquals(0, engine.counts().rejected() + engine.counts().dropped());
        }
        assertTrue(WakeTimer.shared().woken() - before >= 4_000, "producers' gaps and services ended on ticks");
    }

    @Test
    void smallRunsPlatformThreadsAndFastServicesKeepTheJdksTimedPark() throws Exception {
        try (Engine small = new Engine(new ExperimentConfig(100, 1_000, 5, 499, 500))) {
            small.start();
            assertFalse(small.run().onTicks(), "999 workers");
        }
        try (Engine platform = new Engine(new ExperimentConfig(100, 1_000, 5, 500, 500).toBuilder()
                .threads(ThreadKind.PLATFORM).build())) {
            platform.start();
            assertFalse(platform.run().onTicks(), "platform threads");
        }
        // 0.1 ms services are shorter than ten ticks: the producers' long gaps stay timed parks.
        ExperimentConfig fast = new ExperimentConfig(100, 1_000, 0.1, 500, 500);
        try (Engine engine = new Engine(fast)) {
            engine.start();
            assertTrue(engine.run().onTicks());
            Thread producer = engine.run().source.threads.get(0);
            Awaits.until("producer-1 waits for its next item", () -> producer.getState() == Thread.State.TIMED_WAITING);
        }
    }
}
