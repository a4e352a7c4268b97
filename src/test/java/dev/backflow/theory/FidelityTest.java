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
        assertEquals(19, r.batches(), "10 s in 0.5 s batches (twice the 5 ms service, at least 0.5 s), the first one warm-up");
        assertEquals("M/M/1/5", r.prediction().model());
        Fidelity.Row util = r.rows().get(Fidelity.Figure.UTILISATION.ordinal());
        assertEquals(0.5, util.measured(), 1e-9);
        assertEquals(Fidelity.Verdict.DISAGREES, util.verdict(), "0.5 every second against 0.49 predicted: no spread, a miss");
        Fidelity.Row fill = r.rows().get(Fidelity.Figure.MEAN_FILL.ordinal());
        assertEquals((10 * 0.45 + 9 * 0.35) / 19, fill.measured(), 1e-9,
                "batches from 0.5 s: ten halves of odd seconds, nine of even ones");
        assertEquals(Fidelity.Verdict.AGREES, fill.verdict(), "0.403 ± 0.03 measured, 0.413 predicted");
        Fidelity.Row full = r.rows().get(Fidelity.Figure.FULL_PROBABILITY.ordinal());
        assertEquals(0.02, full.measured(), 1e-3);
        Fidelity.Row wait = r.rows().get(Fidelity.Figure.QUEUE_WAIT.ordinal());
        assertEquals(4, wait.measured(), 1e-9);
        assertEquals(0, wait.halfWidth(), 1e-9, "every batch the same");
        assertEquals(Fidelity.Verdict.DISAGREES, wait.verdict(), "4 ms measured, 4.19 predicted, no spread: a miss");
        assertTrue(Double.isNaN(r.little().residual()), "frames without links' books: no Little's law to check");
    }

    private static dev.backflow.telemetry.LinkCounts link(int fill, long entered, double fillItemSeconds,
                                                           double sojournSeconds, double queuedAgeSeconds) {
        return new dev.backflow.telemetry.LinkCounts(0, 5, fill, 5, entered, entered - fill, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                fillItemSeconds, entered, sojournSeconds, entered - fill, queuedAgeSeconds);
    }

    @Test
    void littlesLawIsCheckedOverOneWindowFromTheItemsOwnStamps() {
        // At 10 s: 2 items queued, aged 0.3 s in all; 100 entered; 40 item-seconds of fill so far.
        Counts a = Counts.builder().runId(1).atNanos(10 * S).links(List.of(link(2, 100, 40.0, 39.7, 0.3))).build();
        // At 20 s: 4 queued, aged 1.0 s; 300 entered; 85 item-seconds; finished sojourns add 44.3 s.
        Counts b = Counts.builder().runId(1).atNanos(20 * S).links(List.of(link(4, 300, 85.0, 84.0, 1.0))).build();
        Fidelity.Little l = Fidelity.little(a, b);
        assertEquals(4.5, l.meanFill(), 1e-9, "45 item-seconds over 10 s");
        assertEquals(20.2, l.lambda(), 1e-9, "the 2 items there at the start and the 200 that entered, over 10 s");
        assertEquals(45.0 / 202, l.waitSeconds(), 1e-9, "their time in the window, from their stamps, each");
        assertEquals(0, l.residual(), 1e-12, "books that balance give L = λW exactly");
        Counts skewed = Counts.builder().runId(1).atNanos(20 * S).links(List.of(link(4, 300, 85.0, 80.0, 1.0))).build();
        assertEquals((4.5 - 4.1) / 4.5, Fidelity.little(a, skewed).residual(), 1e-9, "a missing 4 s shows as a residual");
    }

    @Test
    void anApproximateModelIsNeitherConfirmedNorRefutedWithinItsAccuracy() {
        // The first tutorial's D/D/1 approximation: mean fill 4.93 predicted, 5 measured with a tiny interval.
        assertEquals(Fidelity.Verdict.APPROXIMATE, Fidelity.verdict(4.93, 5.0, 0.02, 6, false, false));
        assertEquals(Fidelity.Verdict.DISAGREES, Fidelity.verdict(4.93, 5.0, 0.02, 6, true, false), "an exact model misses");
        assertEquals(Fidelity.Verdict.DISAGREES, Fidelity.verdict(4.0, 5.0, 0.02, 6, false, false), "25 % is beyond its accuracy");
        assertEquals(Fidelity.Verdict.APPROXIMATE, Fidelity.verdict(0.01, 0.025, 0.001, 6, false, true), "a share may miss by 0.02");
    }

    @Test
    void theFirstTutorialGivesAMeasuredValueWithinThreeSecondsAndAnIntervalWithinTen() {
        Fidelity f = new Fidelity();
        ExperimentConfig first = ExperimentConfig.DEFAULT; // a 500 ms consumer
        for (int i = 0; i <= 25; i++) {
            f.add(first, frame(1, i / 10.0, 0, 0));
        }
        assertEquals(1.0, f.report().batchSeconds(), 1e-9);
        assertTrue(Double.isFinite(f.report().rows().get(Fidelity.Figure.MEAN_FILL.ordinal()).measured()),
                "a point estimate by 2.5 s");
        for (int i = 26; i <= 70; i++) {
            f.add(first, frame(1, i / 10.0, 0, 0));
        }
        assertTrue(Double.isFinite(f.report().rows().get(Fidelity.Figure.MEAN_FILL.ordinal()).halfWidth()),
                "an interval by 7 s");
    }

    @Test
    void aLiveChangeStartsAFreshEpochAndANewRunStartsOver() {
        Fidelity f = new Fidelity();
        for (int i = 0; i <= 20; i++) {
            f.add(MM1K, frame(1, i / 10.0, 0, 0.02));
        }
        assertEquals(Fidelity.Verdict.COLLECTING, f.report().rows().getFirst().verdict(), "3 batches: too few for an interval");
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
