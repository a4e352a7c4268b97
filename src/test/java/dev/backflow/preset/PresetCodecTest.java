package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetCodecTest {

    private final PresetCodec codec = new PresetCodec();
    private final PresetStore builtIns = new PresetStore(Path.of("unused"));

    private static final String GOOD_SETTINGS = """
            "capacity": 5, "producerRate": 100, "consumerDelayMs": 500, "producers": 1, "consumers": 1,
            "policy": "block", "timeoutMs": 100, "itemSizeBytes": 1024, "memoryBudgetBytes": 268435456,
            "arrivals": "constant", "service": "constant", "items": 20, "durationSeconds": 0, "seed": 42,
            "threads": "virtual", "chartWindowSeconds": 30""";

    private static String preset(String settings) {
        return "{\"schemaVersion\": 1, \"name\": \"Test\", \"description\": \"d\", \"settings\": {" + settings + "}}";
    }

    private PresetException refused(String json) {
        return assertThrows(PresetException.class, () -> codec.read(json.getBytes(StandardCharsets.UTF_8), "test.backflow.json"));
    }

    @Test
    void everyBuiltInRoundTrips() throws Exception {
        List<Preset> all = builtIns.builtIns();
        assertEquals(27, all.size());
        for (Preset p : all) {
            Preset again = codec.read(codec.write(p), p.name());
            assertEquals(p, again, p.name());
            assertTrue(!p.description().isBlank(), "every built-in explains itself");
        }
        assertEquals(new ExperimentConfig(5, 100, 500, 1, 1).toBuilder().items(20).build(), all.getFirst().config());
    }

    @Test
    void aDemandLinkRoundTripsAsSchemaFiveAndNonsenseIsNamed() throws Exception {
        Preset strict = builtIns.builtIns().stream().filter(p -> p.name().equals("Demand: strict batches of 32"))
                .findFirst().orElseThrow();
        assertEquals(new dev.backflow.engine.Demand(100), strict.config().demand());
        String json = new String(codec.write(strict), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"schemaVersion\" : 5"), json);
        assertTrue(json.contains("\"demand\" : \"100%\""), json);
        assertEquals(strict, codec.read(json.getBytes(StandardCharsets.UTF_8), "strict.backflow.json"));
        PresetException bad = refused(json.replace("\"demand\" : \"100%\"", "\"demand\" : \"most\""));
        assertTrue(bad.problems().toString().contains("demand") && bad.problems().toString().contains("whole percent"), bad.problems().toString());
        PresetException evicting = refused(json.replace("\"policy\" : \"block\"", "\"policy\" : \"drop-oldest\""));
        assertTrue(evicting.problems().toString().contains("cannot drop the oldest"), evicting.problems().toString());
    }

    @Test
    void theCallersAndChangesRoundTripAsSchemaFourAndOlderFilesHaveNone() throws Exception {
        Preset storm = builtIns.builtIns().stream().filter(p -> p.name().equals("Retry storm cured by a retry budget"))
                .findFirst().orElseThrow();
        String json = new String(codec.write(storm), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"schemaVersion\" : 4"), json);
        assertTrue(json.contains("\"retryBudget\" : \"10/0.1\""), json);
        assertTrue(json.contains("\"changes\" : [ \"5s+2s consumer-delay=20ms\" ]"), json);
        assertEquals(storm, codec.read(json.getBytes(StandardCharsets.UTF_8), "storm.backflow.json"));
        assertEquals(dev.backflow.engine.Callers.NONE, builtIns.builtIns().getFirst().config().callers());
        assertTrue(builtIns.builtIns().getFirst().config().changes().isEmpty());
    }

    @Test
    void nonsenseInTheCallersOrChangesIsRefusedFieldByField() {
        String base = new String(codec.write(builtIns.builtIns().getFirst()), StandardCharsets.UTF_8);
        String[][] bad = {
                {"\"deadlineMs\": -1", "settings.deadlineMs: deadline must be between 0 and 60,000 ms; got -1"},
                {"\"retries\": 2.5", "settings.retries: must be a whole number; got 2.5"},
                {"\"backoff\": \"expo\"", "settings.backoff: unknown backoff \"expo\""},
                {"\"retryBudget\": \"10\"", "settings.retryBudget: a retry budget is TOKENS/RATIO"},
                {"\"checkDeadlines\": \"yes\"", "settings.checkDeadlines: must be true or false"},
                {"\"changes\": \"5s+2s rate=1\"", "settings.changes: must be a list"},
                {"\"changes\": [1]", "settings.changes[0]: must be text"},
                {"\"changes\": [\"soon\"]", "settings.changes[0]: a change is AT+FOR setting=value"},
                {"\"changes\": [\"1+1 warp=1ms\"]", "no setting or stage called \"warp\""},
                {"\"backoffBaseMs\": 500, \"backoffCapMs\": 10", "cap"},
        };
        for (String[] b : bad) {
            String json = base.replace("\"settings\" : {", "\"settings\" : { " + b[0] + ",");
            PresetException e = refused(json);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void aGoodFileReads() throws Exception {
        Preset p = codec.read(preset(GOOD_SETTINGS).getBytes(StandardCharsets.UTF_8), "x");
        assertEquals("Test", p.name());
        assertEquals(20, p.config().items());
        assertEquals(SendPolicy.BLOCK, p.config().policy());
    }

    @Test
    void outOfRangeValuesAreNamedFieldByField() {
        PresetException e = refused(preset(GOOD_SETTINGS.replace("\"capacity\": 5", "\"capacity\": -3")
                .replace("\"producers\": 1", "\"producers\": 0")));
        assertTrue(e.problems().contains("settings.capacity: capacity must be between 1 and 10,000 items; got -3"), e.problems().toString());
        assertTrue(e.problems().contains("settings.producers: producers must be between 1 and 10,000; got 0"), e.problems().toString());
        assertTrue(e.getMessage().startsWith("test.backflow.json has settings Backflow cannot use"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json|is not valid JSON",
        "[1, 2]|is not a Backflow preset: expected a JSON object",
        "{\"schemaVersion\": 1, \"name\": \"x\"}|settings: missing, or not an object",
        "{\"schemaVersion\": 7, \"name\": \"x\", \"settings\": {}}|was made by a newer Backflow (preset schema 7",
        "{\"schemaVersion\": \"one\", \"name\": \"x\"}|schemaVersion must be a whole number",
        "{\"schemaVersion\": 1, \"name\": \"a\", \"name\": \"b\", \"settings\": {}}|Duplicate field 'name'",
        "{\"schemaVersion\": 1, \"name\": NaN, \"settings\": {}}|is not valid JSON",
        "{\"schemaVersion\": 1, \"name\": \"x\", \"settings\": {}} trailing|is not valid JSON",
    })
    void brokenFilesAreRefusedWithAReason(String json, String expected) {
        PresetException e = refused(json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"capacity\": \"five\"|settings.capacity: must be a number; got \"five\"",
        "\"capacity\": 2.5|settings.capacity: must be a whole number; got 2.5",
        "\"capacity\": 1e400|settings.capacity: capacity must be between",
        "\"capacity\": 99999999999999999999999999|settings.capacity: capacity must be between",
        "\"policy\": \"yolo\"|settings.policy: unknown policy \"yolo\"",
        "\"policy\": 3|settings.policy: must be text",
        "\"arrivals\": \"gaussian\"|settings.arrivals: unknown distribution",
        "\"producerRate\": Infinity|is not valid JSON",
        "\"seed\": 1.5|settings.seed: must be a whole number",
        "\"colour\": \"red\"|settings.colour: unknown setting",
        "\"chartWindowSeconds\": 1000|settings.chartWindowSeconds: chart window must be between 5 and 120 s",
    })
    void wrongTypesAndValuesAreRefusedFieldByField(String replacement, String expected) {
        String field = replacement.substring(0, replacement.indexOf(':') + 1);
        String settings = GOOD_SETTINGS.contains(field)
                ? GOOD_SETTINGS.replaceAll("\"" + field.substring(1, field.length() - 2) + "\": [^,]+", replacement)
                : GOOD_SETTINGS + ", " + replacement;
        PresetException e = refused(preset(settings));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aMissingSettingIsNamed() {
        PresetException e = refused(preset(GOOD_SETTINGS.replace("\"seed\": 42,", "")));
        assertTrue(e.problems().contains("settings.seed: missing"), e.problems().toString());
    }

    @Test
    void filesOverOneMegabyteAreRefusedBeforeParsing() {
        byte[] big = new byte[PresetCodec.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '{'); // would also be deeply nested: never parsed
        PresetException e = assertThrows(PresetException.class, () -> codec.read(big, "huge.json"));
        assertTrue(e.getMessage().contains("a preset file is at most 1 MB"), e.getMessage());
    }

    @Test
    void deeplyNestedInputIsRefused() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        PresetException e = refused(deep);
        assertTrue(e.getMessage().contains("is not valid JSON") && e.getMessage().contains("nested more than 16 levels deep"), e.getMessage());
    }

    @Test
    void theDraftFormatIsMigrated() throws Exception {
        String draft = """
                {"name": "Old one", "capacity": 7, "rate": 50, "consumerDelaySeconds": 0.25, "producers": 1,
                 "consumers": 1, "policy": "block", "timeoutMs": 100, "itemSizeBytes": 1024,
                 "memoryBudgetBytes": 268435456, "arrivals": "constant", "service": "constant", "items": 0,
                 "durationSeconds": 0, "seed": 1, "threads": "virtual", "chartWindowSeconds": 30}""";
        Preset p = codec.read(draft.getBytes(StandardCharsets.UTF_8), "old.json");
        assertEquals("Old one", p.name());
        assertEquals(50, p.config().producerRate());
        assertEquals(250, p.config().consumerDelayMs(), 1e-9);
        String rewritten = new String(codec.write(p), StandardCharsets.UTF_8);
        assertTrue(rewritten.contains("\"schemaVersion\" : 1"), "saved again in the current schema");
    }

    @Test
    void aPipelineRoundTripsAsSchemaTwoAndAClassicPresetStaysSchemaOne() throws Exception {
        dev.backflow.engine.ExperimentConfig pipeline = dev.backflow.engine.PipelineSpec.apply(
                dev.backflow.engine.ExperimentConfig.DEFAULT, "source 200/s | 5 block | parse 1ms x2 | 8 reject | store 50ms");
        Preset p = new Preset("Chain", "two links", pipeline, 30);
        String json = new String(codec.write(p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"schemaVersion\" : 2"), json);
        assertTrue(json.contains("\"hops\" : \"parse 1ms x2 | 8 reject\""), json);
        assertTrue(json.contains("\"sinkName\" : \"store\""), json);
        assertTrue(!json.contains("sourceName"), "the usual name is not written: " + json);
        assertEquals(p, codec.read(json.getBytes(StandardCharsets.UTF_8), "chain.backflow.json"));
        Preset classic = new Preset("One", "", dev.backflow.engine.ExperimentConfig.DEFAULT, 30);
        assertTrue(new String(codec.write(classic), StandardCharsets.UTF_8).contains("\"schemaVersion\" : 1"),
                "a preset without a pipeline still opens in older versions");
    }

    @Test
    void aBrokenPipelineSaysWhichPartIsWrong() {
        PresetException e = refused(preset(GOOD_SETTINGS + ", \"hops\": \"parse 1ms | 0 block\""));
        assertTrue(e.getMessage().contains("link 2 (\"0 block\"): capacity must be between 1 and 10,000"), e.getMessage());
    }

    @Test
    void aBadStageNameIsNamedAndNothingElseIsLost() {
        PresetException e = refused(preset(GOOD_SETTINGS + ", \"sinkName\": \"a|b\""));
        assertTrue(e.getMessage().contains("settings.sinkName: a stage needs a name of 1 to 40 characters without \"|\""),
                e.getMessage());
    }

    @Test
    void anOlderPipelinesTimeoutLinksKeepTheExperimentsTimeoutAndOwnDeadlinesAreSchemaThree() throws Exception {
        // Schema 2, before links had their own deadline: every timeout link used timeoutMs.
        String old = "{\"schemaVersion\": 2, \"name\": \"Old\", \"description\": \"\", \"settings\": {"
                + GOOD_SETTINGS.replace("\"timeoutMs\": 100", "\"timeoutMs\": 250")
                + ", \"hops\": \"parse 1ms | 8 timeout\"}}";
        Preset p = codec.read(old.getBytes(StandardCharsets.UTF_8), "old.backflow.json");
        assertEquals(new dev.backflow.engine.SendPolicy.Timeout(250), p.config().hops().get(0).policy());
        String json = new String(codec.write(p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"schemaVersion\" : 3"), json);
        assertTrue(json.contains("\"hops\" : \"parse 1ms | 8 timeout 250ms\""), json);
        assertEquals(p, codec.read(json.getBytes(StandardCharsets.UTF_8), "again.backflow.json"));
        Preset own = new Preset("Own", "", p.config().toBuilder().hops(List.of(p.config().hops().get(0)
                .withPolicy(new dev.backflow.engine.SendPolicy.Timeout(30)))).build(), 30);
        Preset back = codec.read(codec.write(own), "own.backflow.json");
        assertEquals(new dev.backflow.engine.SendPolicy.Timeout(30), back.config().hops().get(0).policy());
        assertEquals(250, back.config().timeoutMs(), 1e-9, "the first link's setting is untouched");
        String newer = old.replace("\"schemaVersion\": 2", "\"schemaVersion\": 6");
        assertTrue(refused(newer).getMessage().contains("reads schema 5 and older"));
    }
}
