package dev.backflow.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build (prepare-package, before these integration tests in verify) generates shell completion and man pages from
 * the picocli model; these check that it did, and that they describe today's commands.
 */
class GeneratedDocsIT {

    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");

    @Test
    void theBuildGeneratesBashAndZshCompletionFromTheCommandModel() throws Exception {
        Path script = TARGET.resolve("backflow.bash-completion");
        assertTrue(Files.isRegularFile(script), script + " was generated");
        String text = Files.readString(script);
        assertTrue(text.contains("complete -F _complete_backflow"), "registers the completion function");
        assertTrue(text.contains("ZSH_VERSION"), "works when sourced from zsh too");
        assertTrue(text.contains("--consumer-delay") && text.contains("presets"), "knows today's commands and options");
    }

    @Test
    void theBuildGeneratesManPagesForEveryCommand() throws Exception {
        for (String page : new String[] {"backflow.1", "backflow-run.1", "backflow-compare.1", "backflow-sweep.1", "backflow-presets.1"}) {
            Path file = TARGET.resolve("man").resolve("man1").resolve(page);
            assertTrue(Files.isRegularFile(file), file + " was generated");
            String text = Files.readString(file);
            assertTrue(text.contains(".TH "), page + " is a man page (troff)");
        }
        // troff writes a hyphen as \-; read it as a person would.
        String run = Files.readString(TARGET.resolve("man/man1/backflow-run.1")).replace("\\-", "-");
        assertTrue(run.contains("--capacity"), "backflow-run(1) has the options");
        assertTrue(run.contains(".SH \"EXIT CODES:\""), "backflow-run(1) has the exit codes");
        assertTrue(run.contains("first-tutorial"), "backflow-run(1) has the examples");
    }
}
