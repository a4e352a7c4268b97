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

    /** {@code backflow run ARGS --json -}: exits 0, and its summary. */
    static JsonNode json(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("run"));
        all.addAll(java.util.List.of(args));
        all.addAll(java.util.List.of("--json", "-"));
        Result r = run(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theoryComparesTheLastEpochWithTheSettingsInForceAfterAScheduledChange() {
        // M/M/1/5 at 100/s, then from 1 s to the end at 180/s: the theory block is for the
        // settings in force in its epoch (throughput 157/s predicted), not those the run began with (98/s).
        JsonNode summary = json("--capacity", "4", "--rate", "100", "--consumer-delay", "5ms", "--policy", "reject",
                "--arrivals", "exponential", "--service", "exponential", "--duration", "3s", "--change", "1s+10s rate=180");
        JsonNode theory = summary.get("theory");
        assertEquals("M/M/1/5", theory.get("model").asText());
        double predicted = theory.get("throughputPerSecond").asDouble();
        assertTrue(predicted > 150 && predicted < 165, "theory at 180/s offered: " + predicted);
    }

    /** {@code backflow run --items 1 ARGS} is bad input: exit 2, a short plain message, no stack trace. */
    static void assertRefusedInOneLine(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("run", "--items", "1"));
        all.addAll(java.util.List.of(args));
        Result r = run(all.toArray(String[]::new));
        String what = String.join(" ", args) + " -> " + r.err();
        assertEquals(2, r.code(), what);
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(!first.isBlank() && !r.err().contains("Exception") && !r.err().contains("\tat ")
                && r.err().lines().count() <= 3, what);
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
        assertTrue(r.out().contains("Theory: D/D/1/K (approx.) · predicted throughput 100.00/s"), r.out());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("t_seconds,fill,produced_per_s,consumed_per_s,parks,rejected,dropped,timed_out,memory_bytes", rows.getFirst());
        assertTrue(rows.size() >= 2);
        List<String> log = Files.readAllLines(events);
        assertEquals("t_seconds,kind,worker,text,attempt", log.getFirst());
        assertTrue(log.stream().anyMatch(l -> l.contains(",produced,1,Produced 0")), "tutorial voice: Produced 0");
        assertTrue(log.stream().anyMatch(l -> l.contains(",rejected,1,\"Rejected ")), "rejections are logged");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals(30, summary.get("offered").asLong());
        assertEquals(30, summary.get("consumed").asLong() + summary.get("rejected").asLong());
        // Every event in time order, and every item produced before it is consumed (issue #11).
        double previous = -1;
        java.util.Set<String> produced = new java.util.HashSet<>();
        for (String line : log.subList(1, log.size())) {
            String[] f = line.replaceFirst(",[0-9]*$", "").split(",", 4); // the last column: the attempt
            double t = Double.parseDouble(f[0]);
            assertTrue(t >= previous, "out of order: " + line);
            previous = t;
            if (f[1].equals("produced")) {
                produced.add(f[3].replace("Produced ", ""));
            } else if (f[1].equals("consumed")) {
                String item = f[3].replace("\"", "").replace("Consumed ", "").split(" ")[0];
                assertTrue(produced.contains(item), "consumed before produced: " + line);
            }
        }
        JsonNode theory = summary.get("theory");
        assertEquals("D/D/1/K (approx.)", theory.get("model").asText());
        assertEquals(false, theory.get("exact").asBoolean());
        for (String figure : List.of("utilisation", "meanFill", "fullProbability", "throughputPerSecond", "queueWaitMillis")) {
            assertTrue(theory.get("measured").has(figure), figure);
        }
        assertTrue(summary.get("serviceMillis").get("mean").asDouble() > 9.9, summary.get("serviceMillis").toString());
        assertTrue(summary.get("wakeLatencyMillis").has("p99"));
        assertTrue(summary.get("queueWaitMillis").has("mean"));
        assertTrue(summary.get("utilisation").asDouble() > 0 && summary.get("fullProbability").asDouble() > 0.5,
                "1000/s into a 10 ms consumer: most sends find the buffer full");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--capacity|0|Invalid value for option '--capacity': capacity must be between 1 and 10,000 items; got 0",
        "--rate|2000000|Invalid value for option '--rate': producer rate must be between 0.1 and 1,000,000 items/s; got 2000000",
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

    private static JsonNode json(Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static JsonNode named(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    @Test
    void aPipelineWithASlowSinkBacksUpEveryLinkAndReportsLinksAndStages() throws Exception {
        JsonNode s = json(run("run", "--pipeline", "source 200/s | 5 block | transform 1ms | 5 block | sink 50ms",
                "--duration", "3s", "--json", "-"));
        JsonNode links = s.get("links");
        assertEquals(2, links.size());
        for (String field : List.of("name", "capacity", "policy", "offered", "taken", "rejected", "dropped", "timedOut",
                "queuedAtEnd", "meanFill", "maxFill", "parks", "parkedSeconds", "queueWaitMillis")) {
            assertTrue(links.get(0).has(field), "links[] has " + field);
        }
        for (String field : List.of("mean", "p50", "p90", "p99", "max")) {
            assertTrue(links.get(0).get("queueWaitMillis").has(field), "queueWaitMillis has " + field);
        }
        for (JsonNode link : links) {
            assertEquals(5, link.get("maxFill").asInt(), "every link fills: " + link);
            assertTrue(link.get("meanFill").asDouble() > 3, "and stays full: " + link);
            assertEquals(link.get("offered").asLong(), link.get("taken").asLong() + link.get("rejected").asLong()
                    + link.get("dropped").asLong() + link.get("timedOut").asLong() + link.get("queuedAtEnd").asLong(),
                    "a finished link's books balance: " + link);
        }
        JsonNode stages = s.get("stages");
        assertEquals(3, stages.size());
        assertTrue(named(stages, "source").get("backpressuredRatio").asDouble() > 0.5, stages.toString());
        assertTrue(named(stages, "transform").get("backpressuredRatio").asDouble() > 0.5, stages.toString());
        assertTrue(named(stages, "sink").get("busyRatio").asDouble() > 0.9, stages.toString());
        for (JsonNode st : stages) {
            assertEquals(1.0, st.get("busyRatio").asDouble() + st.get("idleRatio").asDouble()
                    + st.get("backpressuredRatio").asDouble(), 1e-6, "the three shares sum to 1: " + st);
        }
        assertEquals("source 200/s | 5 block | transform 1ms | 5 block | sink 50ms", s.get("config").get("pipeline").asText());
        assertEquals(s.get("offered").asLong(), s.get("consumed").asLong(), "the whole run drained");
    }

    @Test
    void aPipelineWithASlowMiddleFillsTheFirstLinkAndStarvesTheSecond() throws Exception {
        JsonNode s = json(run("run", "--pipeline", "source 200/s | 5 block | transform 50ms | 5 block | sink 1ms",
                "--duration", "3s", "--json", "-"));
        JsonNode first = s.get("links").get(0);
        JsonNode second = s.get("links").get(1);
        assertEquals("source -> transform", first.get("name").asText());
        assertTrue(first.get("meanFill").asDouble() > 3, first.toString());
        assertTrue(second.get("maxFill").asInt() <= 1, second.toString());
        assertTrue(named(s.get("stages"), "sink").get("idleRatio").asDouble() > 0.8, s.get("stages").toString());
    }

    @Test
    void thePipelinesEndsAreReportedByTheirNames() throws Exception {
        JsonNode s = json(run("run", "--pipeline", "reader 2k/s | 5 block | parse 0.1ms | 8 reject | store 0.1ms",
                "--items", "50", "--json", "-"));
        assertEquals(List.of("reader", "parse", "store"),
                java.util.stream.StreamSupport.stream(s.get("stages").spliterator(), false).map(n -> n.get("name").asText()).toList());
        assertEquals("reader -> parse", s.get("links").get(0).get("name").asText());
        assertEquals("parse -> store", s.get("links").get(1).get("name").asText());
        assertEquals("reader 2000/s | 5 block | parse 0.1ms | 8 reject | store 0.1ms", s.get("config").get("pipeline").asText());
    }

    @Test
    void aClassicRunReportsOneLinkAndTwoStages() throws Exception {
        JsonNode s = json(run("run", "--capacity", "3", "--items", "10", "--consumer-delay", "1ms", "--json", "-"));
        assertEquals(1, s.get("links").size());
        assertEquals("source -> sink", s.get("links").get(0).get("name").asText());
        assertEquals(2, s.get("stages").size());
        assertTrue(s.get("config").get("pipeline") == null, "no pipeline line for a classic run");
    }

    @Test
    void aPipelineAndAnOptionItSetsCannotBothBeGiven() {
        Result r = run("run", "--pipeline", "source 1/s | 5 block | sink 1ms", "--capacity", "4");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--pipeline sets capacity itself"), r.err());
    }

    @Test
    void aPipelinesEventsNameTheStageAndTheLinkTheyHappenedOn(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.csv");
        Result r = run("run", "--pipeline", "source 200/s | 3 block | transform 1ms | 3 block | sink 100ms",
                "--duration", "1s", "--events", events.toString(), "--json", "-");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(events);
        assertEquals("t_seconds,kind,worker,text,attempt", lines.getFirst(), "the columns are as before, the attempt added last");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("Source 1 parked: link 1 full 3/3,")), "the source parks on link 1");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("Transform 1 parked: link 2 full 3/3,")), "the transform parks on link 2");
        assertTrue(lines.stream().anyMatch(l -> l.contains("Consumed") && l.contains("in link 2")), "the sink consumes from link 2");
    }

    @Test
    void aClassicRunsEventsReadAsBefore(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.csv");
        Result r = run("run", "--capacity", "2", "--items", "6", "--consumer-delay", "20ms", "--events", events.toString(),
                "--json", "-");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(events);
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("Producer 1 parked: buffer full 2/2,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("Produced 0")));
    }
}
