package dev.backflow.ui.runfile;

import dev.backflow.telemetry.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving never leaves half a file, and a failure says what and why. */
class RunExportsTest {

    @Test
    void aFileThatCannotBeWrittenIsNamedAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        RunExports exports = new RunExports(new RunHistory(), Runnable::run);
        Path missing = dir.resolve("no-such-folder").resolve("series.csv");
        ExecutionException e = assertThrows(ExecutionException.class, () -> exports.series(missing).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("Could not save " + missing + ": "), e.getCause().getMessage());

        Path ok = dir.resolve("series.csv");
        Files.writeString(ok, "old");
        assertEquals(ok, exports.series(ok).get(5, TimeUnit.SECONDS));
        assertEquals("t_seconds,fill,produced_per_s,consumed_per_s,parks,rejected,dropped,timed_out,memory_bytes\n",
                Files.readString(ok), "replaced whole: an empty run is the header alone");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aSummaryBeforeAnyRunSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        RunExports exports = new RunExports(new RunHistory(), Runnable::run);
        ExecutionException e = assertThrows(ExecutionException.class, () -> exports.summary(() -> {
            throw new IllegalStateException("There is no run to summarise yet: press Start first.");
        }, dir.resolve("summary.json")).get(5, TimeUnit.SECONDS));
        assertEquals("There is no run to summarise yet: press Start first.", e.getCause().getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written, no temporary file left");
        }
    }
}
