package dev.backflow.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One output of a headless run (the time series, the event log, the JSON summary), opened
 * before the run starts so that a path that cannot be written fails with nothing run.
 *
 * <p>A write that fails during the run (a full disk) does not end the run: the file is given up,
 * the failure is kept with the file's name, and the run goes on to its summary; the command then
 * reports every failure and exits 1. Not thread-safe: one writer thread.
 */
final class OutputFile implements AutoCloseable {

    private final String what;
    private final Path path;
    private Writer writer;
    private String failure;

    private OutputFile(String what, Path path, Writer writer) {
        this.what = what;
        this.path = path;
        this.writer = writer;
    }

    /**
     * Opens {@code path} for writing (creating or truncating it).
     *
     * @param what what goes into it, for messages ("the time series")
     * @throws IOException with a sentence naming the file, if it cannot be opened
     */
    static OutputFile open(String what, Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder");
        }
        try {
            return new OutputFile(what, path,
                    new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException | RuntimeException e) {
            throw new IOException(reason(e), e);
        }
    }

    /** Writes {@code text}, unless an earlier write failed; a failure is kept, not thrown. */
    void write(String text) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(text);
        } catch (IOException e) {
            giveUp(e);
        }
    }

    /** Whether every write so far went through. */
    boolean ok() {
        return failure == null;
    }

    /** The failure as a sentence naming the file, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            failure = failure != null ? failure : sentence(e);
        }
        writer = null;
    }

    private void giveUp(IOException e) {
        failure = sentence(e);
        try {
            writer.close();
        } catch (IOException ignored) {
            // already failed: the first failure is the one worth telling
        }
        writer = null;
    }

    private String sentence(IOException e) {
        return "could not write " + what + " to " + path + " (" + reason(e) + "); the rest of it was not written";
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
