package dev.backflow.theory;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formulas against published values and the textbooks' closed forms. */
class QueueingTest {

    /** M/M/1/K in closed form (Gross &amp; Harris, eq. 2.33 and 2.35): P_K and L. */
    @ParameterizedTest
    @CsvSource({"0.5, 5", "0.9, 5", "1.2, 5", "0.9, 20", "0.5, 1"})
    void mm1kMatchesTheClosedForm(double rho, int k) {
        Queueing.Figures f = Queueing.mmck(rho * 100, 100, 1, k);
        double pk = (1 - rho) * Math.pow(rho, k) / (1 - Math.pow(rho, k + 1));
        double l = rho / (1 - rho) - (k + 1) * Math.pow(rho, k + 1) / (1 - Math.pow(rho, k + 1));
        assertEquals(pk, f.fullProbability(), 1e-12);
        assertEquals(l, f.meanInSystem(), 1e-9);
        assertEquals(l - (1 - f.probabilityEmpty()), f.meanInQueue(), 1e-9, "L_q = L - (1 - p0)");
        assertEquals(rho * 100 * (1 - pk), f.throughput(), 1e-9);
    }

    @Test
    void mm1kAtRhoOneSpreadsEvenly() {
        Queueing.Figures f = Queueing.mmck(50, 50, 1, 9);
        assertEquals(0.1, f.fullProbability(), 1e-12, "1 / (K + 1)");
        assertEquals(4.5, f.meanInSystem(), 1e-9, "K / 2");
    }

    @Test
    void publishedTextbookCases() {
        // M/M/1/5, ρ = 0.5: P_5 = 1/63 (Kleinrock vol. 1, §3.6).
        assertEquals(1 / 63.0, Queueing.mmck(50, 100, 1, 5).fullProbability(), 1e-12);
        // Erlang's loss formula (M/M/c/c) from the standard tables: B(10 erlangs, 10 lines) = 0.2146,
        // B(2, 3) = 0.2105.
        assertEquals(0.2146, Queueing.mmck(10, 1, 10, 10).fullProbability(), 5e-5);
        assertEquals(0.2105, Queueing.mmck(2, 1, 3, 3).fullProbability(), 5e-5);
        // Erlang C: C(2 erlangs, 3 servers) = 4/9, C(10, 12) = 0.4494.
        assertEquals(4 / 9.0, Queueing.erlangC(2, 3), 1e-12);
        assertEquals(0.4494, Queueing.erlangC(10, 12), 5e-5);
    }

    @Test
    void mmckWithTwoServersByHand() {
        // λ = 2, μ = 1.5, c = 2, K = 4: a = 4/3, ρ = 2/3; p_n ∝ 1, a, a²/2, a²/2·ρ, a²/2·ρ².
        double a = 4 / 3.0;
        double rho = a / 2;
        double[] t = {1, a, a * a / 2, a * a / 2 * rho, a * a / 2 * rho * rho};
        double sum = 0;
        for (double v : t) {
            sum += v;
        }
        Queueing.Figures f = Queueing.mmck(2, 1.5, 2, 4);
        assertEquals(t[4] / sum, f.fullProbability(), 1e-12);
        assertEquals((t[3] + 2 * t[4]) / sum, f.meanInQueue(), 1e-12);
        assertEquals(f.meanInQueue() / f.throughput(), f.meanWait(), 1e-12, "Little: W_q = L_q / λ_eff");
        assertEquals(2 * (1 - t[4] / sum) / (2 * 1.5), f.utilisation(), 1e-12);
    }

    @Test
    void thousandsOfServersNeitherOverflowNorUnderflow() {
        Queueing.Figures f = Queueing.mmck(9_000, 1, 10_000, 20_000);
        assertEquals(0.9, f.utilisation(), 1e-9);
        assertTrue(f.fullProbability() >= 0 && f.fullProbability() < 1e-12);
        Queueing.Figures over = Queueing.mmck(12_000, 1, 10_000, 20_000);
        assertEquals(1 - 10_000 / 12_000.0, over.fullProbability(), 1e-3, "overload: the excess is lost");
    }

