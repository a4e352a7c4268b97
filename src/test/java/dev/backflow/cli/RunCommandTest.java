package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

    /** Output of one command-line invocation. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackflowCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static long liveWorkerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("producer-") || t.getName().startsWith("consumer-")).count();
    }

    @Test
    void reproducesTheFirstTutorial() throws Exception {
        Result r = run("run", "--capacity", "5", "--items", "20", "--consumer-delay", "500ms", "--rate", "100000", "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String field : List.of("config", "outcome", "elapsedSeconds", "offered", "consumed", "rejected", "dropped",
                "timedOut", "queuedAtEnd", "producerParks", "producerParkedSeconds", "meanFill", "maxFill",
                "throughputPerSecond", "queueWaitMillis", "eventsLost")) {
            assertTrue(json.has(field), "JSON has " + field);
        }
        for (String p : List.of("p50", "p90", "p99", "max")) {
            assertTrue(json.get("queueWaitMillis").has(p));
        }
        assertEquals("completed", json.get("outcome").asText());
        assertEquals(20, json.get("offered").asLong());
        assertEquals(20, json.get("consumed").asLong());
        assertEquals(0, json.get("queuedAtEnd").asLong());
        assertEquals(5, json.get("maxFill").asInt());
        assertEquals(5, json.get("config").get("capacity").asInt());
        assertEquals("block", json.get("config").get("policy").asText());
        // Twenty services of 500 ms, one after another, cannot take less than 10 s.
        double elapsed = json.get("elapsedSeconds").asDouble();
        assertTrue(elapsed >= 9.9 && elapsed < 30, "elapsed " + elapsed);
        assertTrue(json.get("producerParks").asLong() >= 10, "the producer parked after filling the buffer");
        assertTrue(json.get("producerParkedSeconds").asDouble() > 5);
        // The last items waited behind five others of 500 ms each.
        assertTrue(json.get("queueWaitMillis").get("max").asDouble() >= 2_000);
        assertEquals(0, json.get("eventsLost").asLong());
    }

    @Test
    void writesAHumanSummaryATimeSeriesAndTheEventLog(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("series.csv");
        Path events = dir.resolve("events.csv");
        Path json = dir.resolve("summary.json");
        Result r = run("run", "--capacity", "3", "--items", "30", "--consumer-delay", "10ms", "--rate", "1000",
                "--policy", "reject", "--csv", csv.toString(), "--events", events.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Outcome: completed"), r.out());
        assertTrue(r.out().contains("policy reject"));
        List<String> rows = Files.readAllLines(csv);
        assertEquals("t_seconds,fill,produced_per_s,consumed_per_s,parks,rejected,dropped,timed_out,memory_bytes", rows.getFirst());
        assertTrue(rows.size() >= 2);
        List<String> log = Files.readAllLines(events);
        assertEquals("t_seconds,kind,worker,text", log.getFirst());
        assertTrue(log.stream().anyMatch(l -> l.contains(",produced,1,Produced 0")), "tutorial voice: Produced 0");
        assertTrue(log.stream().anyMatch(l -> l.contains(",rejected,1,\"Rejected ")), "rejections are logged");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals(30, summary.get("offered").asLong());
        assertEquals(30, summary.get("consumed").asLong() + summary.get("rejected").asLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--capacity|0|Invalid value for option '--capacity': capacity must be between 1 and 10,000 items; got 0",
        "--rate|200000|Invalid value for option '--rate': producer rate must be between 0.1 and 100,000 items/s; got 200000",
        "--consumer-delay|6s|Invalid value for option '--consumer-delay': consumer delay must be between 0 and 5,000 ms; got 6s",
        "--policy|yolo|Invalid value for option '--policy': unknown policy \"yolo\"",
        "--consumer-delay|10parsecs|Invalid value for option '--consumer-delay': consumer delay: unknown unit \"parsecs\"",
        "--producers|20000|Invalid value for option '--producers': producers must be between 1 and 10,000; got 20000",
        "--threads|green|Invalid value for option '--threads': threads must be virtual or platform",
        "--memory-budget|1B|Invalid value for option '--memory-budget': memory budget must be between 1,024 and",
        "--service|bursty:10,1,1|bursty applies to arrivals only",
        "--capacity|lots|Invalid value for option '--capacity': capacity must be a number (like 1000, 1,000 or 1k); got \"lots\"",
    })
    void badOptionsExplainThemselvesWithExitCodeTwoAndStartNothing(String option, String value, String message) {
        long before = liveWorkerThreads();
        Result r = run("run", option, value, "--items", "5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(message), "stderr was: " + r.err());
        assertEquals("", r.out());
        assertEquals(before, liveWorkerThreads(), "no worker was started");
    }

    @Test
    void anUnwritableOutputFailsBeforeAnythingRuns(@TempDir Path dir) {
        Result r = run("run", "--items", "5", "--csv", dir.resolve("no/such/dir/x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--csv: cannot write"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpAndVersionWork() {
        Result help = run("run", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--memory-budget"));
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("Backflow"));
    }
}
