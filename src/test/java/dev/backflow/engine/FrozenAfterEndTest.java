package dev.backflow.engine;

import dev.backflow.report.RunReport;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.testing.Awaits;
import dev.backflow.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Once a run has ended, its figures stand still, however long they are read afterwards. */
class FrozenAfterEndTest {

    private static ObservedQueue<Integer> hooked(int capacity, NanoClock clock) {
        return new ObservedQueue<>(capacity, QueueObserver.NONE, clock, new ObservedQueue.Hooks<Integer>() {
            @Override
            public void entered(Integer e, long at) {
            }

            @Override
            public void left(Integer e, long at) {
            }
        });
    }

    @Test
    void aFrozenQueueCountsNoFillAfterItsFreeze() {
        ManualClock clock = new ManualClock();
        ObservedQueue<Integer> q = hooked(5, clock);
        q.offer(1);
        q.offer(2);
        q.offer(3);
        clock.advance(Duration.ofSeconds(1));
        q.freeze(clock.nanoTime());
        double atEnd = q.stats().fillItemSeconds();
        assertEquals(3.0, atEnd, 1e-6, "three items for one second");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(atEnd, q.stats().fillItemSeconds(), 1e-9, "nothing counted after the freeze");
        q.poll(); // items may still move; time does not
        clock.advance(Duration.ofSeconds(10));
        assertEquals(atEnd, q.stats().fillItemSeconds(), 1e-9);
    }

    /** Items that record their stamp, as the engine's do. */
    private static final class Stamped {
        long at;
    }

    @Test
    void theSojournBooksEqualTheFillIntegralTakenEvictedOrLeftAtTheEnd() {
        ManualClock clock = new ManualClock();
        ObservedQueue<Stamped> q = new ObservedQueue<>(2, QueueObserver.NONE, clock, new ObservedQueue.Hooks<Stamped>() {
            @Override
            public void stamp(Stamped e, long at) {
                e.at = at;
            }

            @Override
            public long stampOf(Stamped e) {
                return e.at;
            }

            @Override
            public void entered(Stamped e, long at) {
            }

            @Override
            public void left(Stamped e, long at) {
            }
        });
        q.offer(new Stamped());
        clock.advance(Duration.ofMillis(300));
        q.offer(new Stamped());
        clock.advance(Duration.ofMillis(200));
        q.offerEvictingOldest(new Stamped()); // the first leaves after 0.5 s, evicted
        clock.advance(Duration.ofMillis(100));
        q.poll(); // the second leaves after 0.3 s, taken
        assertEquals(2, q.stats().sojourns());
        assertEquals(0.8, q.stats().sojournSeconds(), 1e-8);
        assertEquals(0.1, q.stats().queuedAgeSeconds(), 1e-8, "the third has been there 0.1 s");
        clock.advance(Duration.ofMillis(400));
        q.freeze(clock.nanoTime()); // the third is counted to the end: 0.5 s
        QueueStats s = q.stats();
        assertEquals(3, s.sojourns());
        assertEquals(1.3, s.sojournSeconds(), 1e-8, "to the nanosecond a stamp may be raised by");
        assertEquals(s.fillItemSeconds(), s.sojournSeconds(), 1e-8, "L·T = Σ sojourns: Little's law on the books");
        assertEquals(0, s.queuedAgeSeconds(), 1e-9);
    }

    /** The system clock, plus a jump the test can make: "ten seconds later", without waiting them. */
    private static final class JumpingClock implements NanoClock {
        final AtomicLong skip = new AtomicLong();

        @Override
        public long nanoTime() {
            return System.nanoTime() + skip.get();
        }
    }

    @Test
    void afterAStopWithItemsQueuedTheCountsAndTheSummaryNeverChange() throws Exception {
        JumpingClock clock = new JumpingClock();
        // The first tutorial: a buffer of 5 fills at once behind a 500 ms consumer.
        try (Engine engine = new Engine(ExperimentConfig.DEFAULT, clock)) {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 10);
            engine.start();
            Awaits.until("the buffer is full", () -> engine.counts().fill() == 5);
            engine.stop();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(10)));
            Snapshot first = sampler.sample().snapshot();
            Counts before = engine.counts();
            clock.skip.addAndGet(Duration.ofSeconds(10).toNanos());
            Snapshot later = sampler.sample().snapshot();
            Counts after = engine.counts();
            assertEquals(before, after, "the counts after the end stand still");
            assertEquals(first.meanFill(), later.meanFill(), 0.0, "the mean fill stands still");
            assertTrue(later.meanFill() <= later.maxFill(), "mean " + later.meanFill() + " <= max " + later.maxFill());
            RunReport report = new RunReport(engine);
            report.add(later);
            var summary = report.summary(engine.runConfig(), later, engine.outcome(), "stopped", null);
            assertTrue(summary.meanFill() <= summary.maxFill(), "summary mean " + summary.meanFill());
        }
    }
}
