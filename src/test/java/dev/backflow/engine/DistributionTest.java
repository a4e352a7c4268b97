package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributionTest {

    private static double meanOf(Distribution d, RandomGenerator random, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += d.factor(random);
        }
        return sum / n;
    }

    @Test
    void everyDistributionHasMeanOne() {
        int n = 200_000;
        assertEquals(1.0, meanOf(new Distribution.Constant(), new SplittableRandom(1), n), 1e-12);
        // Exponential: standard deviation 1, so the mean of 200k draws is within 0.01 with >99.9 % confidence.
        assertEquals(1.0, meanOf(new Distribution.Exponential(), new SplittableRandom(1), n), 0.01);
        assertEquals(1.0, meanOf(new Distribution.Uniform(0.5), new SplittableRandom(1), n), 0.01);
    }

    @Test
    void uniformStaysWithinItsJitter() {
        Distribution d = new Distribution.Uniform(0.2);
        RandomGenerator r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double f = d.factor(r);
            assertTrue(f >= 0.8 && f <= 1.2, "draw " + f);
        }
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        RandomGenerator a = new SplittableRandom(42).split();
        RandomGenerator b = new SplittableRandom(42).split();
        Distribution d = new Distribution.Exponential();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(d.factor(a), d.factor(b));
        }
    }

    @Test
    void burstyAlternatesBurstsAndSilence() {
        Distribution.Bursty b = new Distribution.Bursty(1_000, 200, 800);
        long ms = 1_000_000L;
        assertEquals(0, b.nextOnTime(0));
        assertEquals(150 * ms, b.nextOnTime(150 * ms), "inside a burst: now");
        assertEquals(1_000 * ms, b.nextOnTime(200 * ms), "in the silence: the next burst");
        assertEquals(1_000 * ms, b.nextOnTime(999 * ms));
        assertEquals(200.0, b.meanRate(), 1e-9);
    }

    @Test
    void distributionsParseFromText() {
        assertEquals(new Distribution.Uniform(0.1), Distribution.parse("uniform:0.1"));
        assertEquals(new Distribution.Bursty(1000, 200, 800), Distribution.parse("bursty:1000,200,800"));
        assertEquals(new Distribution.Exponential(), Distribution.parse("Poisson"));
        assertEquals("bursty:1000,200,800", Distribution.format(Distribution.parse("bursty:1000,200,800")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Distribution.parse("gaussian"));
        assertTrue(e.getMessage().contains("expected constant, exponential"));
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("uniform:2"));
    }

    @Test
    void seededArrivalsGiveTheConfiguredMeanRateInARun() throws Exception {
        // Poisson arrivals at 2,000/s for a finite 2,000 items: about one second of traffic.
        ExperimentConfig c = new ExperimentConfig(10_000, 2_000, 0, 1, 1).toBuilder()
                .arrivals(new Distribution.Exponential()).items(2_000).build();
        try (Engine e = new Engine(c)) {
            long t0 = System.nanoTime();
            e.start();
            assertTrue(e.awaitEnd(java.time.Duration.ofSeconds(30)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            // Behaviour, not speed: 2,000 exponential gaps of mean 0.5 ms sum to about 1 s (sd ~2 %);
            // the bound is loose on the slow side only because a loaded machine can only add time.
            assertTrue(seconds > 0.85, "ran " + seconds + " s; arrivals came too fast");
        }
    }
}
