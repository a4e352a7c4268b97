package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slow motion: a clock that runs slower, waits that last longer, and a run with the same counts. */
class TimeScaleTest {

    @Test
    void aSlowedClockRunsAtItsFractionAndAsksForLongerWaits() {
        AtomicLong real = new AtomicLong(1_000_000_000L);
        TimeScale t = new TimeScale(real::get);
        assertEquals(1_000_000_000L, t.nanoTime());
        assertEquals(5_000L, t.realNanos(5_000L));
        t.slowdown(10);
        long before = t.nanoTime();
        real.addAndGet(TimeScale.SETTLE_NANOS); // the new speed takes effect after the settling time
        assertEquals(before, t.nanoTime(), "time stands still while the change settles");
        real.addAndGet(10_000_000L);
        assertEquals(before + 1_000_000L, t.nanoTime(), "10 ms of real time is 1 ms of experiment time");
        assertEquals(50_000L, t.realNanos(5_000L));
        assertEquals(Long.MAX_VALUE, t.realNanos(Long.MAX_VALUE / 2), "a wait that long saturates");
        assertEquals(10, t.slowdown());
    }

    @Test
    void changingTheSpeedNeverSetsTheClockBack() {
        AtomicLong real = new AtomicLong(0);
        TimeScale t = new TimeScale(real::get);
        long last = t.nanoTime();
        int[] speeds = {10, 1, 5, 2, 1, 10, 10, 1};
        for (int s : speeds) {
            t.slowdown(s);
            for (int i = 0; i < 40; i++) {
                real.addAndGet(3_000_000L);
                long now = t.nanoTime();
                assertTrue(now >= last, "monotonic across a change to ×1/" + s);
                last = now;
            }
        }
    }

    @Test
    void aSlowdownOutsideTheRangeIsRefusedInWords() {
        TimeScale t = new TimeScale(NanoClock.SYSTEM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.slowdown(0));
        assertTrue(e.getMessage().contains("×1 to ×1/100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.slowdown(TimeScale.MAX_SLOWDOWN + 1));
        assertEquals("×1", TimeScale.label(1));
        assertEquals("×1/10", TimeScale.label(10));
    }

    /**
     * Twenty items through a buffer of 5 to a 10 ms consumer, as the first tutorial at a faster
     * consumer: at ×1/10 the same counts come out, the run's own time reads the same, and the wall
     * time is at least ten times the work (the waits cannot end early).
     */
    @Test
    void aRunInSlowMotionTakesTenTimesAsLongWithTheSameCounts() throws Exception {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().capacity(5).producerRate(1000).consumerDelayMs(10)
                .producers(1).consumers(1).policy(SendPolicy.BLOCK).items(20).durationSeconds(0).build();
        Counts real = runTimed(c, 1);
        Counts slow = runTimed(c, 10);
        for (Counts counts : new Counts[] {real, slow}) {
            assertEquals(20, counts.produced());
            assertEquals(20, counts.consumed());
            assertEquals(0, counts.fill());
        }
        assertTrue(slow.producerParks() > 0, "the producer still parks on a full buffer");
        double realWork = 20 * 0.010;
        double slowSeconds = (slow.atNanos() - slow.startNanos()) / 1e9;
        assertTrue(slowSeconds >= realWork, "in the experiment's own time the run took at least the work: " + slowSeconds);
        assertTrue(wall[1] >= 10 * realWork, "on the wall it took at least ten times the work: " + wall[1] + " s");
        assertTrue(slowSeconds < wall[1] / 5, "and its own clock ran slower than the wall: " + slowSeconds + " vs " + wall[1]);
    }

    private final double[] wall = new double[2];

    private Counts runTimed(ExperimentConfig c, int slowdown) throws InterruptedException {
        try (Engine e = new Engine(c)) {
            e.slowMotion(slowdown);
            long t0 = System.nanoTime();
            e.start();
            assertTrue(e.awaitEnd(Duration.ofSeconds(60)), "the run ends");
            wall[slowdown == 1 ? 0 : 1] = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.awaitTermination(Duration.ofSeconds(10)));
            return e.counts();
        }
    }
}
