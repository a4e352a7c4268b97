package dev.backflow.preset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.backflow.engine.Backoff;
import dev.backflow.engine.Callers;
import dev.backflow.engine.Change;
import dev.backflow.engine.Distribution;
import dev.backflow.engine.RetryBudget;
import dev.backflow.engine.Hop;
import dev.backflow.engine.PipelineSpec;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes presets as JSON a person can read and edit.
 *
 * <pre>{@code
 * { "schemaVersion": 1, "name": "...", "description": "...",
 *   "settings": { "capacity": 5, "producerRate": 100, "consumerDelayMs": 500, ... } }
 * }</pre>
 *
 * <p>Reading is strict and explains itself: input over 1 MB is refused before parsing; nesting,
 * duplicate keys, non-numbers (NaN, Infinity) and huge numbers are refused by the parser; every
 * field is checked for presence, type and range, and all problems are reported together, each
 * naming its field. A file from a newer Backflow is refused with a message saying so; a file in
 * the older draft format (schema 0) is migrated.
 */
public final class PresetCodec {

    /**
     * The newest schema this version reads and writes. Schema 5 adds a preset's sweep and demand links
     * ({@code "demand": "75%"} for the first link, {@code demand 32@75%} in {@code "hops"}). Schema 4 adds the callers (deadlines,
     * retries, backoff, a retry budget, deadline checks) and scheduled changes. Schema 3 lets each
     * timeout link of a pipeline carry its own deadline ({@code "store 5ms | 8 timeout 250ms"});
     * before it, every timeout link used {@code timeoutMs}, which is what a bare {@code timeout}
     * still means.
     */
    public static final int SCHEMA_VERSION = 5;
    /** Callers, scheduled changes, CoDel and adaptive limits. */
    static final int SCHEMA_CALLERS = 4;
    /** Per-link timeouts ({@code "8 timeout 250ms"} after the first link). */
    static final int SCHEMA_LINK_TIMEOUTS = 3;
    /** The schema of a pipeline without timeout links: versions before per-link timeouts still open it. */
    static final int SCHEMA_PIPELINE = 2;
    /** The schema of a preset without a pipeline: older versions of Backflow still open it. */
    static final int SCHEMA_WITHOUT_PIPELINE = 1;
    /** Files larger than this are refused before they are parsed. */
    public static final int MAX_BYTES = 1 << 20;
    /** Deepest nesting accepted (a preset needs 2). */
    static final int MAX_DEPTH = 16;

