package dev.backflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backflow.preset.PresetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.backflow.cli.RunCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetsCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInRunsFromTheCommandLine() throws Exception {
        List<String> names = new PresetStore(dir).builtInShortNames();
        assertEquals(27, names.size());
        for (String name : names) {
            // Shortened to a third of a second with a quick consumer, so the drain is quick too: this
            // checks that every preset runs and balances its books, not its story.
            RunCommandTest.Result r = run("run", "--preset", name, "--presets-dir", dir.toString(),
                    "--duration", "300ms", "--items", "0", "--consumer-delay", "0.1ms", "--json", "-");
            assertEquals(0, r.code(), name + ": " + r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertTrue(json.get("offered").asLong() > 0, name + " offered nothing");
            assertEquals(0, json.get("offered").asLong() - json.get("consumed").asLong() - json.get("rejected").asLong()
                    - json.get("dropped").asLong() - json.get("timedOut").asLong() - json.get("queuedAtEnd").asLong()
                    - json.get("inServiceAtEnd").asLong() - json.get("abandoned").asLong() - json.get("lostOnClose").asLong(),
                    name + ": every item is accounted for");
        }
    }

    @Test
    void optionsOverrideThePreset() throws Exception {
        RunCommandTest.Result r = run("run", "--preset", "first-tutorial", "--presets-dir", dir.toString(),
                "--consumer-delay", "1ms", "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(5, json.get("config").get("capacity").asInt(), "from the preset");
        assertEquals(20, json.get("config").get("items").asInt(), "from the preset");
        assertEquals(1.0, json.get("config").get("consumerDelayMs").asDouble(), "from the option");
        assertEquals("completed", json.get("outcome").asText());
    }

    @Test
    void listShowExportAndImport() throws Exception {
        RunCommandTest.Result list = run("presets", "list", "--presets-dir", dir.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("first-tutorial") && list.out().contains("(none yet)"), list.out());

        RunCommandTest.Result show = run("presets", "show", "send-timeout", "--presets-dir", dir.toString());
        assertEquals(0, show.code());
        assertTrue(show.out().contains("\"policy\" : \"timeout\""), show.out());

        Path file = dir.resolve("shared.backflow.json");
        assertEquals(0, run("presets", "export", "send-timeout", file.toString(), "--presets-dir", dir.toString()).code());
        String edited = Files.readString(file).replace("Send with a timeout", "My timeout");
        Files.writeString(file, edited);
        RunCommandTest.Result imported = run("presets", "import", file.toString(), "--presets-dir", dir.resolve("mine").toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(run("presets", "list", "--presets-dir", dir.resolve("mine").toString()).out().contains("My timeout"));
        RunCommandTest.Result again = run("presets", "import", file.toString(), "--presets-dir", dir.resolve("mine").toString());
        assertEquals(2, again.code(), "importing twice does not replace silently");
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void badPresetsExplainThemselvesOnStderrWithExitCodeTwo() throws Exception {
        Path bad = dir.resolve("bad.backflow.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"name\": \"x\", \"settings\": {\"capacity\": -3}}");
        RunCommandTest.Result r = run("run", "--preset", bad.toString(), "--presets-dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("settings.capacity: capacity must be between 1 and 10,000 items; got -3"), r.err());
        assertEquals("", r.out());

        RunCommandTest.Result missing = run("presets", "show", "no such thing", "--presets-dir", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("there is no preset called \"no such thing\"; "), missing.err());
        RunCommandTest.Result typo = run("run", "--preset", "first-tutorail", "--presets-dir", dir.toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("there is no preset called \"first-tutorail\" (did you mean 'first-tutorial'?)"),
                typo.err());

        Files.writeString(bad, "{ broken");
        RunCommandTest.Result importBroken = run("presets", "import", bad.toString(), "--presets-dir", dir.toString());
        assertEquals(2, importBroken.code());
        assertTrue(importBroken.err().contains("is not valid JSON"), importBroken.err());
    }
}
