package dev.backflow.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backflow.preset.Preset;
import dev.backflow.preset.PresetCodec;
import dev.backflow.preset.PresetException;
import dev.backflow.report.RunSummary;
import dev.backflow.theory.Prediction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep as a file, and as the command line's JSON and CSV: what was varied, the base
 * experiment (as a preset), and per cell its values, whether it meets the targets, theory's
 * figures, and its whole run summary under the run summary's own field names. A saved sweep
 * reopens in the Sweep window with every cell.
 */
public final class SweepFile {

    /** The {@code format} field of every sweep file. */
    public static final String FORMAT = "backflow-sweep";
    /** The version this Backflow writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SweepFile() {
    }

    /** The result as JSON (UTF-8): the command line's {@code --json} and the saved file alike. */
    public static byte[] write(SweepResult r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode sweep = root.putObject("sweep");
        ArrayNode vary = sweep.putArray("vary");
        r.sweep().axes().forEach(a -> vary.add(a.format()));
        sweep.put("cellSeconds", r.sweep().cellSeconds());
        sweep.put("target", Target.format(r.sweep().targets()));
        try {
            root.set("base", JSON.readTree(new PresetCodec().write(new Preset("Sweep base", "", r.sweep().base(), 30))));
        } catch (IOException e) {
            throw new IllegalStateException("a preset always reads back as JSON", e);
        }
        root.put("parallel", r.parallel());
        root.put("wallSeconds", Math.round(r.wallSeconds() * 10) / 10.0);
        root.put("complete", r.complete());
        root.put("cellsRun", r.done());
        root.put("answer", r.answer());
        r.cheapest().ifPresent(c -> root.set("cheapest", values(r, c)));
        r.theoryCheapest().ifPresent(c -> root.set("theoryCheapest", values(r, c)));
        ArrayNode cells = root.putArray("cells");
        for (Cell c : r.cells()) {
            ObjectNode cell = cells.addObject();
            cell.set("values", values(r, c));
            cell.put("meetsTarget", r.meets(c));
            if (c.distortion() != null) {
                cell.put("distorted", c.distortion());
            }
            cell.set("theory", theory(c));
            if (c.summary() != null) {
                cell.set("summary", JSON.valueToTree(c.summary()));
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a sweep tree always serializes", e);
        }
    }

    private static ObjectNode values(SweepResult r, Cell c) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put(r.sweep().axes().get(0).setting().name(), c.x());
        if (c.y() != null) {
            v.put(r.sweep().axes().get(1).setting().name(), c.y());
        }
        return v;
    }

