package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pipeline written as one readable line, for the command line (and later presets):
 *
 * <pre>
 *   source 200/s | 16 block | parse 1ms x2 | 8 reject | store 50ms
 * </pre>
 *
 * Stages and links alternate, starting and ending with a stage; 1 to 8 links.
 * <ul>
 *   <li>A <b>stage</b> is a name, then in any order: a value (the source's rate, like
 *       {@code 200/s}; any other stage's mean service time, like {@code 50ms}; the one grammar of
 *       {@link Units}), {@code xN} workers (default 1), and a distribution ({@code constant},
 *       {@code exponential}, {@code uniform:20%}; the source's arrivals, or the stage's service),
 *       and for a middle stage {@code decoupled} (it reads on while its writes wait; see {@link Hop}),
 *       and for any stage but the source {@code check-deadlines} (it skips items whose caller's
 *       deadline has passed; see {@link Callers}), and {@code limit aimd|gradient2} (an adaptive
 *       concurrency limit in front of it; see {@link AdaptiveLimit}).
 *   <li>A <b>link</b> is a capacity and a policy ({@code 16 block}, {@code 8 reject},
 *       {@code 5 drop-oldest}, {@code 10 timeout 250ms}, {@code unbounded}), or a demand link
 *       ({@code demand 32@75%}, {@code demand 32@100% reject}: {@link Demand}), optionally followed by
 *       {@code codel [TARGET/INTERVAL]} (RFC 8289, 5ms/100ms if no times); the policy defaults to
 *       {@code block}. A timeout link has its own deadline; a bare {@code timeout} takes the
 *       experiment's ({@code --timeout}, a preset's {@code timeoutMs}), as before links had their own.
 * </ul>
 * The first stage is the experiment's source (producers), the first link its buffer, the last
 * stage its sink (consumers); each middle stage and the link after it are a {@link Hop}.
 */
public final class PipelineSpec {

    /** The stage token that puts an adaptive concurrency limit in front of a stage ({@code limit gradient2}). */
    public static final String LIMIT = "limit";

    /** The link token that puts CoDel on a link. */
    public static final String CODEL = "codel";

    /** The stage token that makes a stage skip items whose deadline has passed. */
    public static final String CHECK_DEADLINES = "check-deadlines";

    private static final Pattern WORKERS = Pattern.compile("[x×](\\d[\\d_,]*)");

    private PipelineSpec() {
    }

    /**
     * {@code base} with the pipeline's stages and links: producers, rate and arrivals from the
     * source, capacity and policy from the first link, consumers, delay and service from the
     * sink, and a hop per middle stage.
     *
     * @throws IllegalArgumentException saying which part of the line is wrong, and why
     */
    public static ExperimentConfig apply(ExperimentConfig base, String spec) {
        checkLength(spec);
        String[] parts = (spec == null ? "" : spec).split("\\|", -1);
        if (parts.length < 3 || parts.length % 2 == 0) {
            throw new IllegalArgumentException("a pipeline alternates stages and links, starting and ending with a stage, "
                    + "like \"source 200/s | 16 block | store 50ms\"; got " + dev.backflow.units.Names.quote(spec == null ? "" : spec.strip()));
        }
        int links = parts.length / 2;
        if (links > ExperimentConfig.MAX_LINKS) {
            throw new IllegalArgumentException("a pipeline has 1 to " + ExperimentConfig.MAX_LINKS + " links; got " + links);
        }
        ExperimentConfig.Builder b = base.toBuilder();
        Stage source = stage(parts[0], 1, true);
        b.producers(source.workers).sourceName(source.name);
        if (source.value != null) {
            b.producerRate(source.value);
        }
        if (source.distribution != null) {
            b.arrivals(source.distribution);
        }
        Link first = link(parts[1], 1, base.timeoutMs());
        b.capacity(first.capacity).policy(first.policy).codel(first.codel).demand(first.demand);
        if (first.policy instanceof SendPolicy.Timeout t) {
            b.timeoutMs(t.millis()); // the first link's deadline is the experiment's timeout setting
        }
        List<Hop> hops = new ArrayList<>();
        for (int i = 2; i < parts.length - 1; i += 2) {
            Stage s = stage(parts[i], i / 2 + 1, false);
            Link out = link(parts[i + 1], i / 2 + 1, base.timeoutMs());
            try {
                hops.add(new Hop(s.name, s.workers, s.value == null ? 0 : s.value,
                        s.distribution == null ? new Distribution.Constant() : s.distribution, out.capacity, out.policy,
                        s.coupled, s.checks, out.codel, s.limit, out.demand));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stage " + (i / 2 + 1) + " (" + dev.backflow.units.Names.quote(parts[i].strip()) + "): " + e.getMessage(), e);
            }
        }
        b.hops(hops);
        Stage sink = stage(parts[parts.length - 1], parts.length / 2 + 1, false);
        b.consumers(sink.workers).sinkName(sink.name);
        if (sink.value != null) {
            b.consumerDelayMs(sink.value);
        }
        if (sink.distribution != null) {
            b.service(sink.distribution);
        }
        b.callers(base.callers().withCheckDeadlines(sink.checks || base.callers().checkDeadlines()));
        b.sinkLimit(sink.limit != null ? sink.limit : base.sinkLimit());
        return b.build();
    }

