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
            linkWaits = new Histogram[n];
            for (int l = 0; l < n; l++) {
                linkWaits[l] = new Histogram(3);
            }
        }
        for (int l = 0; l < n; l++) {
            engine.drainLinkQueueWait(l, linkWaits[l]);
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
                RunSummary.stages(last)).withTheory(c, last, theory)
                .withCallers(CallerSummary.of(last, secondly, secondlyAt));
    }

    /** Each link's figures over the whole run, named after the stages on either side. */
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
                    links.get(l), meanFill, linkWaits[l], last.elapsedSeconds(), l < c.links() && c.codelOf(l) != null));
        }
        return out;
    }
}
