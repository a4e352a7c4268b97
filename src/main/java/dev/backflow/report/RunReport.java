package dev.backflow.report;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.theory.Fidelity;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects what a run's summary needs beyond its last snapshot (each link's queue waits, drained
 * from the engine frame by frame) and builds the {@link RunSummary}: the same one for the
 * command line and for the window's File → Export summary. One thread adds frames; any thread
 * may ask for the summary (both lock).
 */
public final class RunReport {

    private final Engine engine;
    private long runId = -1;
    private Histogram[] linkWaits = new Histogram[0];
    /** Per link feeding a limited stage: the limit's min, max and sum, in flight's max and sum, frames. */
    private double[][] limits = new double[0][];
    /** The callers' books at each whole second, and when they were read (closed-loop runs). */
    private final List<dev.backflow.telemetry.CallerCounts> secondly = new ArrayList<>();
    private final List<Double> secondlyAt = new ArrayList<>();

    public RunReport(Engine engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    /** Takes the waits recorded since the previous frame; a new run starts afresh. */
    public synchronized void add(Snapshot s) {
        if (s.counts().runId() == 0) {
            return;
        }
        int n = s.counts().links().size();
        if (s.counts().runId() != runId || linkWaits.length != n) {
            runId = s.counts().runId();
            secondly.clear();
            secondlyAt.clear();
            limits = new double[n][];
            linkWaits = new Histogram[n];
            for (int l = 0; l < n; l++) {
                linkWaits[l] = new Histogram(3);
            }
        }
        for (int l = 0; l < n; l++) {
            engine.drainLinkQueueWait(l, linkWaits[l]);
        }
        for (int l = 0; l < n && l < limits.length; l++) {
            LinkCounts lc = s.counts().links().get(l);
            if (lc.hasLimit()) {
                double[] m = limits[l] == null ? (limits[l] = new double[] {Double.MAX_VALUE, 0, 0, 0, 0, 0}) : limits[l];
                m[0] = Math.min(m[0], lc.limit());
                m[1] = Math.max(m[1], lc.limit());
                m[2] += lc.limit();
                m[3] = Math.max(m[3], lc.inflight());
                m[4] += lc.inflight();
                m[5]++;
            }
        }
        dev.backflow.telemetry.CallerCounts calls = s.counts().calls();
        if (calls != null) {
            if (secondly.isEmpty()) {
                secondly.add(new dev.backflow.telemetry.CallerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, 0));
                secondlyAt.add(0.0);
            }
            double t = s.elapsedSeconds();
            if (Math.floor(t) > Math.floor(secondlyAt.getLast()) || s.counts().outcome() != null && t > secondlyAt.getLast()) {
                secondly.add(calls);
                secondlyAt.add(t);
            }
        }
    }

    /** The summary of the run as of {@code last}, with theory beside it. */
    public synchronized RunSummary summary(ExperimentConfig c, Snapshot last, RunOutcome outcome, String reason,
                                           Fidelity.Report theory) {
        return RunSummary.of(c, last, outcome, reason, engine.perProducer(), engine.workerStartMillis(), links(c, last),
                stagesWithLimits(c, last)).withTheory(c, last, theory)
                .withCallers(CallerSummary.of(last, secondly, secondlyAt));
    }

    /** Each link's figures over the whole run, named after the stages on either side. */
    /** Each stage, a limited one with its limit's figures (the link before it holds them). */
    private List<RunSummary.StageSummary> stagesWithLimits(ExperimentConfig c, Snapshot last) {
        List<RunSummary.StageSummary> stages = new ArrayList<>(RunSummary.stages(last));
        List<LinkCounts> links = last.counts().links();
        for (int l = 0; l < links.size() && l < limits.length && l + 1 < stages.size(); l++) {
            double[] m = limits[l];
            if (m == null || m[5] == 0) {
                continue;
            }
            java.util.Map<String, Double> limit = new java.util.LinkedHashMap<>();
            limit.put("min", m[0]);
            limit.put("mean", Math.round(m[2] / m[5] * 100) / 100.0);
            limit.put("max", m[1]);
            java.util.Map<String, Double> inflight = new java.util.LinkedHashMap<>();
            inflight.put("mean", Math.round(m[4] / m[5] * 100) / 100.0);
            inflight.put("max", m[3]);
            int stage = l + 1;
            int workers = stage <= c.hops().size() ? c.hops().get(stage - 1).workers() : c.consumers();
            inflight.put("ideal", (double) workers);
            stages.set(stage, stages.get(stage).withLimit(limit, inflight, links.get(l).limited()));
        }
        return stages;
    }

    private List<RunSummary.LinkSummary> links(ExperimentConfig c, Snapshot last) {
        List<String> names = last.counts().stageNames();
        List<RunSummary.LinkSummary> out = new ArrayList<>();
        List<LinkCounts> links = last.counts().links();
        for (int l = 0; l < links.size() && l < linkWaits.length && l + 1 < names.size(); l++) {
            double integral = links.get(l).fillItemSeconds();
            double meanFill = Double.isFinite(integral) && last.elapsedSeconds() > 0 ? integral / last.elapsedSeconds()
                    : links.get(l).fill();
            out.add(RunSummary.LinkSummary.of(names.get(l) + " -> " + names.get(l + 1),
                    l < c.links() ? c.policyOf(l) : c.policy(),
                    links.get(l), meanFill, linkWaits[l], last.elapsedSeconds(), l < c.links() && c.codelOf(l) != null,
                    l < c.links() ? c.demandOf(l) : null));
        }
        return out;
    }
}
