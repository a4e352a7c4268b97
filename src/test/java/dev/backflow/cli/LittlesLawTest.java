package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backflow.preset.PresetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every built-in preset's JSON summary satisfies Little's law on its own top-level figures
 * (meanFill = arrivalsPerSecond × meanSojournMillis / 1000) and per link, and its mean fill never
 * exceeds its peak. The identity holds at any duration, so the runs are short (docs/FIDELITY.md
 * has the full-length measurement); they run side by side, as their threads mostly sleep.
 */
class LittlesLawTest {

    @TempDir
    Path dir;

    private static void assertLittle(String what, double l, double lambda, double wMillis) {
        double lw = lambda * wMillis / 1000;
        // 1 %, or the summary's own rounding (3 decimals) on a tiny fill
        assertTrue(Math.abs(l - lw) <= Math.max(0.01 * l, 0.002 + 0.0005 * lambda),
                what + ": L = " + l + " but λW = " + lambda + " × " + wMillis + " ms = " + lw);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBuiltInPresetsSummaryKeepsLittlesLawAndItsMeanBelowItsPeak() throws Exception {
        List<String> names = new PresetStore(dir).builtInShortNames();
        List<CompletableFuture<RunCommandTest.Result>> runs = new ArrayList<>();
        // Their own threads: the common pool has one worker on a 2-core machine, and another test's blocked task must not starve these.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of("run", "--preset", name, "--duration", "3s", "--json", "-",
                    "--presets-dir", dir.toString()));
            if (name.contains("unbounded")) {
                args.addAll(List.of("--memory-budget", "2MiB")); // killed in seconds, as in the preset, not minutes
            }
            if (name.equals("chat-server-bounded") || name.equals("pipeline-chat-server-bounded")) {
                args.addAll(List.of("--items", "60")); // a short drain: their buffers hold 100 slow items
            }
            runs.add(CompletableFuture.supplyAsync(() -> RunCommandTest.run(args.toArray(String[]::new)), pool));
        }
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < names.size(); i++) {
            RunCommandTest.Result r = runs.get(i).get(5, TimeUnit.MINUTES);
            assertEquals(0, r.code(), names.get(i) + ": " + r.err());
            JsonNode s = json.readTree(r.out());
            String what = names.get(i) + " (" + s.get("outcome").asText() + ")";
            double l = s.get("meanFill").asDouble();
            assertTrue(l <= s.get("maxFill").asDouble(), what + ": mean fill " + l + " above the peak " + s.get("maxFill"));
            assertLittle(what, l, s.get("arrivalsPerSecond").asDouble(), s.get("meanSojournMillis").asDouble());
            for (JsonNode link : s.get("links")) {
                assertLittle(what + " link " + link.get("name").asText(), link.get("meanFill").asDouble(),
                        link.get("arrivalsPerSecond").asDouble(), link.get("meanSojournMillis").asDouble());
            }
            JsonNode little = s.get("theory").get("littlesLaw");
            if (little != null) {
                assertTrue(Math.abs(little.get("residual").asDouble()) <= 0.02, what + ": theory residual " + little);
            }
        }
    }
}