    private static final Set<String> TOP_FIELDS = Set.of("schemaVersion", "name", "description", "settings", "sweep");
    private static final Set<String> SETTINGS = Set.of("capacity", "producerRate", "consumerDelayMs", "producers",
            "consumers", "policy", "timeoutMs", "itemSizeBytes", "memoryBudgetBytes", "arrivals", "service", "items",
            "durationSeconds", "seed", "threads", "chartWindowSeconds", "hops", "sourceName", "sinkName",
            "deadlineMs", "retries", "backoff", "backoffBaseMs", "backoffCapMs", "retryBudget", "checkDeadlines", "changes", "codel", "limit", "demand");

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public PresetCodec() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(40).maxStringLength(MAX_BYTES).build());
    }

    /** The preset as pretty-printed JSON (UTF-8). */
    public byte[] write(Preset p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", p.sweep() != null ? SCHEMA_VERSION : schemaFor(p.config()));
        root.put("name", p.name());
        root.put("description", p.description());
        ObjectNode s = root.putObject("settings");
        s.setAll((ObjectNode) mapper.valueToTree(settings(p.config())));
        s.put("chartWindowSeconds", p.chartWindowSeconds());
        if (p.sweep() != null) {
            ObjectNode w = root.putObject("sweep");
            p.sweep().vary().forEach(w.putArray("vary")::add);
            w.put("cellSeconds", p.sweep().cellSeconds());
            w.put("target", p.sweep().target());
        }
        try {
            return (mapper.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preset tree always serializes", e);
        }
    }

    /**
     * The oldest schema that holds {@code c}, so older versions of Backflow open what they can:
     * 1 without a pipeline, 2 (added {@code "hops"}) for a pipeline, 3 once a link after the
     * first has its own timeout.
     */
    static int schemaFor(ExperimentConfig c) {
        if (c.usesDemand()) {
            return SCHEMA_VERSION;
        }
        if (!c.callers().equals(Callers.NONE) || !c.changes().isEmpty() || c.usesCodel() || c.usesLimits()
                || c.hops().stream().anyMatch(Hop::checksDeadlines)) {
            return SCHEMA_CALLERS;
        }
        if (c.hops().stream().anyMatch(h -> h.policy() instanceof dev.backflow.engine.SendPolicy.Timeout)) {
            return SCHEMA_LINK_TIMEOUTS;
        }
        return c.hops().isEmpty() && c.sourceName().equals(ExperimentConfig.SOURCE)
                && c.sinkName().equals(ExperimentConfig.SINK) ? SCHEMA_WITHOUT_PIPELINE : SCHEMA_PIPELINE;
    }

    /**
     * Every engine setting under its file name, in file order. The same names describe a run's
     * config in the command line's JSON summary, so a summary's {@code config} can be pasted into
     * a preset's {@code settings}.
     */
    public static Map<String, Object> settings(ExperimentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capacity", c.capacity());
        m.put("producerRate", c.producerRate());
        m.put("consumerDelayMs", c.consumerDelayMs());
        m.put("producers", c.producers());
        m.put("consumers", c.consumers());
        m.put("policy", c.policy().cliName());
        m.put("timeoutMs", c.timeoutMs());
        m.put("itemSizeBytes", c.itemSizeBytes());
        m.put("memoryBudgetBytes", c.memoryBudgetBytes());
        m.put("arrivals", Distribution.format(c.arrivals()));
        m.put("service", Distribution.format(c.service()));
        m.put("items", c.items());
        m.put("durationSeconds", c.durationSeconds());
        m.put("seed", c.seed());
        m.put("threads", c.threads().name().toLowerCase(Locale.ROOT));
        if (!c.hops().isEmpty()) {
            m.put("hops", PipelineSpec.formatHops(c.hops()));
        }
        if (!c.sourceName().equals(ExperimentConfig.SOURCE)) {
            m.put("sourceName", c.sourceName());
        }
        if (!c.sinkName().equals(ExperimentConfig.SINK)) {
            m.put("sinkName", c.sinkName());
        }
        Callers k = c.callers();
        if (!k.equals(Callers.NONE)) {
            m.put("deadlineMs", k.deadlineMs());
            m.put("retries", k.retries());
            m.put("backoff", k.backoff().law().cliName);
            m.put("backoffBaseMs", k.backoff().baseMs());
            m.put("backoffCapMs", k.backoff().capMs());
            if (k.budget() != null) {
                m.put("retryBudget", k.budget().format());
            }
            m.put("checkDeadlines", k.checkDeadlines());
        }
        if (!c.changes().isEmpty()) {
            m.put("changes", c.changes().stream().map(Change::format).toList());
        }
        if (c.codel() != null) {
            m.put("codel", c.codel().format());
        }
        if (c.sinkLimit() != null) {
            m.put("limit", c.sinkLimit().format());
        }
        if (c.demand() != null) {
            m.put("demand", c.demand().format());
        }
        return m;
    }

    /**
     * Reads a preset.
     *
     * @param source where the bytes came from, for messages ("my.backflow.json")
     * @throws PresetException saying everything that is wrong
     */
    public Preset read(byte[] json, String source) throws PresetException {
        if (json.length > MAX_BYTES) {
            throw new PresetException(source + " is " + String.format(Locale.ROOT, "%,d", json.length)
                    + " bytes; a preset file is at most 1 MB, so this is not one");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PresetException(source + " is not valid JSON: " + plainProblem(e)
                    + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw new PresetException(source + " could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PresetException(source + " is not a Backflow preset: expected a JSON object");
        }
        int version = schemaVersion(root, source);
        if (version > SCHEMA_VERSION) {
            throw new PresetException(source + " was made by a newer Backflow (preset schema " + version
                    + "; this version reads schema " + SCHEMA_VERSION + " and older). Update Backflow to open it");
        }
        if (version == 0) {
            root = migrateFromDraft(root);
        }
        return parse(root, source);
    }

    /**
     * What the JSON parser found wrong, in words for a person: the parser's own message without
     * the names of its classes and settings (a reader of a preset file needs "nested too deeply",
     * not "StreamReadConstraints.getMaxNestingDepth()"), and never longer than a line.
     */
    static String plainProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            if (m.contains("nesting depth")) {
                return "it is nested more than " + MAX_DEPTH + " levels deep; a preset is a few levels at most";
            }
            if (m.contains("Number value length")) {
                return "a number in it is far too long";
            }
            return "it holds a value far too large for a preset";
        }
        if (m.startsWith("No content to map")) {
            return "the file is empty";
        }
        String plain = m.replaceAll("\\s*\\((?:for|through|from)[^)]*`[^`]*`[^)]*\\)", "")
                .replaceAll("`[^`]*(?:com\\.fasterxml|jackson|StreamReadConstraints)[^`]*`", "the value")
                .replaceAll(" at \\[Source:.*$", "")
                .replaceAll("[\\r\\n]+", " ").strip();
        return plain.length() > 160 ? plain.substring(0, 157) + "..." : plain;
    }

    private static int schemaVersion(JsonNode root, String source) throws PresetException {
        JsonNode v = root.get("schemaVersion");
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new PresetException(source + ": schemaVersion must be a whole number; got " + v);
        }
        return v.intValue();
    }

    /**
     * Schema 0 was the draft format before presets had a version: flat fields, the rate as
     * {@code rate} and the consumer delay in seconds as {@code consumerDelaySeconds}.
     */
    static JsonNode migrateFromDraft(JsonNode old) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("name", old.get("name"));
        root.set("description", old.has("description") ? old.get("description") : JsonNodeFactory.instance.textNode(""));
        ObjectNode s = root.putObject("settings");
        Iterator<String> names = old.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            JsonNode v = old.get(f);
            switch (f) {
                case "name", "description" -> { }
                case "rate" -> s.set("producerRate", v);
                case "consumerDelaySeconds" -> s.set("consumerDelayMs",
                        v.isNumber() ? JsonNodeFactory.instance.numberNode(v.doubleValue() * 1000) : v);
                default -> s.set(f, v);
            }
        }
        return root;
    }

    /**
     * A preset's sweep ({@code "sweep": {"vary": [...], "cellSeconds": 5, "target": "..."}}), or
     * null; its values are checked where the sweep runs, against the experiment.
     *
     * @throws IllegalArgumentException naming what is wrong with its shape
     */
    private static Preset.SweepPlan sweepPlan(JsonNode w) {
        if (w == null || w.isNull()) {
            return null;
        }
        if (!w.isObject() || !w.path("vary").isArray()) {
            throw new IllegalArgumentException("sweep: an object with \"vary\" (one or two \"NAME=VALUES\"), "
                    + "\"cellSeconds\" and \"target\"");
        }
        java.util.List<String> vary = new java.util.ArrayList<>();
        for (JsonNode v : w.path("vary")) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("sweep.vary: each is text, like \"capacity=1..1000:log10\"");
            }
            vary.add(v.asText());
        }
        JsonNode seconds = w.path("cellSeconds");
        return new Preset.SweepPlan(vary, seconds.isNumber() ? seconds.asDouble() : 5, w.path("target").asText(""));
    }

    private Preset parse(JsonNode root, String source) throws PresetException {
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP_FIELDS.contains(f)) {
                problems.add("unknown field \"" + f + "\"");
            }
        });
        String name = text(root, "name", problems, true);
        String description = root.has("description") ? text(root, "description", problems, false) : "";
        JsonNode s = root.get("settings");
        if (s == null || !s.isObject()) {
            problems.add("settings: missing, or not an object");
            throw new PresetException(source + " is not a usable preset", problems);
        }
        s.fieldNames().forEachRemaining(f -> {
            if (!SETTINGS.contains(f)) {
                problems.add("settings." + f + ": unknown setting");
            }
        });
        Fields f = new Fields(s, problems);
        int capacity = (int) f.number("capacity", Limits.CAPACITY, true);
        double rate = f.number("producerRate", Limits.PRODUCER_RATE, false);
        double delay = f.number("consumerDelayMs", Limits.CONSUMER_DELAY_MS, false);
        int producers = (int) f.number("producers", Limits.PRODUCERS, true);
        int consumers = (int) f.number("consumers", Limits.CONSUMERS, true);
        SendPolicy policy = f.choice("policy", SendPolicy::parse);
        double timeout = f.number("timeoutMs", Limits.TIMEOUT_MS, false);
        long itemSize = (long) f.number("itemSizeBytes", Limits.ITEM_SIZE, true);
        long budget = (long) f.number("memoryBudgetBytes", Limits.MEMORY_BUDGET, true);
        Distribution arrivals = f.choice("arrivals", Distribution::parse);
        Distribution service = f.choice("service", Distribution::parse);
        long items = (long) f.number("items", Limits.ITEMS, true);
        double duration = f.number("durationSeconds", Limits.DURATION_S, false);
        long seed = f.seed();
        ThreadKind threads = f.choice("threads", ThreadKind::parse);
        // A bare "timeout" link (every schema before 3) uses the experiment's timeout, as it always did.
        double bareTimeout = Double.isFinite(timeout) && Limits.TIMEOUT_MS.contains(timeout) ? timeout : SendPolicy.TIMEOUT.millis();
        List<Hop> hops = s.has("hops") ? f.choice("hops", t -> PipelineSpec.parseHops(t, bareTimeout)) : List.of();
        String sourceName = s.has("sourceName") ? f.choice("sourceName", Hop::requireName) : ExperimentConfig.SOURCE;
        String sinkName = s.has("sinkName") ? f.choice("sinkName", Hop::requireName) : ExperimentConfig.SINK;
        double window = f.number("chartWindowSeconds",
                new Limits.Range("chart window", Preset.MIN_WINDOW, Preset.MAX_WINDOW, "s", dev.backflow.units.Units.Unit.SECONDS), false);
        Callers callers = f.callers();
        List<Change> changes = f.changes();
        dev.backflow.engine.CoDel codel = s.has("codel") ? f.choice("codel", dev.backflow.engine.CoDel::parse) : null;
        dev.backflow.engine.AdaptiveLimit limit = s.has("limit") ? f.choice("limit", dev.backflow.engine.AdaptiveLimit::parse) : null;
        dev.backflow.engine.Demand demand = s.has("demand") ? f.choice("demand", dev.backflow.engine.Demand::parsePercent) : null;
        if (!problems.isEmpty()) {
            throw new PresetException(source + " has settings Backflow cannot use", problems);
        }
        try {
            ExperimentConfig c = new ExperimentConfig(capacity, rate, delay, producers, consumers, policy, timeout,
                    itemSize, budget, arrivals, service, items, duration, seed, threads, hops == null ? List.of() : hops,
                    sourceName == null ? ExperimentConfig.SOURCE : sourceName, sinkName == null ? ExperimentConfig.SINK : sinkName,
                    callers, changes, codel, limit, demand);
            return new Preset(name, description, c, window, sweepPlan(root.get("sweep")));
        } catch (IllegalArgumentException e) {
            throw new PresetException(source + " has settings Backflow cannot use", List.of(e.getMessage()));
        }
    }

    private static String text(JsonNode root, String field, List<String> problems, boolean required) {
        JsonNode v = root.get(field);
        if (v == null) {
            if (required) {
                problems.add(field + ": missing");
            }
            return "";
        }
        if (!v.isTextual()) {
            problems.add(field + ": must be text; got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            return "";
        }
        String t = v.textValue();
        if (field.equals("name")) {
            try {
                return Preset.checkName(t);
            } catch (IllegalArgumentException e) {
                problems.add("name: " + e.getMessage());
                return "x";
            }
        }
        if (t.length() > Preset.MAX_DESCRIPTION) {
            problems.add(field + ": longer than " + Preset.MAX_DESCRIPTION + " characters");
        }
        return t;
    }

    /** Reads settings fields, collecting one message per problem. */
    private record Fields(JsonNode s, List<String> problems) {

        double number(String field, Limits.Range range, boolean whole) {
            JsonNode v = s.get(field);
            if (v == null) {
                problems.add("settings." + field + ": missing");
                return range.min();
            }
            if (!v.isNumber()) {
                problems.add("settings." + field + ": must be a number; got " + describe(v));
                return range.min();
            }
            double d = v.doubleValue();
            if (whole && (!v.isIntegralNumber() && d != Math.rint(d))) {
                problems.add("settings." + field + ": must be a whole number; got " + v.asText());
                return range.min();
            }
            if (v.isBigInteger() || v.isBigDecimal() && !Double.isFinite(d) || !range.contains(d)) {
                problems.add("settings." + field + ": " + range.message(v.asText()));
                return range.min();
            }
            return d;
        }

        /** The callers' settings, each optional (open-loop defaults), checked together. */
        Callers callers() {
            Callers d = Callers.NONE;
            double deadline = s.has("deadlineMs") ? number("deadlineMs", Limits.DEADLINE_MS, false) : d.deadlineMs();
            int retries = s.has("retries") ? (int) number("retries", Limits.RETRIES, true) : d.retries();
            Backoff.Law law = s.has("backoff") ? choice("backoff", Backoff.Law::parse) : d.backoff().law();
            double base = s.has("backoffBaseMs") ? number("backoffBaseMs", Limits.BACKOFF_MS, false) : d.backoff().baseMs();
            double cap = s.has("backoffCapMs") ? number("backoffCapMs", Limits.BACKOFF_MS, false) : d.backoff().capMs();
            RetryBudget budget = s.has("retryBudget") ? choice("retryBudget", RetryBudget::parse) : null;
            boolean checks = false;
            if (s.has("checkDeadlines")) {
                JsonNode v = s.get("checkDeadlines");
                if (v.isBoolean()) {
                    checks = v.booleanValue();
                } else {
                    problems.add("settings.checkDeadlines: must be true or false; got " + describe(v));
                }
            }
            if (law == null) {
                return d;
            }
            try {
                return new Callers(deadline, retries, new Backoff(law, base, cap), budget, checks);
            } catch (IllegalArgumentException e) {
                problems.add("settings: " + e.getMessage());
                return d;
            }
        }

        /** The scheduled changes: a list of {@code "AT+FOR setting=value"} texts, optional. */
        List<Change> changes() {
            JsonNode v = s.get("changes");
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                problems.add("settings.changes: must be a list of texts like \"5s+2s consumer-delay=20ms\"; got " + describe(v));
                return List.of();
            }
            if (v.size() > ExperimentConfig.MAX_CHANGES) {
                problems.add("settings.changes: at most " + ExperimentConfig.MAX_CHANGES + " changes; got " + v.size());
                return List.of();
            }
            List<Change> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual()) {
                    problems.add("settings.changes[" + i + "]: must be text; got " + describe(e));
                    continue;
                }
                try {
                    out.add(Change.parse(e.textValue()));
                } catch (IllegalArgumentException x) {
                    problems.add("settings.changes[" + i + "]: " + x.getMessage());
                }
            }
            return out;
        }

        long seed() {
            JsonNode v = s.get("seed");
            if (v == null) {
                problems.add("settings.seed: missing");
                return 0;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                problems.add("settings.seed: must be a whole number that fits in 64 bits; got " + v.asText());
                return 0;
            }
            return v.longValue();
        }

        <T> T choice(String field, Function<String, T> parse) {
            JsonNode v = s.get(field);
            if (v == null) {
                problems.add("settings." + field + ": missing");
                return null;
            }
            if (!v.isTextual()) {
                problems.add("settings." + field + ": must be text; got " + describe(v));
                return null;
            }
            try {
                return parse.apply(v.textValue());
            } catch (IllegalArgumentException e) {
                problems.add("settings." + field + ": " + e.getMessage());
                return null;
            }
        }

        private static String describe(JsonNode v) {
            return v.isTextual() ? "\"" + v.textValue() + "\"" : v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + v;
        }
    }
}
