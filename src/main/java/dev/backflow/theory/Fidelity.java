package dev.backflow.theory;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures, frame by frame, the figures theory predicts, with confidence intervals by batch
 * means, per <b>epoch</b>: a run's start and every live change begin a new one, so a slider drag
 * gives a fresh comparison instead of a blend of the old settings and the new.
 *
 * <p>Each epoch is cut into batches of {@link #batchSeconds} (twice the service time, from 0.5 to
 * 1.5 s, so that an interval exists within ten seconds of any built-in preset); the first batch
 * is warm-up and discarded; each later batch gives one value of each figure (shown from the first
 * one on), and the interval is the batches' mean ± t(0.995, n−1) · s / √n, a 99 % interval that
 * is honest as long as batches are long enough to be nearly independent.
 *
 * <p>An exact model gets ✓ or ✗ against that interval. An approximate one gets
 * {@link Verdict#APPROXIMATE} (≈) while its miss is within {@link #APPROXIMATION_TOLERANCE} of
 * its prediction (the accuracy such approximations are known for), and ✗ only beyond it.
 *
 * <p>Little's law is checked over one window, the epoch after warm-up, from the links' own books:
 * L is the fill integral over the window divided by its length T; λ counts the items that were in
 * the buffer at the window's start or entered it during the window, per second; W is the time those
 * items spent in the buffer within the window, from their enqueue and dequeue stamps, per item.
 *
 * <p>Not thread-safe: one sampler thread (the window's pump, or the headless runner) owns it.
 */
public final class Fidelity {

    /** Batches needed (after warm-up) before an interval is given. */
    public static final int MIN_BATCHES = 5;
    /** The confidence of the intervals. */
    public static final double CONFIDENCE = 0.99;
    /**
     * How far an approximate model may miss, relative to its prediction, and still be read as
     * agreeing within its own accuracy (the two-moment approximations used here are good to
     * about 10-15 %); figures that are shares may also miss by 0.02 absolute.
     */
    public static final double APPROXIMATION_TOLERANCE = 0.15;

    /** The figures compared, in the order shown. */
    public enum Figure {
        UTILISATION("utilisation"), MEAN_FILL("meanFill"), FULL_PROBABILITY("fullProbability"),
        THROUGHPUT("throughputPerSecond"), QUEUE_WAIT("queueWaitMillis");

        /** The name in the JSON summary, measured and predicted alike. */
        public final String jsonName;

        Figure(String jsonName) {
            this.jsonName = jsonName;
        }

        Double predicted(Prediction p) {
            return switch (this) {
                case UTILISATION -> p.utilisation();
                case MEAN_FILL -> p.meanFill();
                case FULL_PROBABILITY -> p.fullProbability();
                case THROUGHPUT -> p.throughputPerSecond();
                case QUEUE_WAIT -> p.queueWaitMillis();
            };
        }
    }

    /** How a measured figure stands against its prediction. */
    public enum Verdict {
        /** Exact model: theory inside the measured interval (✓). */
        AGREES,
        /** Theory outside the interval (exact model), or beyond the approximation's accuracy (✗). */
        DISAGREES,
        /** Approximate model, within its stated accuracy (≈): neither confirmed nor refuted. */
        APPROXIMATE,
        /** Not enough batches for an interval yet. */
        COLLECTING,
        /** The model does not predict this figure. */
        NOT_PREDICTED
    }

    /**
     * One figure of the current epoch.
     *
     * @param predicted  theory's value, or null
     * @param measured   the mean over the epoch's batches (NaN before the first batch)
     * @param halfWidth  half the 99 % interval (NaN until {@link #MIN_BATCHES} batches)
     */
    public record Row(Figure figure, Double predicted, double measured, double halfWidth, Verdict verdict) {
    }

    /**
     * Little's law over the epoch: L = λW.
     *
     * @param meanFill  L, mean items in the buffer
     * @param lambda    λ, items accepted into the buffer per second
     * @param waitSeconds W, mean time an item spent in it
     * @param residual  (L − λW) / L; NaN when L is 0
     */
    public record Little(double meanFill, double lambda, double waitSeconds, double residual) {
    }

    /**
     * The comparison for the current epoch.
     *
     * @param epoch        1 for the run's start, then one more per live change
     * @param startSeconds when the epoch began, run time
     * @param batches      batches measured after warm-up
     * @param ended        true once the run has ended (no more batches will come)
     */
    public record Report(Prediction prediction, int epoch, double startSeconds, int batches, double batchSeconds,
                         List<Row> rows, Little little, boolean ended) {
    }

    /** t(0.995, df) by degrees of freedom: computed once each. */
    private static final java.util.Map<Integer, Double> T_QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<double[]> epochs = new ArrayList<>();
    private ExperimentConfig config;
    private Prediction prediction;
    private double batchSeconds = 1;
    private int epoch;
    private boolean ended;
    private long runId = -1;
    // The batch being filled.
    private Snapshot batchStart;
    private Snapshot last;
    private double fillArea;
    private boolean warm;
    // One list per figure: a value per finished batch.
    private final List<List<Double>> values = new ArrayList<>();
    // Little's law: the links' books where the window (the epoch after warm-up) begins, and now.
    private Counts littleFrom;
    private Counts littleTo;

    /** Begins a new epoch at {@code at} under {@code c}: a new run, or a live change. */
    public void startEpoch(ExperimentConfig c, Snapshot at) {
        if (last != null && !epochs.isEmpty()) {
            epochs.getLast()[1] = at.elapsedSeconds();
        }
        if (at.counts().runId() != runId) {
            epochs.clear();
            epoch = 0;
            runId = at.counts().runId();
        }
        config = c;
        ended = at.counts().outcome() != null;
        prediction = Theory.predict(c);
        double service = c.consumerDelayMs() / 1000;
        batchSeconds = Math.min(1.5, Math.max(0.5, 2 * service));
        epoch++;
        epochs.add(new double[] {at.elapsedSeconds(), Double.NaN});
        batchStart = at;
        last = at;
        fillArea = 0;
        warm = false;
        values.clear();
        for (int i = 0; i < Figure.values().length; i++) {
            values.add(new ArrayList<>());
        }
        littleFrom = null;
        littleTo = null;
    }

    /**
     * Adds a frame measured under {@code c}, the settings the run works under now: a new run, or
     * settings other than the epoch's while the run goes on (a live change, a scheduled change's
     * start or end), begin a new epoch.
     */
    public void follow(ExperimentConfig c, Snapshot s) {
        if (config != null && s.counts().runId() == runId && s.counts().outcome() == null && !c.equals(config)) {
            startEpoch(c, s);
        } else {
            add(c, s);
        }
    }

    /** Adds a frame to the current epoch; a new run begins a new epoch by itself. */
    public void add(ExperimentConfig c, Snapshot s) {
        if (s.counts().runId() == 0) {
            return;
        }
        if (config == null || s.counts().runId() != runId) {
            startEpoch(c, s);
            return;
        }
        ended = s.counts().outcome() != null;
        double dt = (s.counts().atNanos() - last.counts().atNanos()) / 1e9;
        if (dt <= 0) {
            return;
        }
        fillArea += last.counts().fill() * dt;
        last = s;
        if (littleFrom != null) {
            littleTo = s.counts();
        }
        double span = (s.counts().atNanos() - batchStart.counts().atNanos()) / 1e9;
        if (span >= batchSeconds) {
            closeBatch(span);
        }
    }

    private void closeBatch(double span) {
        Counts a = batchStart.counts();
        Counts b = last.counts();
        if (warm) {
            double offered = b.offered() - a.offered();
            double consumers = Math.max(1, b.consumers());
            double idle = (b.consumerParkedNanos() - a.consumerParkedNanos()) / 1e9;
            double waitSum = waitSum(last) - waitSum(batchStart);
            double waits = last.queueWait().count() - batchStart.queueWait().count();
            // An item whose service has started is no longer waiting, though its taker's thread
            // may not have woken to take it out yet: the buffer's mean fill less those wake-ups
            // (their total over the batch, divided by its length) is the number theory counts.
            double waking = (sum(last.wakeLatency()) - sum(batchStart.wakeLatency())) / 1000;
            double integral = b.fillItemSeconds() - a.fillItemSeconds();
            double fill = Math.max(0, ((Double.isFinite(integral) ? integral : fillArea) - waking) / span);
            put(Figure.UTILISATION, 1 - idle / (consumers * span));
            put(Figure.MEAN_FILL, fill);
            put(Figure.FULL_PROBABILITY, offered > 0 ? full(a, b) / offered : Double.NaN);
            put(Figure.THROUGHPUT, (b.consumed() - a.consumed()) / span);
            put(Figure.QUEUE_WAIT, waits > 0 ? waitSum / waits : Double.NaN);
        }
        if (!warm) {
            littleFrom = b; // the window for Little's law starts after warm-up
        }
        warm = true; // the epoch's first batch is its warm-up
        batchStart = last;
        fillArea = 0;
    }

    private static double waitSum(Snapshot s) {
        return sum(s.queueWait());
    }

    /** The total, in ms, of the durations a distribution summarises. */
    private static double sum(Snapshot.WaitPercentiles p) {
        return p.mean() * p.count();
    }

    /** Sends that found the buffer full, in the sense the prediction uses for this policy. */
    private double full(Counts a, Counts b) {
        SendPolicy policy = config.policy();
        return policy.fullSends(b) - policy.fullSends(a);
    }

    private void put(Figure f, double v) {
        if (Double.isFinite(v)) {
            values.get(f.ordinal()).add(v);
        }
    }

    /** The current epoch's comparison, or null before any run. */
    public Report report() {
        if (config == null) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        int batches = values.isEmpty() ? 0 : values.get(Figure.THROUGHPUT.ordinal()).size();
        for (Figure f : Figure.values()) {
            List<Double> v = values.get(f.ordinal());
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double half = v.size() >= MIN_BATCHES ? halfWidth(v, mean) : Double.NaN;
            Double predicted = f.predicted(prediction);
            boolean share = f == Figure.UTILISATION || f == Figure.FULL_PROBABILITY;
            rows.add(new Row(f, predicted, mean, half, verdict(predicted, mean, half, v.size(), prediction.exact(), share)));
        }
        Little little = little(littleFrom, littleTo);
        return new Report(prediction, epoch, epochs.getLast()[0], batches, batchSeconds, rows, little, ended);
    }

    /**
     * Little's law over the window from {@code a} to {@code b}, summed over the links: L from the
     * fill integral, λ and W from the items' own stamps (see the class comment). NaN figures
     * before the window has any length or where a link keeps no books.
     */
    static Little little(Counts a, Counts b) {
        double nan = Double.NaN;
        if (a == null || b == null || b.atNanos() <= a.atNanos() || a.links().size() != b.links().size()) {
            return new Little(nan, nan, nan, nan);
        }
        double t = (b.atNanos() - a.atNanos()) / 1e9;
        double area = 0;
        double items = 0;
        double presence = 0;
        for (int i = 0; i < b.links().size(); i++) {
            dev.backflow.telemetry.LinkCounts from = a.links().get(i);
            dev.backflow.telemetry.LinkCounts to = b.links().get(i);
            area += to.fillItemSeconds() - from.fillItemSeconds();
            items += from.fill() + (to.entered() - from.entered());
            presence += to.presenceSeconds() - from.presenceSeconds();
        }
        if (!Double.isFinite(area) || !Double.isFinite(presence) || items <= 0) {
            return new Little(nan, nan, nan, nan);
        }
        double l = area / t;
        double lambda = items / t;
        double w = presence / items;
        return new Little(l, lambda, w, l > 0 ? (l - lambda * w) / l : nan);
    }

    /** Every epoch of the run so far as {start, end} in run seconds (end NaN for the current one). */
    public List<double[]> epochs() {
        return epochs.stream().map(double[]::clone).toList();
    }

    static Verdict verdict(Double predicted, double measured, double halfWidth, int n) {
        return verdict(predicted, measured, halfWidth, n, true, false);
    }

    /**
     * @param exact whether the model is exact for these settings
     * @param share whether the figure is a share of 0 to 1 (it may miss by 0.02 absolute too)
     */
    static Verdict verdict(Double predicted, double measured, double halfWidth, int n, boolean exact, boolean share) {
        if (predicted == null) {
            return Verdict.NOT_PREDICTED;
        }
        if (n < MIN_BATCHES || !Double.isFinite(halfWidth)) {
            return Verdict.COLLECTING;
        }
        // An interval of zero width (a figure that did not vary at all) still allows for rounding.
        double allowed = Math.max(halfWidth, Math.max(1e-9, 0.005 * Math.abs(predicted)));
        double miss = Math.abs(measured - predicted);
        if (exact) {
            return miss <= allowed ? Verdict.AGREES : Verdict.DISAGREES;
        }
        double accuracy = Math.max(APPROXIMATION_TOLERANCE * Math.abs(predicted), share ? 0.02 : 0);
        return miss <= Math.max(allowed, accuracy) ? Verdict.APPROXIMATE : Verdict.DISAGREES;
    }

    /** Half the {@link #CONFIDENCE} interval of the mean of {@code v}. */
    static double halfWidth(List<Double> v, double mean) {
        int n = v.size();
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return T_QUANTILES.computeIfAbsent(n - 1, df -> new TDistribution(null, df)
                .inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2)) * sd / Math.sqrt(n);
    }
}
