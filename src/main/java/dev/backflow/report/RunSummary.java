package dev.backflow.report;

import dev.backflow.units.Units;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.PresetCodec;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Snapshot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable result of a headless run. Field names are a stable format, documented
 * in docs/cli.md: add fields, never rename or remove them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(Map<String, Object> config, String outcome, String reason, double elapsedSeconds,
                         long offered, long consumed, long rejected, long dropped, long timedOut, long queuedAtEnd,
                         long inServiceAtEnd, long abandoned, long lostOnClose, long producerParks,
                         double producerParkedSeconds, double consumerIdleSeconds, double meanFill, int maxFill,
                         double throughputPerSecond, Map<String, Double> queueWaitMillis, long eventsLost,
                         long memoryBytesAtEnd, double workersStartMillis, List<ProducerParks> perProducer,
                         List<LinkSummary> links, List<StageSummary> stages, Double utilisation,
                         Double fullProbability, Map<String, Double> serviceMillis, Map<String, Double> wakeLatencyMillis,
                         Double arrivalsPerSecond, Double meanSojournMillis, Map<String, Object> theory,
                         @com.fasterxml.jackson.annotation.JsonUnwrapped CallerSummary callers) {

    public RunSummary {
        // Read back from a file (a saved run), an open-loop run's summary has none of the callers'
        // fields, and Jackson still makes an empty part of them: it is none.
        if (callers != null && callers.attemptsPerRequest() == null) {
            callers = null;
        }
    }


    /** A summary without the theory comparison (filled in by {@link #withTheory}). */
    public RunSummary(Map<String, Object> config, String outcome, String reason, double elapsedSeconds,
                      long offered, long consumed, long rejected, long dropped, long timedOut, long queuedAtEnd,
                      long inServiceAtEnd, long abandoned, long lostOnClose, long producerParks,
                      double producerParkedSeconds, double consumerIdleSeconds, double meanFill, int maxFill,
                      double throughputPerSecond, Map<String, Double> queueWaitMillis, long eventsLost,
                      long memoryBytesAtEnd, double workersStartMillis, List<ProducerParks> perProducer,
                      List<LinkSummary> links, List<StageSummary> stages) {
        this(config, outcome, reason, elapsedSeconds, offered, consumed, rejected, dropped, timedOut, queuedAtEnd,
                inServiceAtEnd, abandoned, lostOnClose, producerParks, producerParkedSeconds, consumerIdleSeconds, meanFill,
                maxFill, throughputPerSecond, queueWaitMillis, eventsLost, memoryBytesAtEnd, workersStartMillis, perProducer,
                links, stages, null, null, null, null, null, null, null, null);
    }

    /** This summary with the callers' figures (closed-loop runs; null leaves them out). */
    public RunSummary withCallers(CallerSummary k) {
        return new RunSummary(config, outcome, reason, elapsedSeconds, offered, consumed, rejected, dropped, timedOut,
                queuedAtEnd, inServiceAtEnd, abandoned, lostOnClose, producerParks, producerParkedSeconds, consumerIdleSeconds,
                meanFill, maxFill, throughputPerSecond, queueWaitMillis, eventsLost, memoryBytesAtEnd, workersStartMillis,
                perProducer, links, stages, utilisation, fullProbability, serviceMillis, wakeLatencyMillis, arrivalsPerSecond,
                meanSojournMillis, theory, k);
    }

    /**
     * This summary with the figures theory predicts and the measured ones beside them: the
     * consumers' utilisation, the share of sends that found the buffer full, service times and
     * wake-up latency, and the {@code theory} block (docs/cli.md).
     */
    public RunSummary withTheory(ExperimentConfig c, Snapshot s, dev.backflow.theory.Fidelity.Report report) {
        Counts n = s.counts();
        double elapsed = s.elapsedSeconds();
        Double busy = elapsed > 0 ? round(clamp01(1 - n.consumerParkedNanos() / 1e9 / (elapsed * Math.max(1, n.consumers()))))
                : null;
        double full = c.policy().fullSends(n);
        Double fullShare = n.offered() > 0 ? round(full / n.offered()) : null;
        Map<String, Double> service = new LinkedHashMap<>();
        service.put("mean", round(s.service().mean()));
        service.put("p50", round(s.service().p50()));
        service.put("p99", round(s.service().p99()));
        Map<String, Double> wake = new LinkedHashMap<>();
        wake.put("mean", round(s.wakeLatency().mean()));
        wake.put("p50", round(s.wakeLatency().p50()));
        wake.put("p99", round(s.wakeLatency().p99()));
        // Little's law on the buffers as a whole: meanFill = arrivalsPerSecond × meanSojournMillis / 1000,
        // with every item that entered a link counted once per link, its time there measured from
        // its own stamps (the fill integral uses the same ones), those still queued at the end to the end.
        double entered = 0;
        double sojourn = 0;
        long sojourns = 0;
        for (dev.backflow.telemetry.LinkCounts l : n.links()) {
            entered += l.entered();
            sojourn += l.sojournSeconds();
            sojourns += l.sojourns();
        }
        Double arrivals = elapsed > 0 ? round(entered / elapsed) : null;
        Double meanSojourn = sojourns > 0 && Double.isFinite(sojourn) ? round(sojourn / sojourns * 1000) : null;
        return new RunSummary(config, outcome, reason, elapsedSeconds, offered, consumed, rejected, dropped, timedOut,
                queuedAtEnd, inServiceAtEnd, abandoned, lostOnClose, producerParks, producerParkedSeconds, consumerIdleSeconds,
                meanFill, maxFill, throughputPerSecond, queueWaitMillis, eventsLost, memoryBytesAtEnd, workersStartMillis,
                perProducer, links, stages, busy, fullShare, service, wake, arrivals, meanSojourn, theory(report), callers);
    }

    /** The {@code theory} block: the model, its predictions, and the last epoch's measurements beside them. */
    public static Map<String, Object> theory(dev.backflow.theory.Fidelity.Report r) {
        if (r == null) {
            return null;
        }
        dev.backflow.theory.Prediction p = r.prediction();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", p.model());
        m.put("exact", p.exact());
        m.put("note", p.note());
        m.put("utilisation", roundOrNull(p.utilisation()));
        m.put("meanFill", roundOrNull(p.meanFill()));
        m.put("fullProbability", p.fullProbability() == null ? null : Math.round(p.fullProbability() * 1e6) / 1e6);
        m.put("throughputPerSecond", roundOrNull(p.throughputPerSecond()));
        if (p.queueWaitMillis() != null) {
            m.put("queueWaitMillis", Map.of("mean", round(p.queueWaitMillis())));
        }
        if (p.secondsToBudget() != null) {
            m.put("secondsToBudget", round(p.secondsToBudget()));
        }
        m.values().removeIf(java.util.Objects::isNull);
        Map<String, Object> measured = new LinkedHashMap<>();
        for (dev.backflow.theory.Fidelity.Row row : r.rows()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("mean", Double.isFinite(row.measured()) ? Math.round(row.measured() * 1e6) / 1e6 : null);
            f.put("halfWidth99", Double.isFinite(row.halfWidth()) ? Math.round(row.halfWidth() * 1e6) / 1e6 : null);
            f.put("verdict", row.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            f.values().removeIf(java.util.Objects::isNull);
            measured.put(row.figure().jsonName, f);
        }
        m.put("measured", measured);
        m.put("batches", r.batches());
        m.put("batchSeconds", round(r.batchSeconds()));
        dev.backflow.theory.Fidelity.Little l = r.little();
        if (Double.isFinite(l.residual())) {
            Map<String, Object> little = new LinkedHashMap<>();
            little.put("meanFill", round(l.meanFill()));
            little.put("lambdaPerSecond", round(l.lambda()));
            little.put("waitMillis", round(l.waitSeconds() * 1000));
            little.put("residual", Math.round(l.residual() * 1e5) / 1e5);
            m.put("littlesLaw", little);
        }
        return m;
    }

    private static Double roundOrNull(Double v) {
        return v == null ? null : round(v);
    }

    /**
     * One link of the run (the classic run has one), for {@code "links"} in JSON.
     *
     * @param name            the stages on either side, as in {@code source -> parse}
     * @param capacity        the bound, or null when unbounded
     * @param policy          what a sender does when it is full
     * @param offered         sends into the link
     * @param taken           items the next stage took out
     * @param rejected        refused at once
     * @param dropped         discarded (drop-newest, drop-oldest)
     * @param timedOut        gave up after the deadline
     * @param queuedAtEnd     items in the link at the end
     * @param meanFill        time-weighted mean fill
     * @param maxFill         peak fill
     * @param parks           times a sender parked on the full link
     * @param parkedSeconds   total sender parked time
     * @param queueWaitMillis {mean, p50, p90, p99, max} of the time items spent in this link
     * @param arrivalsPerSecond items that entered the link per second (λ)
     * @param meanSojournMillis mean time an item spent in the link, entering to leaving (taken,
     *                        evicted or discarded) or to the end (W): meanFill = λ × W
     */
    public record LinkSummary(String name, Integer capacity, String policy, long offered, long taken, long rejected,
                              long dropped, long timedOut, long queuedAtEnd, double meanFill, int maxFill, long parks,
                              double parkedSeconds, Map<String, Double> queueWaitMillis, Double arrivalsPerSecond,
                              Double meanSojournMillis, Map<String, Double> sojournMillis, Long codelDrops,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String demand,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> demandOutstanding,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long requested) {

        public static LinkSummary of(String name, dev.backflow.engine.SendPolicy policy, dev.backflow.telemetry.LinkCounts l,
                              double meanFill, org.HdrHistogram.Histogram waits, double elapsedSeconds) {
            return of(name, policy, l, meanFill, waits, elapsedSeconds, false, null);
        }

        /**
         * @param codel  whether the link runs CoDel ({@code codelDrops} is written only then)
         * @param demand the link's demand, or null for a plain buffer (the demand figures are written only then)
         */
        public static LinkSummary of(String name, dev.backflow.engine.SendPolicy policy, dev.backflow.telemetry.LinkCounts l,
                              double meanFill, org.HdrHistogram.Histogram waits, double elapsedSeconds, boolean codel,
                              dev.backflow.engine.Demand demand) {
            Map<String, Double> wait = new LinkedHashMap<>();
            boolean any = waits.getTotalCount() > 0;
            wait.put("mean", any ? round(waits.getMean() / 1e6) : 0);
            wait.put("p50", any ? round(waits.getValueAtPercentile(50) / 1e6) : 0);
            wait.put("p90", any ? round(waits.getValueAtPercentile(90) / 1e6) : 0);
            wait.put("p99", any ? round(waits.getValueAtPercentile(99) / 1e6) : 0);
            wait.put("max", any ? round(waits.getMaxValue() / 1e6) : 0);
            return new LinkSummary(name, l.unbounded() ? null : l.capacity(), policy.cliName(), l.offered(), l.taken(),
                    l.rejected(), l.dropped(), l.timedOut(), l.fill(), round(meanFill), l.maxFill(), l.parks(),
                    round(l.parkedNanos() / 1e9), wait, elapsedSeconds > 0 ? round(l.entered() / elapsedSeconds) : null,
                    Double.isFinite(l.meanSojournSeconds()) ? round(l.meanSojournSeconds() * 1000) : null,
                    sojourn(wait), codel ? l.shed() : null, demand == null || !l.hasDemand() ? null : demand.format(l.capacity()),
                    demand == null || !l.hasDemand() ? null : outstanding(l, elapsedSeconds),
                    demand == null || !l.hasDemand() ? null : l.requested());
        }

        /** The outstanding demand over the run: its time-weighted mean and its lowest. */
        private static Map<String, Double> outstanding(dev.backflow.telemetry.LinkCounts l, double elapsedSeconds) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("mean", Double.isFinite(l.demandItemSeconds()) && elapsedSeconds > 0
                    ? round(l.demandItemSeconds() / elapsedSeconds) : (double) l.demand());
            m.put("min", (double) l.demandMin());
            return m;
        }

        /** Enqueue to dequeue of every item taken (served or shed by CoDel): mean, p50, p99. */
        private static Map<String, Double> sojourn(Map<String, Double> wait) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("mean", wait.get("mean"));
            m.put("p50", wait.get("p50"));
            m.put("p99", wait.get("p99"));
            return m;
        }
    }

    /**
     * One stage of the run, for {@code "stages"} in JSON: what its workers did with their time.
     * The three ratios sum to 1.
     *
     * @param name               the stage's name ({@code source} and {@code sink} at the ends)
     * @param workers            worker threads
     * @param processed          items it finished (the source: sends; the sink: items consumed)
     * @param busyRatio          share of worker time spent working on an item
     * @param idleRatio          share spent waiting for input (the source: for its next arrival)
     * @param backpressuredRatio share spent parked on a full output link
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageSummary(String name, int workers, long processed, double busyRatio, double idleRatio,
                               double backpressuredRatio, Map<String, Double> limit, Map<String, Double> inflight,
                               Long refusedByLimit) {

        /** A stage without an adaptive limit. */
        public StageSummary(String name, int workers, long processed, double busyRatio, double idleRatio,
                            double backpressuredRatio) {
            this(name, workers, processed, busyRatio, idleRatio, backpressuredRatio, null, null, null);
        }

        /** This stage with its adaptive limit's figures over the run. */
        StageSummary withLimit(Map<String, Double> limit, Map<String, Double> inflight, long refused) {
            return new StageSummary(name, workers, processed, busyRatio, idleRatio, backpressuredRatio, limit, inflight, refused);
        }
    }

    /** Each stage's share of busy, idle and backpressured time over the run. */
    public static List<StageSummary> stages(Snapshot s) {
        double elapsedNanos = s.elapsedSeconds() * 1e9;
        List<StageSummary> out = new java.util.ArrayList<>();
        for (dev.backflow.telemetry.StageCounts st : s.counts().stages()) {
            double total = st.workerNanos() > 0 ? st.workerNanos() : elapsedNanos * Math.max(1, st.workers());
            double backpressured = total > 0 ? clamp01(st.backpressuredNanos() / total) : 0;
            // The source waits for its next arrival, not for input: that wait is its idle time.
            double idle = st.idleNanos() < 0 ? 1 - backpressured : total > 0 ? clamp01(st.idleNanos() / total) : 0;
            if (idle + backpressured > 1) {
                idle = 1 - backpressured;
            }
            double b = round(backpressured);
            double i = round(idle);
            out.add(new StageSummary(st.name(), st.workers(), st.processed(), round(1 - b - i), i, b));
        }
        return out;
    }

    private static double clamp01(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }

    /** Most producers listed one by one in {@link #perProducer}. */
    public static final int MAX_LISTED_PRODUCERS = 100;

    /**
     * One producer's parks.
     *
     * @param producer      1-based number
     * @param parks         times it parked
     * @param parkedSeconds total time parked
     */
    public record ProducerParks(int producer, long parks, double parkedSeconds) {
    }

    /** Builds the summary from the final snapshot of a run. */
    public static RunSummary of(ExperimentConfig c, Snapshot s, RunOutcome outcome, String reason, Engine.ProducerStats[] producers,
                         double workersStartMillis, List<LinkSummary> links, List<StageSummary> stages) {
        Counts n = s.counts();
        Map<String, Double> wait = new LinkedHashMap<>();
        wait.put("mean", round(s.queueWait().mean()));
        wait.put("p50", round(s.queueWait().p50()));
        wait.put("p90", round(s.queueWait().p90()));
        wait.put("p99", round(s.queueWait().p99()));
        wait.put("max", round(s.queueWait().max()));
        List<ProducerParks> per = producers.length > MAX_LISTED_PRODUCERS ? null : Arrays.stream(producers)
                .map(p -> new ProducerParks(p.producer(), p.parks(), round(p.parkedNanos() / 1e9))).toList();
        double elapsed = s.elapsedSeconds();
        return new RunSummary(configMap(c), outcome.jsonName(), reason, round(elapsed), n.offered(), n.consumed(),
                n.rejected(), n.dropped(), n.timedOut(), n.fill(), n.inService(), n.abandoned(), n.lostOnClose(),
                n.producerParks(), round(n.producerParkedNanos() / 1e9), round(n.consumerParkedNanos() / 1e9),
                round(s.meanFill()), s.maxFill(), round(elapsed > 0 ? n.consumed() / elapsed : 0), wait,
                n.eventsLost(), n.memoryBytes(), round(workersStartMillis), per, links, stages);
    }

    /** The config as it appears under {@code config} in JSON: the same names as a preset's settings. */
    public static Map<String, Object> configMap(ExperimentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>(PresetCodec.settings(c));
        if (!c.hops().isEmpty()) {
            m.put("pipeline", dev.backflow.engine.PipelineSpec.format(c));
        }
        return m;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }

    /** The summary as a person reads it. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        Map<String, Object> c = config;
        b.append(String.format(Locale.ROOT, "Backflow run: policy %s, capacity %s, %s producer(s) at %s items/s total, "
                        + "%s consumer(s) at %s ms per item%n", c.get("policy"), fmt(c.get("capacity")), fmt(c.get("producers")),
                fmt(c.get("producerRate")), fmt(c.get("consumers")), fmt(c.get("consumerDelayMs"))));
        b.append(String.format(Locale.ROOT, "Outcome: %s after %.2f s (%s)%n", outcome, elapsedSeconds, reason));
        b.append(String.format(Locale.ROOT, "Offered %,d · consumed %,d · rejected %,d · dropped %,d · timed out %,d · queued at end %,d%n",
                offered, consumed, rejected, dropped, timedOut, queuedAtEnd));
        b.append(String.format(Locale.ROOT, "Producer parks %,d, parked %.2f s in total · consumers idle %.2f s%n",
                producerParks, producerParkedSeconds, consumerIdleSeconds));
        b.append(String.format(Locale.ROOT, "Fill: mean %.2f, max %,d · throughput %.2f items/s%n", meanFill, maxFill, throughputPerSecond));
        b.append(String.format(Locale.ROOT, "Queue wait: p50 %.2f ms · p90 %.2f ms · p99 %.2f ms · max %.2f ms%n",
                queueWaitMillis.get("p50"), queueWaitMillis.get("p90"), queueWaitMillis.get("p99"), queueWaitMillis.get("max")));
        if (memoryBytesAtEnd > 0 || "unbounded".equals(c.get("policy"))) {
            b.append(String.format(Locale.ROOT, "Memory queued at end: %,d bytes (budget %s)%n", memoryBytesAtEnd, fmt(c.get("memoryBudgetBytes"))));
        }
        b.append(String.format(Locale.ROOT, "Workers: %s %s threads, all started in %.1f ms%n",
                fmt(stages == null ? (Integer) c.get("producers") + (Integer) c.get("consumers")
                        : stages.stream().mapToInt(StageSummary::workers).sum()), c.get("threads"), workersStartMillis));
        if (links != null && links.size() > 1) {
            b.append(String.format(Locale.ROOT, "Pipeline: %s%n", c.get("pipeline")));
            for (LinkSummary l : links) {
                b.append(String.format(Locale.ROOT, "  link %-22s fill mean %6.2f max %,d of %s · parks %,d · wait p99 %.2f ms%n",
                        l.name(), l.meanFill(), l.maxFill(), l.capacity() == null ? "unbounded" : fmt(l.capacity()), l.parks(),
                        l.queueWaitMillis().get("p99")));
            }
            for (StageSummary st : stages) {
                b.append(String.format(Locale.ROOT, "  stage %-12s busy %5.1f %% · idle %5.1f %% · backpressured %5.1f %% · %,d items%n",
                        st.name(), st.busyRatio() * 100, st.idleRatio() * 100, st.backpressuredRatio() * 100, st.processed()));
            }
        }
        if (links != null) {
            for (LinkSummary l : links) {
                if (l.demandOutstanding() != null) {
                    b.append(String.format(Locale.ROOT, "Demand on %s (%s): outstanding mean %.1f · min %.0f · requested %,d%n",
                            l.name(), l.demand(), l.demandOutstanding().get("mean"), l.demandOutstanding().get("min"), l.requested()));
                }
                if (l.codelDrops() != null) {
                    b.append(String.format(Locale.ROOT, "CoDel on %s: shed %,d · sojourn p50 %.2f ms · p99 %.2f ms%n", l.name(),
                            l.codelDrops(), l.sojournMillis().get("p50"), l.sojournMillis().get("p99")));
                }
            }
        }
        if (stages != null) {
            for (StageSummary st : stages) {
                if (st.limit() != null) {
                    b.append(String.format(Locale.ROOT, "Limit on %s: %.0f..%.0f (mean %.2f) · in flight mean %.2f, ideal %.0f · refused %,d%n",
                            st.name(), st.limit().get("min"), st.limit().get("max"), st.limit().get("mean"),
                            st.inflight().get("mean"), st.inflight().get("ideal"), st.refusedByLimit()));
                }
            }
        }
        if (callers != null) {
            b.append(callers.toText());
        }
        if (theory != null) {
            b.append(theoryText(theory));
        }
        b.append(String.format(Locale.ROOT, "Telemetry events lost: %,d%n", eventsLost));
        return b.toString();
    }

    /** One or two lines: the model, its predictions, and how many measured figures agree. */
    @SuppressWarnings("unchecked")
    private static String theoryText(Map<String, Object> t) {
        StringBuilder line = new StringBuilder("Theory: ").append(t.get("model"))
                .append(Boolean.TRUE.equals(t.get("exact")) ? " (exact)" : "");
        List<String> figures = new java.util.ArrayList<>();
        if (t.get("throughputPerSecond") instanceof Number n) {
            figures.add(String.format(Locale.ROOT, "throughput %.2f/s", n.doubleValue()));
        }
        if (t.get("meanFill") instanceof Number n) {
            figures.add(String.format(Locale.ROOT, "mean fill %.2f", n.doubleValue()));
        }
        if (t.get("fullProbability") instanceof Number n) {
            figures.add(String.format(Locale.ROOT, "full %.2f %%", n.doubleValue() * 100));
        }
        if (t.get("queueWaitMillis") instanceof Map<?, ?> w && w.get("mean") instanceof Number n) {
            figures.add(String.format(Locale.ROOT, "queue wait %.2f ms", n.doubleValue()));
        }
        if (!figures.isEmpty()) {
            line.append(" · predicted ").append(String.join(", ", figures));
        }
        if (t.get("measured") instanceof Map<?, ?> measured) {
            long agree = measured.values().stream().filter(v -> v instanceof Map<?, ?> m && "agrees".equals(m.get("verdict"))).count();
            long near = measured.values().stream().filter(v -> v instanceof Map<?, ?> m && "approximate".equals(m.get("verdict"))).count();
            long judged = measured.values().stream().filter(v -> v instanceof Map<?, ?> m
                    && ("agrees".equals(m.get("verdict")) || "disagrees".equals(m.get("verdict"))
                    || "approximate".equals(m.get("verdict")))).count();
            line.append(judged == 0 ? " · too short a run for intervals"
                    : near == 0 ? String.format(Locale.ROOT, " · measured within the 99 %% interval: %d of %d", agree, judged)
                    : String.format(Locale.ROOT, " · measured within the 99 %% interval: %d, within the approximation's accuracy: %d, of %d",
                            agree, near, judged));
        }
        line.append(String.format("%n"));
        if (t.get("secondsToBudget") instanceof Number n) {
            line.append(String.format(Locale.ROOT, "  no steady state: the buffer would reach the memory budget %.1f s after starting empty%n",
                    n.doubleValue()));
        }
        return line.toString();
    }

    private static String fmt(Object o) {
        return o instanceof Number n ? dev.backflow.units.Units.number(n.doubleValue()) : String.valueOf(o);
    }
}