    @Test
    void mmcAndMd1() {
        // M/M/1, ρ = 0.9: L_q = ρ² / (1 - ρ) = 8.1.
        Queueing.Figures mm1 = Queueing.mmc(90, 100, 1, Long.MAX_VALUE);
        assertEquals(8.1, mm1.meanInQueue(), 1e-9);
        assertEquals(8.1 / 90, mm1.meanWait(), 1e-12);
        assertNull(Queueing.mmc(100, 100, 1, 5), "ρ = 1: no steady state");
        // A buffer of 5 in front of one server: P(N ≥ 6) = ρ^6; items inside it: Σ_{j=1..5} ρ^(j+1).
        Queueing.Figures held = Queueing.mmc(50, 100, 1, 5);
        assertEquals(Math.pow(0.5, 6), held.fullProbability(), 1e-12);
        double inside = 0;
        for (int j = 1; j <= 5; j++) {
            inside += Math.pow(0.5, j + 1);
        }
        assertEquals(inside, held.meanInQueue(), 1e-12);
        // M/D/1 by Pollaczek-Khinchine: L_q = ρ² / (2 (1 - ρ)) = 0.25 at ρ = 0.5.
        Prediction md1 = Theory.predict(ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.UNBOUNDED)
                .producerRate(100).consumerDelayMs(5).arrivals(new Distribution.Exponential()).build());
        assertEquals(0.25, md1.meanFill(), 1e-9);
        assertTrue(md1.exact());
        assertEquals("M/D/1", md1.model());
    }

    @Test
    void theModelFollowsTheSettings() {
        ExperimentConfig mm1k = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.REJECT).capacity(4)
                .producerRate(100).consumerDelayMs(5).arrivals(new Distribution.Exponential())
                .service(new Distribution.Exponential()).build();
        Prediction p = Theory.predict(mm1k);
        assertEquals("M/M/1/5", p.model());
        assertTrue(p.exact());
        assertEquals(1 / 63.0, p.fullProbability(), 1e-12, "ρ = 0.5, K = 4 + 1");
        Prediction four = Theory.predict(mm1k.toBuilder().consumers(4).consumerDelayMs(20).build());
        assertEquals("M/M/4/8", four.model());
        Prediction approx = Theory.predict(mm1k.toBuilder().service(new Distribution.Constant()).build());
        assertFalse(approx.exact());
        assertTrue(approx.model().endsWith("(approx.)"), approx.model());
        assertTrue(approx.fullProbability() < p.fullProbability(), "constant service loses less than exponential");
        Prediction over = Theory.predict(mm1k.toBuilder().policy(SendPolicy.UNBOUNDED).producerRate(300).build());
        assertNull(over.meanFill());
        assertEquals(256.0 * 1024 * 1024 / 1024 / 100, over.secondsToBudget(), 1e-6, "grows 100 items/s to 256 Ki items");
        assertNull(Theory.predict(mm1k.toBuilder().arrivals(Distribution.Bursty.DEFAULT).build()).throughputPerSecond());
        Prediction chain = Theory.predict(dev.backflow.engine.PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 200/s | 5 block | transform 1ms | 5 block | sink 50ms"));
        assertEquals(20, chain.throughputPerSecond(), 1e-9, "the 50 ms sink sets the pace");
        assertTrue(chain.note().contains("sink"));
    }

    @Test
    void everyBuiltInAndEveryPolicyAndShapeGetsAPredictionWithoutThrowing() {
        for (SendPolicy policy : SendPolicy.KINDS) {
            for (Distribution arrivals : List.of(new Distribution.Constant(), new Distribution.Exponential(),
                    Distribution.Uniform.DEFAULT, Distribution.Bursty.DEFAULT)) {
                for (Distribution service : List.of(new Distribution.Constant(), new Distribution.Exponential(),
                        Distribution.Uniform.DEFAULT)) {
                    for (double rate : new double[] {0.1, 100, 100_000}) {
                        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().policy(policy).arrivals(arrivals)
                                .service(service).producerRate(rate).consumers(3).capacity(10_000).build();
                        Prediction p = Theory.predict(c);
                        assertTrue(p.model() != null && p.note() != null, c.toString());
                        if (p.fullProbability() != null) {
                            assertTrue(p.fullProbability() >= 0 && p.fullProbability() <= 1, p.toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBlockingSenderIsTheMmcQueueBelowSaturationAndKeepsTheBufferNearlyFullAboveIt() {
        ExperimentConfig block = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.BLOCK).capacity(4)
                .consumerDelayMs(5).arrivals(new Distribution.Exponential()).service(new Distribution.Exponential()).build();
        Prediction half = Theory.predict(block.withProducerRate(100));
        Queueing.Figures mmc = Queueing.mmc(100, 200, 1, 4);
        assertEquals(mmc.fullProbability(), half.fullProbability(), 1e-4, "P(N ≥ 5) = ρ^5 when the sender's room is never used up");
        assertEquals(mmc.meanInQueue(), half.meanFill(), 1e-4);
        assertEquals(100, half.throughputPerSecond(), 0.01, "a due item is skipped only when 10 are owed");
        assertFalse(half.exact());
        Prediction over = Theory.predict(block.withProducerRate(240));
        assertEquals(200, over.throughputPerSecond(), 1, "the consumer sets the pace");
        assertTrue(over.meanFill() > 3.8 && over.meanFill() < 4, "nearly full, not always: " + over.meanFill());
        assertTrue(over.fullProbability() > 0.9 && over.fullProbability() < 1, "most sends park: " + over.fullProbability());
        assertTrue(over.note().contains("24 items"), over.note());
    }
}
