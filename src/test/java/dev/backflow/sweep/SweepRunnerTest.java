package dev.backflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.report.HeadlessRun;
import dev.backflow.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps on the real engine: cells as true as single runs, theory beside them, cancel keeps what finished. */
class SweepRunnerTest {

    /** M/M/1/K with losses: a reject buffer, Poisson arrivals at 80/s, exponential 10 ms service. */
    private static final ExperimentConfig MM1K = new ExperimentConfig(2, 80, 10, 1, 1).toBuilder()
            .policy(SendPolicy.REJECT).arrivals(new Distribution.Exponential()).service(new Distribution.Exponential()).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measured refused share with its 99 % half-width, from a summary's theory block. */
    private static double[] fullShare(RunSummary s) {
        JsonNode m = JSON.valueToTree(s).path("theory").path("measured").path("fullProbability");
        assertTrue(m.has("mean") && m.has("halfWidth99"), "an interval: " + m);
        return new double[] {m.get("mean").asDouble(), m.get("halfWidth99").asDouble()};
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void cellsRunSideBySideAgreeWithSingleRunsOfTheSameSettings() throws Exception {
        Sweep sweep = new Sweep(MM1K, List.of(Vary.parse("capacity=1,6", MM1K)), 6, Target.parseAll("refused<=10%"));
        SweepResult r = new SweepRunner(sweep, 2).run(null);
        assertTrue(r.complete());
        assertEquals(2, r.done());
        for (Cell c : r.cells()) {
            RunSummary alone = new HeadlessRun(c.config(), null).run();
            double[] a = fullShare(c.summary());
            double[] b = fullShare(alone);
            assertTrue(Math.abs(a[0] - b[0]) <= a[1] + b[1], "capacity " + c.x() + ": in the sweep " + a[0] + " ± " + a[1]
                    + ", alone " + b[0] + " ± " + b[1]);
            assertEquals(c.config().capacity(), alone.config().get("capacity"));
        }
        assertFalse(r.meets(r.at(0, 0)), "a buffer of 1 refuses far more than 10 %");
        assertTrue(r.meets(r.at(1, 0)), "a buffer of 6 refuses under 10 %: " + Figure.REFUSED.measured(r.at(1, 0).summary()));
        assertEquals(6.0, r.cheapest().orElseThrow().x());
        assertEquals(6.0, r.theoryCheapest().orElseThrow().x(), "M/M/1/K agrees: " + r.answer());
        assertTrue(r.answer().startsWith("The cheapest cell meeting refused<=10% is capacity 6"), r.answer());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void onAnMm1kSweepTheRefusedShareAgreesWithTheoryInEveryCell() throws Exception {
        Sweep sweep = new Sweep(MM1K, List.of(Vary.parse("capacity=1,2,4,8", MM1K)), 8, List.of());
        SweepResult r = new SweepRunner(sweep, 4).run(null);
        for (Cell c : r.cells()) {
            Double predicted = Figure.REFUSED.predicted(c.config(), SweepResult.theory(c));
            assertNotNull(predicted, "M/M/1/K predicts the refused share");
            assertTrue(SweepResult.theory(c).exact());
            double[] m = fullShare(c.summary());
            // 1.5 times the 99 % half-width: four cells together then fail by chance far less than once in a thousand runs.
            assertTrue(Math.abs(m[0] - predicted) <= 1.5 * m[1], "capacity " + c.x() + ": measured " + m[0] + " ± " + m[1]
                    + ", theory " + predicted);
            assertEquals(m[0], Figure.REFUSED.measured(c.summary()), 0.05, "the figure is the share the theory block measures");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void cancellingKeepsTheCellsThatFinishedAndRunsNoMore() throws Exception {
        Sweep sweep = new Sweep(MM1K, List.of(Vary.parse("capacity=1,2,3", MM1K)), 1, List.of());
        SweepRunner runner = new SweepRunner(sweep, 1);
        int[] told = {0};
        SweepResult r = runner.run((soFar, cell, left) -> {
            told[0]++;
            assertEquals(1, soFar.done());
            assertTrue(left > 0, "two cells to go: some time left");
            runner.cancel();
        });
        assertEquals(1, told[0]);
        assertFalse(r.complete());
        assertEquals(1, r.done());
        assertTrue(r.at(0, 0).done() && !r.at(1, 0).done() && !r.at(2, 0).done());
        assertTrue(r.answer().startsWith("No targets"));
    }

    @Test
    void aCellTheMachineDistortedSaysWhy() {
        ExperimentConfig c = MM1K.toBuilder().durationSeconds(10).build();
        RunSummary slow = new RunSummary(java.util.Map.of("producers", 1), "completed", "", 10, 500, 500, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 50, java.util.Map.of("p99", 1.0), 0, 0, 0, List.of(), List.of(), List.of());
        assertTrue(SweepRunner.distortion(c, slow).startsWith("producers sent 500 of the 800 items the rate asks"),
                SweepRunner.distortion(c, slow));
        RunSummary fine = new RunSummary(java.util.Map.of("producers", 1), "completed", "", 10, 800, 800, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 80, java.util.Map.of("p99", 1.0), 0, 0, 0, List.of(), List.of(), List.of());
        assertEquals(null, SweepRunner.distortion(c, fine));
    }
}
