package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.StageShare;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The books of any run: whatever sequence of start, reconfigure, pause, resume, drop and stop a
 * person makes over whatever pipeline, every item is accounted for on every link and end to end,
 * the mean fill never exceeds the peak, every share is within [0, 1] and each stage's three
 * shares sum to 1: at every snapshot, and after the end.
 */
class AccountingProperties {

    enum Op { START, PAUSE, RESUME, RECONFIGURE, DROP, STOP, WAIT }

    @Provide
    Arbitrary<String> pipelines() {
        Arbitrary<String> policy = Arbitraries.of("block", "reject", "timeout", "drop-newest", "drop-oldest", "unbounded");
        // A third of the links that can be demand links are (drop-oldest and unbounded cannot).
        Arbitrary<String> link = Combinators.combine(Arbitraries.integers().between(1, 20), policy,
                        Arbitraries.of("", "", "75%", "100%", "", "50%"))
                .as((cap, p, demand) -> p.equals("unbounded") ? "unbounded"
                        : demand.isEmpty() || p.equals("drop-oldest") ? cap + " " + p : "demand " + cap + "@" + demand + " " + p);
        Arbitrary<String> middle = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 3), Arbitraries.of("", " decoupled"), link)
                .as((ms, w, d, l) -> " | mid " + ms + "ms x" + w + d + " | " + l);
        return Combinators.combine(Arbitraries.integers().between(50, 2_000), Arbitraries.integers().between(1, 4),
                link, middle.list().ofMaxSize(2), Arbitraries.integers().between(0, 8), Arbitraries.integers().between(1, 3))
                .as((rate, producers, first, middles, sinkMs, sinks) -> "source " + rate + "/s x" + producers + " | " + first
                        + String.join("", middles) + " | sink " + sinkMs + "ms x" + sinks);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.of(Op.class).list().ofMinSize(3).ofMaxSize(12);
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void everySnapshotAndTheEndKeepTheBooks(@ForAll("pipelines") String spec, @ForAll("operations") List<Op> ops)
            throws Exception {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT, spec);
        try (Engine engine = new Engine(c)) {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 60);
            engine.start();
            check(spec, sampler.sample().snapshot());
            for (Op op : ops) {
                switch (op) {
                    case START -> engine.start();
                    case PAUSE -> engine.pause();
                    case RESUME -> engine.resume();
                    case RECONFIGURE -> engine.reconfigure(c.withProducerRate(c.producerRate() * 2));
                    case DROP -> engine.dropConsumers();
                    case STOP -> engine.stop();
                    case WAIT -> LockSupport.parkNanos(20_000_000L); // let the run move on between two looks
                }
                LockSupport.parkNanos(5_000_000L);
                check(spec + " after " + op, sampler.sample().snapshot());
            }
            engine.stop();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(20)), spec + ": every worker ended");
            Snapshot end = sampler.sample().snapshot();
            check(spec + " at the end", end);
            Counts again = engine.counts();
            assertEquals(end.counts(), again, spec + ": the counts stand still after the end");
        }
    }

    private static void check(String what, Snapshot s) {
        Counts c = s.counts();
        if (c.runId() == 0) {
            return;
        }
        assertEquals(0, c.unaccounted(), what + ": every item end to end");
        for (LinkCounts l : c.links()) {
            assertEquals(0, l.unaccounted(), what + ": every item on link " + l.index());
            if (l.hasDemand()) {
                assertTrue(l.entered() <= l.requested(), what + ": link " + l.index() + " let in " + l.entered()
                        + " items against " + l.requested() + " requested");
                assertTrue(l.demand() >= 0 && l.demand() <= l.capacity() && l.demand() == l.requested() - l.entered(),
                        what + ": link " + l.index() + "'s outstanding demand " + l.demand());
            }
        }
        assertTrue(s.meanFill() <= s.maxFill() + 1e-9, what + ": mean fill " + s.meanFill() + " above peak " + s.maxFill());
        for (double share : new double[] {s.parkedShare(), s.recentParkedShare(), s.consumerIdleShare()}) {
            assertTrue(share >= 0 && share <= 1, what + ": a share of " + share);
        }
        for (StageShare st : s.stageShares()) {
            for (double share : new double[] {st.busy(), st.idle(), st.backpressured()}) {
                assertTrue(share >= 0 && share <= 1, what + ": stage " + st.name() + " share " + share);
            }
            assertEquals(1.0, st.busy() + st.idle() + st.backpressured(), 1e-9, what + ": stage " + st.name() + "'s shares");
        }
    }
}