    /**
     * The middle of a pipeline alone, as preset files store it next to the other settings:
     * {@code "parse 1ms x2 | 8 reject | store 5ms | 4 block"}, each stage followed by its output
     * link; "" for none. A bare {@code timeout} link gets the default deadline (100 ms).
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static List<Hop> parseHops(String text) {
        return parseHops(text, SendPolicy.TIMEOUT.millis());
    }

    /** As {@link #parseHops(String)}, a bare {@code timeout} link getting {@code timeoutMs}. */
    public static List<Hop> parseHops(String text, double timeoutMs) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        checkLength(text);
        String[] parts = text.split("\\|", -1);
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("hops are stages each followed by its output link, like "
                    + "\"parse 1ms x2 | 8 reject\"; got " + dev.backflow.units.Names.quote(text.strip()));
        }
        if (parts.length / 2 > ExperimentConfig.MAX_LINKS - 1) {
            throw new IllegalArgumentException("a pipeline has 1 to " + ExperimentConfig.MAX_LINKS + " links; got "
                    + (parts.length / 2 + 1));
        }
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            Stage st = stage(parts[i], i / 2 + 2, false);
            Link out = link(parts[i + 1], i / 2 + 2, timeoutMs);
            hops.add(new Hop(st.name, st.workers, st.value == null ? 0 : st.value,
                    st.distribution == null ? new Distribution.Constant() : st.distribution, out.capacity, out.policy,
                    st.coupled, st.checks, out.codel, st.limit, out.demand));
        }
        return List.copyOf(hops);
    }

    /** What {@link #parseHops} reads back to {@code hops}. */
    public static String formatHops(List<Hop> hops) {
        StringBuilder b = new StringBuilder();
        for (Hop h : hops) {
            if (!b.isEmpty()) {
                b.append(" | ");
            }
            b.append(h.name()).append(' ').append(Units.format(h.serviceMs(), Unit.MILLISECONDS))
                    .append(workers(h.workers())).append(distribution(h.service()))
                    .append(h.coupled() ? "" : " decoupled")
                    .append(h.checksDeadlines() ? " " + CHECK_DEADLINES : "")
                    .append(h.limit() == null ? "" : " " + LIMIT + " " + h.limit().format())
                    .append(" | ").append(link(h.capacity(), h.policy(), h.codel(), h.demand()));
        }
        return b.toString();
    }

    /** The line that {@link #apply} reads back to {@code c}'s stages and links. */
    public static String format(ExperimentConfig c) {
        StringBuilder b = new StringBuilder();
        b.append(c.sourceName()).append(' ').append(Units.format(c.producerRate(), Unit.PER_SECOND)).append(workers(c.producers()))
                .append(distribution(c.arrivals()));
        b.append(" | ").append(link(c.capacity(), c.policy(), c.codel(), c.demand()));
        if (!c.hops().isEmpty()) {
            b.append(" | ").append(formatHops(c.hops()));
        }
        b.append(" | ").append(c.sinkName()).append(' ').append(Units.format(c.consumerDelayMs(), Unit.MILLISECONDS)).append(workers(c.consumers()))
                .append(distribution(c.service())).append(c.callers().checkDeadlines() ? " " + CHECK_DEADLINES : "")
                .append(c.sinkLimit() == null ? "" : " " + LIMIT + " " + c.sinkLimit().format());
        return b.toString();
    }

    private static String workers(int n) {
        return n == 1 ? "" : " x" + n;
    }

    private static String distribution(Distribution d) {
        return d instanceof Distribution.Constant ? "" : " " + Distribution.format(d);
    }

    private static String link(int capacity, SendPolicy policy, CoDel codel, Demand demand) {
        String kind = demand != null ? Demand.TOKEN + " " + demand.format(capacity) + (policy == SendPolicy.BLOCK
                || policy instanceof SendPolicy.Block ? "" : " " + policy.format())
                : policy.bounded() ? capacity + " " + policy.format() : policy.format();
        return kind + (codel == null ? "" : " " + CODEL + " " + codel.format());
    }

    private record Stage(String name, Double value, int workers, Distribution distribution, boolean coupled,
                         boolean checks, AdaptiveLimit limit) {
    }

    private record Link(int capacity, SendPolicy policy, CoDel codel, Demand demand) {
        Link(int capacity, SendPolicy policy, CoDel codel) {
            this(capacity, policy, codel, null);
        }
    }

    /** Longest pipeline text read: 16 links of long names fit several times over. */
    static final int MAX_TEXT = 4_000;

    private static void checkLength(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a pipeline is at most " + Units.number(MAX_TEXT) + " characters; got "
                    + Units.number(text.length()));
        }
    }

    private static Stage stage(String text, int number, boolean source) {
        String[] tokens = text.strip().split("\\s+");
        String where = "stage " + number + " (" + dev.backflow.units.Names.quote(text.strip()) + ")";
        if (tokens.length == 0 || tokens[0].isEmpty()) {
            throw new IllegalArgumentException(where + " needs a name, like \"store 50ms\"");
        }
        String name = tokens[0];
        char first = name.charAt(0);
        if (Character.isDigit(first) || first == '.' || first == '+' || first == '-') {
            // "... | 8 drop-oldest | 50ms": a value where the name belongs, not a stage called "50ms"
            throw new IllegalArgumentException(where + " needs a name before its " + (source ? "rate" : "time")
                    + ", like \"" + (source ? "source " : "sink ") + name + "\"");
        }
        Double value = null;
        int workers = 1;
        Distribution distribution = null;
        boolean coupled = true;
        boolean checks = false;
        AdaptiveLimit limit = null;
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equalsIgnoreCase(LIMIT)) {
                if (source) {
                    throw new IllegalArgumentException(where + ": the source has no input to limit; \"limit\" is for a stage that takes items");
                }
                if (i + 1 >= tokens.length) {
                    throw new IllegalArgumentException(where + ": limit needs an algorithm, like \"limit gradient2\" (aimd or gradient2)");
                }
                try {
                    limit = AdaptiveLimit.parse(tokens[++i]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                continue;
            }
            var m = WORKERS.matcher(t.toLowerCase(Locale.ROOT));
            try {
                if (m.matches()) {
                    workers = (int) Limits.PRODUCERS.parseWhole(m.group(1));
                } else if (t.equalsIgnoreCase("decoupled") || t.equalsIgnoreCase("coupled")) {
                    if (source) {
                        throw new IllegalArgumentException("the source has no input to couple; \"" + t
                                + "\" is for a middle stage");
                    }
                    coupled = t.equalsIgnoreCase("coupled");
                } else if (t.equalsIgnoreCase(CHECK_DEADLINES)) {
                    if (source) {
                        throw new IllegalArgumentException("the source makes the deadlines; \"" + t
                                + "\" is for a stage that takes items");
                    }
                    checks = true;
                } else if (Character.isLetter(t.charAt(0))) {
                    distribution = Distribution.parse(t);
                } else if (value == null) {
                    value = source ? Limits.PRODUCER_RATE.parse(t) : Limits.CONSUMER_DELAY_MS.parse(t);
                } else {
                    throw new IllegalArgumentException("has two values, \"" + Units.format(value, source ? Unit.PER_SECOND
                            : Unit.MILLISECONDS) + "\" and \"" + t + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (distribution instanceof Distribution.Bursty && !source) {
            throw new IllegalArgumentException(where + ": bursty applies to the source only");
        }
        return new Stage(name, value, workers, distribution, coupled, checks, limit);
    }

    /**
     * {@code demand PREFETCH@PERCENT [POLICY [TIME]]}: a demand link whose capacity is the prefetch;
     * the policy (block by default) says what a sender without demand does.
     */
    private static Link demandLink(java.util.List<String> tokens, double timeoutMs, CoDel codel) {
        if (tokens.size() < 2) {
            throw new IllegalArgumentException("a demand link needs its prefetch, like \"demand 32@75%\" (75 % as Reactor) "
                    + "or \"demand 32@100%\" (strict batches)");
        }
        if (tokens.size() > 4) {
            throw new IllegalArgumentException("a demand link is \"demand PREFETCH@PERCENT [POLICY]\", like "
                    + "\"demand 32@75% reject\"");
        }
        Demand.Parsed d = Demand.parse(tokens.get(1));
        SendPolicy policy = policy(tokens.subList(2, tokens.size()), timeoutMs, "demand 32@75% timeout 250ms");
        String refusal = Demand.refusal(policy);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        return new Link(d.prefetch(), policy, codel, d.demand());
    }

    /**
     * A link's {@code [POLICY [TIME]]} after its capacity or prefetch: block if none, and only a
     * timeout takes a time ({@code example} shows one in the message).
     */
    private static SendPolicy policy(java.util.List<String> tokens, double timeoutMs, String example) {
        SendPolicy policy = tokens.isEmpty() ? SendPolicy.BLOCK : SendPolicy.parse(tokens.get(0), timeoutMs);
        if (tokens.size() == 2) {
            if (!(policy instanceof SendPolicy.Timeout)) {
                throw new IllegalArgumentException("only a timeout link takes a time, like \"" + example + "\"; \""
                        + policy.cliName() + "\" takes none");
            }
            policy = new SendPolicy.Timeout(Limits.TIMEOUT_MS.parse(tokens.get(1)));
        }
        return policy;
    }

    private static Link link(String text, int number, double timeoutMs) {
        String where = "link " + number + " (" + dev.backflow.units.Names.quote(text.strip()) + ")";
        java.util.List<String> tokens = new java.util.ArrayList<>(java.util.Arrays.asList(text.strip().split("\\s+")));
        CoDel codel = null;
        try {
            // "... codel [TARGET/INTERVAL]": CoDel on the link, with the RFC's 5ms/100ms if no times are given.
            int c = tokens.indexOf(CODEL);
            if (c >= 0) {
                if (c == 0) {
                    throw new IllegalArgumentException("needs a capacity and a policy before codel, like \"1000 block codel 50ms/500ms\"");
                }
                if (c + 2 < tokens.size()) {
                    throw new IllegalArgumentException("codel comes last, like \"16 block codel 5ms/100ms\"");
                }
                codel = c + 1 < tokens.size() ? CoDel.parse(tokens.get(c + 1)) : CoDel.DEFAULT;
                tokens = tokens.subList(0, c);
            }
            if (!tokens.isEmpty() && tokens.get(0).equalsIgnoreCase(Demand.TOKEN)) {
                return demandLink(tokens, timeoutMs, codel);
            }
            if (tokens.size() == 1 && !tokens.get(0).isEmpty() && Character.isLetter(tokens.get(0).charAt(0))) {
                SendPolicy p = SendPolicy.parse(tokens.get(0), timeoutMs);
                if (p.bounded()) {
                    throw new IllegalArgumentException("needs a capacity, like \"16 " + p.cliName() + "\"");
                }
                return new Link(ExperimentConfig.DEFAULT.capacity(), p, codel);
            }
            if (tokens.isEmpty() || tokens.get(0).isEmpty() || tokens.size() > 3) {
                throw new IllegalArgumentException("is a capacity and a policy, like \"16 block\" or \"8 timeout 250ms\"");
            }
            int capacity = (int) Limits.CAPACITY.parseWhole(tokens.get(0));
            return new Link(capacity, policy(tokens.subList(1, tokens.size()), timeoutMs, "8 timeout 250ms"), codel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