    /** Theory's model and its prediction of each figure it predicts for the cell. */
    private static ObjectNode theory(Cell c) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        Prediction p = SweepResult.theory(c);
        t.put("model", p.model());
        t.put("exact", p.exact());
        for (Figure f : Figure.values()) {
            Double v = f.predicted(c.config(), p);
            if (v != null && Double.isFinite(v)) {
                t.put(f.key, Math.round(v * 1e6) / 1e6);
            }
        }
        return t;
    }

    /**
     * Reads a sweep file back: its sweep, and every cell that had run with its summary.
     *
     * @throws IOException saying in words what is wrong
     */
    public static SweepResult read(byte[] bytes, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException(source + " is not a Backflow sweep (not JSON: " + dev.backflow.report.RunFile.firstLine(e) + ")", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a Backflow sweep (its format is not \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt() > VERSION) {
            throw new IOException(source + " was saved by a newer Backflow (sweep file version " + root.path("version").asInt()
                    + "; this version reads " + VERSION + " and older). Update Backflow to open it");
        }
        try {
            Preset base = new PresetCodec().read(JSON.writeValueAsBytes(root.path("base")), source + " (its base experiment)");
            List<Vary> axes = new ArrayList<>();
            for (JsonNode v : root.path("sweep").path("vary")) {
                axes.add(Vary.parse(v.asText(), base.config()));
            }
            Sweep sweep = new Sweep(base.config(), axes, root.path("sweep").path("cellSeconds").asDouble(),
                    Target.parseAll(root.path("sweep").path("target").asText("")));
            List<Cell> cells = new ArrayList<>(sweep.cells());
            JsonNode saved = root.path("cells");
            for (int i = 0; i < cells.size() && i < saved.size(); i++) {
                JsonNode s = saved.get(i).get("summary");
                if (s != null && !s.isNull()) {
                    JsonNode d = saved.get(i).get("distorted");
                    cells.set(i, cells.get(i).withRun(JSON.treeToValue(s, RunSummary.class), d == null ? null : d.asText()));
                }
            }
            return new SweepResult(sweep, cells, root.path("complete").asBoolean(), Math.max(1, root.path("parallel").asInt(1)),
                    root.path("wallSeconds").asDouble());
        } catch (PresetException e) {
            throw new IOException(e.getMessage() + (e.problems().isEmpty() ? "" : ": " + String.join("; ", e.problems())), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " holds a sweep Backflow cannot use: " + e.getMessage(), e);
        }
    }

    /**
     * Saves {@code r} to {@code file} whole or not at all (a full disk leaves an older file as it was).
     *
     * @throws IOException saying in words what failed; nothing was changed then
     */
    public static void save(SweepResult r, java.nio.file.Path file) throws IOException {
        try {
            dev.backflow.preset.AtomicFiles.writeWhole(file, write(r));
        } catch (PresetException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Opens a saved sweep. */
    public static SweepResult open(java.nio.file.Path file) throws IOException {
        long size = java.nio.file.Files.size(file);
        if (size > 64L << 20) {
            throw new IOException(file.getFileName() + " is " + size + " bytes; a sweep file is at most 64 MiB, so this is not one");
        }
        return read(java.nio.file.Files.readAllBytes(file), file.getFileName().toString());
    }

    /** The CSV header: the varied settings, then the cell's marks, then the run summary's fields. */
    public static String csvHeader(SweepResult r) {
        List<String> cols = new ArrayList<>();
        r.sweep().axes().forEach(a -> cols.add(a.setting().name()));
        cols.addAll(List.of("meetsTarget", "distorted"));
        cols.addAll(SUMMARY_COLUMNS);
        return String.join(",", cols);
    }

    /** The run summary's scalar fields, dotted for the ones inside an object. */
    static final List<String> SUMMARY_COLUMNS = List.of("outcome", "elapsedSeconds", "offered", "consumed", "rejected",
            "dropped", "timedOut", "queuedAtEnd", "producerParks", "producerParkedSeconds", "consumerIdleSeconds", "meanFill",
            "maxFill", "throughputPerSecond", "queueWaitMillis.mean", "queueWaitMillis.p50", "queueWaitMillis.p90",
            "queueWaitMillis.p99", "queueWaitMillis.max", "memoryBytesAtEnd", "utilisation", "fullProbability",
            "goodputPerSecond", "endToEndMillis.p99");

    /** One CSV row per cell that ran, in run order. */
    public static List<String> csvRows(SweepResult r) {
        List<String> rows = new ArrayList<>();
        for (Cell c : r.cells()) {
            if (!c.done()) {
                continue;
            }
            List<String> v = new ArrayList<>();
            v.add(number(c.x()));
            if (c.y() != null) {
                v.add(number(c.y()));
            }
            v.add(Boolean.toString(r.meets(c)));
            v.add(c.distortion() == null ? "" : "\"" + c.distortion().replace("\"", "\"\"") + "\"");
            JsonNode s = JSON.valueToTree(c.summary());
            for (String col : SUMMARY_COLUMNS) {
                JsonNode n = s;
                for (String part : col.split("\\.")) {
                    n = n == null ? null : n.get(part);
                }
                v.add(n == null || n.isNull() ? "" : n.isNumber() ? number(n.asDouble()) : n.asText());
            }
            rows.add(String.join(",", v));
        }
        return rows;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
