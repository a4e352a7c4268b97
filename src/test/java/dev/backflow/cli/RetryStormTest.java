package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry lessons, headless, judged from what the command line writes: the storm outlives its
 * hiccup, each cure ends it, and jitter flattens the waves (issue #23's "done when").
 */
class RetryStormTest {

    /** The storm's hiccup: at 5 s for 2 s (the built-ins' "5s+2s consumer-delay=20ms"). */
    private static final double HICCUP_ENDS = 7;

    /**
     * Each second's goodput share of the requests, by the second's end, from the JSON's time
     * series. A row with no requests (the short last one, as the run winds down) has no share.
     */
    private static Map<Double, Double> goodputShare(JsonNode json) {
        Map<Double, Double> out = new HashMap<>();
        for (JsonNode row : json.get("perSecond")) {
            if (row.get("requests").asDouble() > 0) {
                out.put(row.get("t").asDouble(), row.get("goodputShare").asDouble());
            }
        }
        return out;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theStormOutlivesItsHiccupAndEachCureEndsIt() throws Exception {
        // The three run side by side (each is light: 80 requests/s), 27 s of run time in all.
        JsonNode storm;
        JsonNode budget;
        JsonNode checks;
        try (var three = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            var storm0 = CompletableFuture.supplyAsync(() -> RunCommandTest.json("--preset", "retry-storm", "--duration", "27s"), three);
            var budget0 = CompletableFuture.supplyAsync(() -> RunCommandTest.json("--preset", "retry-storm-budget", "--duration", "27s"), three);
            var checks0 = CompletableFuture.supplyAsync(() -> RunCommandTest.json("--preset", "retry-storm-deadline-checks", "--duration", "27s"), three);
            storm = storm0.get();
            budget = budget0.get();
            checks = checks0.get();
        }
        for (JsonNode j : List.of(storm, budget, checks)) {
            for (String f : List.of("goodputPerSecond", "late", "expired", "retries", "attemptsPerRequest", "endToEndMillis")) {
                assertTrue(j.has(f), "the summary has " + f);
            }
        }
        // The 20 s after the hiccup's end: the storm keeps goodput under 20 % of the requests.
        int seconds = 0;
        for (var e : goodputShare(storm).entrySet()) {
            if (e.getKey() > HICCUP_ENDS + 1 && e.getKey() <= HICCUP_ENDS + 20) {
                seconds++;
                assertTrue(e.getValue() < 0.2, "the storm's goodput share at " + e.getKey() + " s: " + e.getValue());
            }
        }
        assertTrue(seconds >= 17, "the storm's series covers the 20 s after the hiccup: " + seconds);
        assertTrue(storm.get("late").asLong() > 1000, "the server works for callers that gave up");
        assertTrue(storm.get("attemptsPerRequest").get("mean").asDouble() > 2, "retries amplify the load");
        // Each cure: above 90 % within 10 s of the hiccup's end, and for the rest of the run.
        for (JsonNode cured : List.of(budget, checks)) {
            int after = 0;
            for (var e : goodputShare(cured).entrySet()) {
                if (e.getKey() > HICCUP_ENDS + 10 && e.getKey() <= HICCUP_ENDS + 20) {
                    after++;
                    assertTrue(e.getValue() > 0.9, "goodput share at " + e.getKey() + " s: " + e.getValue() + " in " + cured.get("config"));
                }
            }
            assertTrue(after >= 8, "the series covers the recovery: " + after);
        }
        assertTrue(budget.get("retryBudget").get("denied").asLong() > 0, "the budget denied retries");
        assertTrue(checks.get("expired").asLong() > 0, "the server skipped expired requests");
    }

    /** Retries per 10 ms bin, from the event log's attempt column: peak over mean across the retries' span. */
    private static double peakToMean(Path events) throws Exception {
        List<String> lines = Files.readAllLines(events);
        assertEquals("t_seconds,kind,worker,text,attempt", lines.getFirst());
        Map<Long, Integer> bins = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int retries = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String attempt = f[f.length - 1];
            if (line.endsWith(",") || attempt.isEmpty() || Integer.parseInt(attempt) < 2) {
                continue; // not an item, or a first attempt
            }
            if (!(f[1].equals("rejected") || f[1].equals("produced"))) {
                continue;
            }
            long bin = (long) Math.floor(Double.parseDouble(f[0]) * 100);
            bins.merge(bin, 1, Integer::sum);
            first = Math.min(first, bin);
            last = Math.max(last, bin);
            retries++;
        }
        assertTrue(retries > 300, "the callers retried: " + retries);
        double mean = retries / (double) (last - first + 1);
        int peak = bins.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return peak / mean;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fullJitterFlattensTheWavesOfRetries(@TempDir Path dir) throws Exception {
        Path waves = dir.resolve("waves.csv");
        Path jitter = dir.resolve("jitter.csv");
        RunCommandTest.json("--preset", "retry-waves-no-jitter", "--events", waves.toString());
        RunCommandTest.json("--preset", "retry-waves-full-jitter", "--events", jitter.toString());
        double spiky = peakToMean(waves);
        double flat = peakToMean(jitter);
        assertTrue(spiky >= 5 * flat, "peak-to-mean of retries per 10 ms: " + spiky + " without jitter, " + flat + " with");
    }

    @Test
    void everyNewOptionRefusesNonsenseInOneLine() {
        String[][] bad = {
                {"--deadline", "-5ms"}, {"--deadline", "2min"}, {"--deadline", "soon"},
                {"--retries", "2.5"}, {"--retries", "99"}, {"--retries", "-1"},
                {"--retries", "2", "--backoff", "exponentially"},
                {"--retries", "2", "--backoff", "exponential", "--backoff-base", "0ms"},
                {"--retries", "2", "--backoff", "exponential", "--backoff-base", "1s", "--backoff-cap", "10ms"},
                {"--retries", "2", "--retry-budget", "10"}, {"--retries", "2", "--retry-budget", "10/5"},
                {"--backoff", "fixed"}, {"--retry-budget", "10/0.1"},
                {"--check-deadlines"},
                {"--pipeline", "source 10/s | 4 block | sink 5ms check-deadlines"},
                {"--pipeline", "source 10/s check-deadlines | 4 block | sink 5ms", "--deadline", "1s"},
                {"--change", "5s consumer-delay=20ms"}, {"--change", "5s+2s warp=9"},
                {"--change", "5s+2s consumer-delay=1h"}, {"--change", "5s+2s timeout=20ms"},
        };
        for (String[] args : bad) {
            RunCommandTest.assertRefusedInOneLine(args);
        }
    }

    @Test
    void aClosedLoopRunWritesItsCallersAndAttemptNumbers(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("e.csv");
        JsonNode j = RunCommandTest.json("--rate", "200", "--capacity", "1", "--policy", "reject", "--consumer-delay", "20ms",
                "--items", "40", "--retries", "3", "--backoff", "full-jitter", "--backoff-base", "5ms",
                "--retry-budget", "20/0.5", "--events", events.toString());
        assertEquals(40, j.get("requests").asLong());
        assertEquals(j.get("attempts").asLong(), 40 + j.get("retries").asLong());
        assertTrue(j.get("attemptsPerRequest").get("max").asDouble() <= 4);
        assertEquals(3, j.get("config").get("retries").asInt());
        assertEquals("full-jitter", j.get("config").get("backoff").asText());
        assertEquals("20/0.5", j.get("config").get("retryBudget").asText());
        assertTrue(j.get("retryBudget").has("tokensMin"));
        for (String p : List.of("mean", "p50", "p90", "p99", "max")) {
            assertTrue(j.get("endToEndMillis").has(p));
        }
        assertTrue(Files.readAllLines(events).stream().anyMatch(l -> l.endsWith(",2")),
                "a second attempt is in the event log");
    }
}
