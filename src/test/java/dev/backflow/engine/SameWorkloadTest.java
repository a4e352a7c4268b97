package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two runs with one seed offer the same arrivals, whatever their buffers, policies and consumers. */
class SameWorkloadTest {

    private static ExperimentConfig.Builder workload(long seed) {
        return new ExperimentConfig(2, 1_000, 2, 2, 1).toBuilder()
                .arrivals(new Distribution.Exponential()).items(200).seed(seed);
    }

    private static long[][] schedule(ExperimentConfig c) throws Exception {
        try (Engine e = new Engine(c)) {
            e.start();
            assertTrue(e.awaitEnd(Duration.ofSeconds(30)), "the run ends");
            return e.arrivalSchedule();
        }
    }

    @Test
    void oneSeedOffersTheSameArrivalsToARejectingAndABlockingBuffer() throws Exception {
        long[][] a = schedule(workload(7).policy(SendPolicy.REJECT).capacity(2).build());
        // B blocks on a bigger buffer with three faster consumers: its producers wait for space
        // at other moments, but are offered the same items at the same times.
        long[][] b = schedule(workload(7).policy(SendPolicy.BLOCK).capacity(50).consumers(3).consumerDelayMs(0.1).build());
        assertEquals(2, a.length);
        assertEquals(2, b.length);
        for (int p = 0; p < 2; p++) {
            // Which producer claims the last items of a finite run is a race: compare what both sent.
            int n = Math.min(a[p].length, b[p].length);
            assertTrue(n >= 80, "producer " + (p + 1) + " offered " + n + " items in both");
            assertArrayEquals(java.util.Arrays.copyOf(a[p], n), java.util.Arrays.copyOf(b[p], n),
                    "producer " + (p + 1) + "'s arrival times");
            for (int i = 1; i < n; i++) {
                assertTrue(a[p][i] > a[p][i - 1], "times rise");
            }
        }
        long[][] other = schedule(workload(8).policy(SendPolicy.REJECT).capacity(2).build());
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(a[0], 10), java.util.Arrays.copyOf(other[0], 10)),
                "another seed offers other arrivals");
    }

    @Test
    void theScheduleIsEmptyBeforeAnyRun() throws Exception {
        try (Engine e = new Engine(workload(1).build())) {
            assertEquals(0, e.arrivalSchedule().length);
        }
    }
}
