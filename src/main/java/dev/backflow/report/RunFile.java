package dev.backflow.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A recorded run in one file ({@code .backflow-run.json}), for File → Save run and Open run: the
 * summary (the fields of {@code backflow run --json}), the time series and the event log (the
 * CSV of {@code --csv} and {@code --events}, as text). A teacher can hand one out; it opens
 * read-only.
 *
 * @param format  always {@link #FORMAT}
 * @param version the file's version ({@link #VERSION})
 * @param title   what the run was (the preset's name, or a description of the settings)
 * @param summary the run's summary
 * @param series  the time series, CSV text with its header
 * @param events  the event log, CSV text with its header
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunFile(String format, int version, String title, RunSummary summary, String series, String events) {

    /** What the {@code format} field says. */
    public static final String FORMAT = "backflow-run";
    /** The version this Backflow writes and reads. */
    public static final int VERSION = 1;
    /** The file name's ending. */
    public static final String SUFFIX = ".backflow-run.json";

    public RunFile {
        Objects.requireNonNull(summary, "summary");
        series = series == null ? "" : series;
        events = events == null ? "" : events;
    }

    /** A file of this version for {@code summary}, {@code series} and {@code events}. */
    public static RunFile of(String title, RunSummary summary, String series, String events) {
        return new RunFile(FORMAT, VERSION, title, summary, series, events);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Writes this run as JSON. */
    public void write(OutputStream out) throws IOException {
        mapper().writeValue(out, this);
    }

    /**
     * Reads a run file.
     *
     * @throws IOException saying in words what is wrong: not JSON, not a run, or a newer version
     */
    public static RunFile read(InputStream in, String source) throws IOException {
        RunFile f;
        try {
            f = mapper().readValue(in, RunFile.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " is not a recorded Backflow run (" + firstLine(e) + ")", e);
        }
        if (!FORMAT.equals(f.format())) {
            throw new IOException(source + " is not a recorded Backflow run (its format is \"" + f.format() + "\")");
        }
        if (f.version() > VERSION) {
            throw new IOException(source + " was saved by a newer Backflow (run file version " + f.version()
                    + "; this version reads " + VERSION + " and older). Update Backflow to open it");
        }
        return f;
    }

    /** The first line of an exception's message (or its class), for a sentence about a file. */
    public static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
