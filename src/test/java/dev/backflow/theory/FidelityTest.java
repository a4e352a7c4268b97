package dev.backflow.theory;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch means, epochs and Little's law over scripted frames. */
class FidelityTest {

    private static final long S = 1_000_000_000L;
    private static final ExperimentConfig MM1K = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.REJECT).capacity(4)
            .producerRate(100).consumerDelayMs(5).arrivals(new Distribution.Exponential())
            .service(new Distribution.Exponential()).build();

    /**
     * A run at {@code t} seconds (frames of 0.1 s) that offers 100/s, rejects {@code refused}
     * of every 100, keeps 0.4 items in the buffer, keeps its one consumer idle half the time,
     * and whose items wait 4 ms each.
     */
    private static Snapshot frame(long runId, double t, double startT, double refusedShare) {
        long at = Math.round(t * S);
        double since = t - startT;
        long offered = Math.round(100 * t);
        long refused = Math.round(100 * refusedShare * since);
        long consumed = offered - refused;
        Counts c = Counts.builder().runId(runId).atNanos(at).startNanos(0).producers(1).consumers(1).capacity(4)
                .offered(offered).produced(consumed).consumed(consumed).rejected(refused)
                .consumerParkedNanos(at / 2).fillItemSeconds(fillIntegral(t)).build();
        Snapshot.WaitPercentiles waits = new Snapshot.WaitPercentiles(consumed, 4, 4, 4, 4, 4);
        return new Snapshot(c, t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, waits, List.of(), null, null);
    }

    /** A fill of 0.35 in even seconds and 0.45 in odd ones, integrated up to {@code t}. */
    private static double fillIntegral(double t) {
        double sum = 0;
        int whole = (int) Math.floor(t + 1e-9);
        for (int k = 0; k < whole; k++) {
            sum += k % 2 == 0 ? 0.35 : 0.45;
        }
        return sum + (whole % 2 == 0 ? 0.35 : 0.45) * (t - whole);
    }

    @Test
    void batchMeansGiveTheMeasuredFiguresAndLittlesLawHolds() {
        Fidelity f = new Fidelity();
        for (int i = 0; i <= 100; i++) {
            f.add(MM1K, frame(1, i / 10.0, 0, 0.02));
        }
        Fidelity.Report r = f.report();
        assertEquals(1, r.epoch());
        assertEquals(9, r.batches(), "10 s in 1 s batches, the first one warm-up");
        assertEquals("M/M/1/5", r.prediction().model());
        Fidelity.Row util = r.rows().get(Fidelity.Figure.UTILISATION.ordinal());
        assertEquals(0.5, util.measured(), 1e-9);
        assertEquals(Fidelity.Verdict.DISAGREES, util.verdict(), "0.5 every second against 0.49 predicted: no spread, a miss");
        Fidelity.Row fill = r.rows().get(Fidelity.Figure.MEAN_FILL.ordinal());
        assertEquals((5 * 0.45 + 4 * 0.35) / 9, fill.measured(), 1e-9, "batches 1 to 9: five odd seconds, four even");
        assertEquals(Fidelity.Verdict.AGREES, fill.verdict(), "0.406 ± 0.06 measured, 0.413 predicted");
        Fidelity.Row full = r.rows().get(Fidelity.Figure.FULL_PROBABILITY.ordinal());
        assertEquals(0.02, full.measured(), 1e-3);
        Fidelity.Row wait = r.rows().get(Fidelity.Figure.QUEUE_WAIT.ordinal());
        assertEquals(4, wait.measured(), 1e-9);
        assertEquals(0, wait.halfWidth(), 1e-9, "every batch the same");
        assertEquals(Fidelity.Verdict.DISAGREES, wait.verdict(), "4 ms measured, 4.19 predicted, no spread: a miss");
        Fidelity.Little little = r.little();
        double l = (5 * 0.45 + 4 * 0.35) / 9;
        assertEquals(l, little.meanFill(), 1e-9);
        assertEquals(98, little.lambda(), 1e-9);
        assertEquals((l - 98 * 0.004) / l, little.residual(), 1e-9);
    }

    @Test
    void aLiveChangeStartsAFreshEpochAndANewRunStartsOver() {
        Fidelity f = new Fidelity();
        for (int i = 0; i <= 30; i++) {
            f.add(MM1K, frame(1, i / 10.0, 0, 0.02));
        }
        assertEquals(Fidelity.Verdict.COLLECTING, f.report().rows().getFirst().verdict(), "2 batches: too few for an interval");
        ExperimentConfig faster = MM1K.withProducerRate(180);
        f.startEpoch(faster, frame(1, 3.0, 0, 0.02));
        assertEquals(2, f.report().epoch());
        assertEquals(0, f.report().batches(), "nothing of the old settings carries over");
        assertEquals(3.0, f.report().startSeconds(), 1e-9);
        assertEquals(Theory.predict(faster), f.report().prediction());
        assertEquals(2, f.epochs().size());
        assertEquals(3.0, f.epochs().getFirst()[1], 1e-9, "the first epoch ended when the second began");
        f.add(faster, frame(2, 0.1, 0, 0));
        assertEquals(1, f.report().epoch(), "a new run starts at epoch 1");
        assertEquals(1, f.epochs().size());
    }

    @Test
    void theIntervalIsStudentsT() {
        List<Double> v = List.of(1.0, 2.0, 3.0, 4.0, 5.0);
        // sd = 1.5811, t(0.995, 4) = 4.6041: half-width 4.6041 × 1.5811 / √5 = 3.2556.
        assertEquals(3.2556, Fidelity.halfWidth(v, 3), 1e-4);
        assertTrue(Fidelity.verdict(3.5, 3, 1, 5) == Fidelity.Verdict.AGREES);
        assertTrue(Fidelity.verdict(null, 3, 1, 5) == Fidelity.Verdict.NOT_PREDICTED);
    }
}
