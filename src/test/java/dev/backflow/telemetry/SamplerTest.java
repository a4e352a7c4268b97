package dev.backflow.telemetry;

import org.junit.jupiter.api.Test;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {

    private static final long S = 1_000_000_000L;

    /** A source whose counters the test sets by hand. */
    static final class Scripted implements TelemetrySource {
        Counts counts;
        final Deque<TelemetryEvent> events = new ArrayDeque<>();

        @Override
        public Counts counts() {
            return counts;
        }

        @Override
        public void drainQueueWait(Histogram into) {
            into.recordValue(2_000_000L);
        }

        @Override
        public int drainEvents(Consumer<? super TelemetryEvent> sink, int max) {
            int n = 0;
            while (n < max && !events.isEmpty()) {
                sink.accept(events.poll());
                n++;
            }
            return n;
        }
    }

    private static Counts at(long t, int fill, long produced, long consumed, long parks, long parkedNanos, int parkedNow) {
        return Counts.builder().runId(1).atNanos(t).producers(1).consumers(1).fill(fill).capacity(5).maxFill(fill)
                .offered(produced).produced(produced).taken(consumed).consumed(consumed).sending(parkedNow)
                .producerParks(parks).producerParkedNanos(parkedNanos).producersParked(parkedNow)
                .memoryBytes(fill * 1024L).memoryBudgetBytes(1 << 20).build();
    }

    @Test
    void derivesRatesSharesAndMeanFill() {
        Scripted src = new Scripted();
        Sampler sampler = new Sampler(src, S, 60);
        src.counts = at(S / 2, 5, 50, 1, 1, S / 4, 1);
        Sampler.Frame first = sampler.sample();
        assertTrue(first.newRun());

        src.counts = at(S, 5, 100, 2, 2, S / 2 + S / 4, 1);
        src.events.add(new TelemetryEvent.ProducerUnparked(S - S / 10, 1, S / 4, true));
        Sampler.Frame f = sampler.sample();
        assertFalse(f.newRun());
        assertEquals(1, f.events().size(), "older than the reorder window: released");
        Snapshot s = f.snapshot();
        assertEquals(1.0, s.elapsedSeconds(), 1e-9);
        assertEquals(100, s.producedPerSecond(), 1e-9);
        assertEquals(2, s.consumedPerSecond(), 1e-9);
        assertEquals(0.75, s.parkedShare(), 1e-9);
        assertEquals(1.0, f.parkedInFrame(), 1e-9, "parked the whole last half second");
        assertEquals(1, s.unparksPerSecond(), 1e-9);
        // fill was 0 for the first half second (from the start) and 5 for the second half
        assertEquals(2.5, s.meanFill(), 1e-9);
        assertEquals(5, s.maxFill());
        assertEquals(2, s.queueWait().count());
        assertEquals(2.0, s.queueWait().p99(), 0.01);
    }

    @Test
    void aNewRunStartsFromScratch() {
        Scripted src = new Scripted();
        Sampler sampler = new Sampler(src, S, 60);
        src.counts = at(S, 5, 100, 2, 2, S, 1);
        sampler.sample();
        src.counts = Counts.builder().runId(2).atNanos(3 * S).startNanos(2 * S).producers(1).consumers(1)
                .fill(1).capacity(5).maxFill(1).offered(10).produced(10).memoryBytes(1024).memoryBudgetBytes(1 << 20)
                .build();
        Sampler.Frame f = sampler.sample();
        assertTrue(f.newRun());
        assertEquals(10, f.snapshot().producedPerSecond(), 1e-9);
        assertEquals(0, f.snapshot().parkedShare());
    }

    @Test
    void stageSharesFollowTheChangeInWaitingTimeSmoothedOverAboutASecond() {
        Scripted src = new Scripted();
        Sampler sampler = new Sampler(src, S, 60);
        java.util.function.LongFunction<Counts> at = t -> Counts.builder().runId(1).atNanos(t).producers(1).consumers(1)
                .capacity(5).stages(java.util.List.of(
                        // the source is backpressured all the time, the middle stage half, the sink idle a quarter
                        new StageCounts(0, "source", 1, 0, 0, -1, t, t),
                        new StageCounts(1, "mid", 2, 0, 0, 0, t, 2 * t),
                        new StageCounts(2, "sink", 1, 0, 0, t / 4, 0, t)))
                .build();
        java.util.List<StageShare> shares = java.util.List.of();
        for (long t = 0; t <= 10 * S; t += S / 10) {
            src.counts = at.apply(t);
            shares = sampler.sample().snapshot().stageShares();
        }
        assertEquals(3, shares.size());
        assertEquals(1.0, shares.get(0).backpressured(), 1e-3);
        assertEquals(StageShare.State.BACKPRESSURED, shares.get(0).dominant());
        assertEquals(0.5, shares.get(1).backpressured(), 1e-3, "2 workers, parked 1 s per second in all: half");
        assertEquals(0.5, shares.get(1).busy(), 1e-3);
        assertEquals(0.25, shares.get(2).idle(), 1e-3);
        assertEquals(StageShare.State.BUSY, shares.get(2).dominant());
    }

    @Test
    void eventsAreReleasedInTimeOrderOnceTheyAreOlderThanTheReorderWindow() {
        Scripted src = new Scripted();
        Sampler sampler = new Sampler(src, S, 60);
        long ms = 1_000_000L;
        // Offered out of order, as workers do: each stamps, then offers a moment later.
        src.events.add(new TelemetryEvent.Consumed(30 * ms, 1, 0, 0, 0));
        src.events.add(new TelemetryEvent.Produced(10 * ms, 1, 0, 0));
        src.events.add(new TelemetryEvent.Produced(90 * ms, 1, 1, 0));
        src.counts = at(100 * ms, 1, 2, 1, 0, 0, 0);
        java.util.List<TelemetryEvent> first = sampler.sample().events();
        assertEquals(java.util.List.of(10 * ms, 30 * ms), first.stream().map(TelemetryEvent::atNanos).toList(),
                "the two older than 50 ms, in time order; the newest is held back");
        // A late offer stamped before the held one still lands in front of it.
        src.events.add(new TelemetryEvent.Consumed(95 * ms, 1, 1, 0, 0));
        src.events.add(new TelemetryEvent.Produced(80 * ms, 1, 2, 0));
        src.counts = at(200 * ms, 1, 3, 2, 0, 0, 0);
        assertEquals(java.util.List.of(80 * ms, 90 * ms, 95 * ms),
                sampler.sample().events().stream().map(TelemetryEvent::atNanos).toList());
        // Once the run has ended, nothing is held back.
        src.events.add(new TelemetryEvent.Produced(199 * ms, 1, 3, 0));
        src.counts = Counts.builder().runId(1).atNanos(200 * ms).producers(1).consumers(1).capacity(5)
                .outcome(RunOutcome.STOPPED).build();
        assertEquals(1, sampler.sample().events().size());
    }
}
