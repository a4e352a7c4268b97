package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.TelemetryEvent;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The live chart: three panels on one time axis (seconds since the run started), rolling over
 * a fixed window.
 * <ol>
 *   <li>Buffer: fill as an area, capacity as a dashed line.</li>
 *   <li>Producers parked: the mean number of producers parked in each frame, as an area, so a
 *       person sees when and for how long producers waited; a tick marks every unpark.</li>
 *   <li>For a pipeline, the pressure wave: one band per stage (source on top), as tall as the
 *       share of its time spent backpressured over the last second, so the wave is seen
 *       climbing upstream after the last stage slows.</li>
 *   <li>Throughput: produced/s and consumed/s.</li>
 * </ol>
 *
 * <p>Threading: {@link #append} is called by the telemetry pump thread, never the FX thread:
 * chartfx data sets are written off the FX thread and the chart coalesces one redraw per pulse
 * (see docs/decisions/0002). {@link #showWindow} is FX thread only. Data sets are fixed-size
 * ring buffers, so the chart never grows however long a run lasts.
 */
public final class ChartPresenter {

    /** Seconds of history kept per series; the visible window is at most this long. */
    public static final double HISTORY_SECONDS = 120;
    /** Most unpark ticks drawn per frame; beyond this they merge visually anyway. */
    static final int MAX_MARKS_PER_FRAME = 64;

    private final int points;
    private final CircularDoubleErrorDataSet fill;
    private final CircularDoubleErrorDataSet capacity;
    private final CircularDoubleErrorDataSet parked;
    private final CircularDoubleErrorDataSet unparks;
    private final CircularDoubleErrorDataSet produced;
    private final CircularDoubleErrorDataSet consumed;
    private final CircularDoubleErrorDataSet rejected;
    private final CircularDoubleErrorDataSet dropped;
    private final CircularDoubleErrorDataSet timedOut;
    private final CircularDoubleErrorDataSet memory;
    private final CircularDoubleErrorDataSet budget;
    /** What theory predicts for the settings in force: mean fill and throughput, dashed. */
    /** The run's history, drawn where a person scrolled back past the live series' rings. FX thread. */
    private final io.fair_acc.dataset.spi.DoubleDataSet historyFill = step("in buffer (history)", "bf-fill");
    private final io.fair_acc.dataset.spi.DoubleDataSet historyParked = step("parked (history)", "bf-parked");
    private final io.fair_acc.dataset.spi.DoubleDataSet historyProduced = step("produced/s (history)", "bf-produced");
    private final io.fair_acc.dataset.spi.DoubleDataSet historyConsumed = step("consumed/s (history)", "bf-consumed");
    private boolean historyShown;

    /** Step lines: a point where the prediction changes (a new epoch) and one that follows now. */
    private final io.fair_acc.dataset.spi.DoubleDataSet theoryFill = step("theory", "bf-theory-fill");
    private final io.fair_acc.dataset.spi.DoubleDataSet theoryRate = step("theory", "bf-theory-rate");
    private volatile Double predictedFill;   // pump writes and reads
    private volatile Double predictedRate;
    private volatile boolean anyTheory;      // pump writes, FX reads
    private final XYChart bufferChart;
    private final XYChart rateChart;
    /** Shaded epochs (every second one), per chart, by epoch number. FX thread only. */
    private final java.util.Map<Integer, io.fair_acc.chartfx.plugins.XRangeIndicator[]> epochShades = new java.util.HashMap<>();
    private final DefaultNumericAxis memoryY = valueAxis("memory", "MiB");

    private final DefaultNumericAxis bufferTime = timeAxis(false);
    private final DefaultNumericAxis laneTime = timeAxis(false);
    private final DefaultNumericAxis rateTime = timeAxis(true);
    private final DefaultNumericAxis bufferY = valueAxis("in buffer", "items");
    private final DefaultNumericAxis laneY = valueAxis("parked", "producers");
    private final DefaultNumericAxis rateY = valueAxis("throughput", "items/s");
    private final DefaultNumericAxis waveTime = timeAxis(false);
    private final DefaultNumericAxis waveY = valueAxis("stage", "");
    /** One band per stage (source on top) whose height is the stage's backpressured share. */
    private final CircularDoubleErrorDataSet[] wave = new CircularDoubleErrorDataSet[dev.backflow.engine.ExperimentConfig.MAX_LINKS + 1];
    private final XYChart waveChart;
    /** Stage names of the current run, source first; pump writes, the axis' labels read. */
    private volatile String[] waveNames = new String[0];
    private final VBox view;

    private long runStartNanos;
    private double lastT;     // pump thread only
    /** When the last point of the series was added, and what the frames since then held (pump thread only). */
    private double lastPointT = Double.NEGATIVE_INFINITY;
    private double fillSince;
    private double parkedSum;
    private int parkedFrames;
    /**
     * How much time one pixel column of the plot spans, s: the series get about one point per
     * column (FX writes from the chart's width and window, the pump reads). More points than
     * columns cannot be seen, and each costs chartfx time on the FX thread every frame.
     */
    private volatile double secondsPerPixel;
    /** Which link the buffer panel and the parked lane show (0: next to the source); FX writes. */
    private volatile int detailLink;
    private int shownLink;        // pump thread only
    private long linkParkedNanos; // pump thread only: the shown link's parked time at the last frame
    private long linkParkedAt;    // pump thread only
    /** Highest throughput inside the visible window; written by the pump, read by the FX thread. */
    private volatile double rateTop = 1;
    private volatile double windowSeconds = 30;
    /** Highest fill inside the visible window (for unbounded runs); pump writes, FX reads. */
    private volatile double fillTop = 1;
    /** Whether the current run is unbounded; pump writes, FX reads. */
    private volatile boolean unbounded;
    /** Whether the run has refused items of each kind (their series join the legend); pump writes. */
    private volatile boolean anyRejected;
    private volatile boolean anyDropped;
    private volatile boolean anyTimedOut;

    /** @param framesPerSecond how often {@link #append} will be called */
    public ChartPresenter(int framesPerSecond) {
        points = (int) (HISTORY_SECONDS * framesPerSecond);
        fill = series("in buffer", "bf-fill", points);
        capacity = series("capacity", "bf-capacity", points);
        parked = series("parked", "bf-parked", points);
        unparks = series("let go", "bf-unpark", points);
        produced = series("produced/s", "bf-produced", points);
        consumed = series("consumed/s", "bf-consumed", points);
        rejected = series("rejected/s", "bf-rejected", points);
        dropped = series("dropped/s", "bf-dropped", points);
        timedOut = series("timed out/s", "bf-timedout", points);
        memory = series("memory", "bf-memory", points);
        budget = series("memory budget", "bf-budget", points);
        memoryY.setSide(Side.RIGHT);
        memoryY.setAutoRanging(true);
        memoryY.setVisible(false);
        ErrorDataSetRenderer memoryRenderer = renderer(LineStyle.NORMAL, false, memory, budget);
        memoryRenderer.getAxes().add(memoryY);

        laneY.setAutoRanging(false);
        laneY.set(0, 1.05);
        laneY.setTickUnit(1);

        XYChart buffer = chart(bufferTime, bufferY, "bf-chart-buffer", "Buffer: items waiting between producer and consumer",
                renderer(LineStyle.AREA, false, fill, historyFill), renderer(LineStyle.NORMAL, false, capacity, theoryFill),
                memoryRenderer);
        XYChart lane = chart(laneTime, laneY, "bf-chart-lane", "Producers parked on a full buffer (ticks: let go)",
                renderer(LineStyle.AREA, false, parked, historyParked), renderer(LineStyle.NONE, true, unparks));
        XYChart rates = chart(rateTime, rateY, "bf-chart-rates", "Throughput: produced and consumed per second (last 0.4 s)",
                renderer(LineStyle.NORMAL, false, produced, consumed, rejected, dropped, timedOut, theoryRate,
                        historyProduced, historyConsumed));
        bufferChart = buffer;
        rateChart = rates;
        for (int i = 0; i < wave.length; i++) {
            wave[i] = series("backpressured " + i, "bf-wave", points);
        }
        ErrorDataSetRenderer waveRenderer = renderer(LineStyle.NONE, false, wave);
        waveRenderer.setErrorStyle(ErrorStyle.ERRORSURFACE);
        waveY.setAutoRanging(false);
        waveY.setTickUnit(1);
        waveY.getMinorTickStyle().setVisible(false);
        waveY.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                String[] names = waveNames;
                double v = n.doubleValue();
                int row = (int) Math.rint(v);
                return Math.abs(v - row) < 1e-6 && row >= 0 && row < names.length ? names[names.length - 1 - row] : "";
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        waveChart = chart(waveTime, waveY, "bf-chart-wave", "Pressure wave: each stage's share of time backpressured",
                waveRenderer);
        waveChart.setLegendVisible(false);
        waveChart.setPrefHeight(120);
        waveChart.setMinHeight(90);
        waveChart.setMaxHeight(170);
        waveChart.setVisible(false);
        waveChart.setManaged(false);
        lane.setPrefHeight(110);
        lane.setMinHeight(90);
        lane.setMaxHeight(140);
        VBox.setVgrow(buffer, Priority.ALWAYS);
        VBox.setVgrow(rates, Priority.ALWAYS);
        // The pressure wave sits between the parked lane and the throughput panel, on the same
        // time axis: each stage a band, as tall as its share of time backpressured.
        view = new VBox(buffer, lane, waveChart, rates);
        view.getStyleClass().add("bf-charts");
        bufferY.setAutoRanging(false);
        rateY.setAutoRanging(false);
        showWindow(0, 30, 1, 5);
    }

    /** The earliest run time the live series still hold (their rings keep {@link #HISTORY_SECONDS}). Any thread. */
    public double oldestLive() {
        return fill.lock().readLockGuard(() -> fill.getDataCount() == 0 ? Double.MAX_VALUE : fill.get(0, 0));
    }

    /**
     * Draws the run's history (rows {t, fill, produced/s, consumed/s, parked}, from
     * {@code RunHistory.series}) where the live series no longer reach; null clears it. FX thread.
     */
    public void showHistory(double[][] rows) {
        if (rows == null || rows.length == 0) {
            if (historyShown) {
                for (io.fair_acc.dataset.spi.DoubleDataSet h : new io.fair_acc.dataset.spi.DoubleDataSet[] {historyFill,
                        historyParked, historyProduced, historyConsumed}) {
                    h.set(new double[0], new double[0]);
                }
                historyShown = false;
            }
            return;
        }
        double[] t = new double[rows.length];
        double[][] y = new double[4][rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = rows[i][0];
            y[0][i] = rows[i][1];
            y[1][i] = rows[i][4];
            y[2][i] = rows[i][2];
            y[3][i] = rows[i][3];
        }
        historyFill.set(t, y[0]);
        historyParked.set(t.clone(), y[1]);
        historyProduced.set(t.clone(), y[2]);
        historyConsumed.set(t.clone(), y[3]);
        historyShown = true;
    }

    /** Points of the run's history drawn now. For tests. */
    public int historyPoints() {
        return historyFill.getDataCount();
    }

    /** The run time under a point of the scene, read off the shared time axis. FX thread. */
    public double timeAt(double sceneX) {
        javafx.geometry.Point2D p = bufferTime.sceneToLocal(sceneX, 0);
        return bufferTime.getValueForDisplay(p.getX());
    }

    /** Where time {@code t} is, as an x in the scene. FX thread. */
    public double sceneXAt(double t) {
        return bufferTime.localToScene(bufferTime.getDisplayPosition(t), 0).getX();
    }

    /** The range the time axis shows now, {from, to}. FX thread. */
    public double[] shown() {
        return new double[] {bufferTime.getMin(), bufferTime.getMax()};
    }

    /**
     * Every series' value at run time {@code t} (the last point at or before it), as one line
     * for the hover readout; "" before the first point. FX thread (reads under each set's lock).
     */
    public String readout(double t) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "t = %.2f s", t));
        boolean any = false;
        any |= value(b, "fill", fill, t, "%.0f");
        if (unbounded) {
            value(b, "memory", memory, t, "%.1f MiB");
        } else {
            value(b, "capacity", capacity, t, "%.0f");
        }
        value(b, "parked", parked, t, "%.2f");
        value(b, "produced", produced, t, "%.1f/s");
        value(b, "consumed", consumed, t, "%.1f/s");
        if (anyRejected) {
            value(b, "rejected", rejected, t, "%.1f/s");
        }
        if (anyDropped) {
            value(b, "dropped", dropped, t, "%.1f/s");
        }
        if (anyTimedOut) {
            value(b, "timed out", timedOut, t, "%.1f/s");
        }
        return any ? b.toString() : "";
    }

    private static boolean value(StringBuilder b, String name, CircularDoubleErrorDataSet ds, double t, String format) {
        Double v = ds.lock().readLockGuard(() -> {
            int n = ds.getDataCount();
            if (n == 0 || ds.get(0, 0) > t) {
                return null;
            }
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) { // the last point at or before t
                int mid = (lo + hi + 1) >>> 1;
                if (ds.get(0, mid) <= t) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return ds.get(1, lo);
        });
        if (v == null) {
            return false;
        }
        b.append(" · ").append(name).append(' ').append(String.format(java.util.Locale.ROOT, format, v));
        return true;
    }

    /**
     * What theory predicts for the settings in force, drawn dashed from the next frame on (null:
     * nothing to draw). Pump thread, before {@link #append}.
     */
    public void setTheory(Double meanFill, Double throughput) {
        predictedFill = meanFill;
        predictedRate = throughput;
    }

    /**
     * Shades every second epoch of the run (a live change starts one) on the buffer and
     * throughput panels, so a comparison is read against the settings it belongs to. FX thread.
     *
     * @param epochs {start, end} in run seconds, end NaN for the current one
     * @param now    the run's time now: where the current epoch's shade ends
     */
    /** Narrowest epoch shade, px, that gets its "epoch N" label. */
    static final double MIN_EPOCH_LABEL_PX = 64;

    public void showEpochs(java.util.List<double[]> epochs, double now) {
        java.util.Set<Integer> keep = new java.util.HashSet<>();
        double end = now;
        for (int i = 1; i < epochs.size(); i += 2) { // epochs 2, 4, ...: the first stays plain
            double[] e = epochs.get(i);
            double to = Double.isNaN(e[1]) ? end : e[1];
            keep.add(i);
            io.fair_acc.chartfx.plugins.XRangeIndicator[] shade = epochShades.computeIfAbsent(i, k -> {
                var top = new io.fair_acc.chartfx.plugins.XRangeIndicator(bufferTime, e[0], to, "epoch " + (k + 1));
                var bottom = new io.fair_acc.chartfx.plugins.XRangeIndicator(rateTime, e[0], to, "");
                for (var ind : new io.fair_acc.chartfx.plugins.XRangeIndicator[] {top, bottom}) {
                    ind.setEditable(false);
                    ind.setLabelVerticalPosition(0.08);
                }
                bufferChart.getPlugins().add(top);
                rateChart.getPlugins().add(bottom);
                return new io.fair_acc.chartfx.plugins.XRangeIndicator[] {top, bottom};
            });
            for (var ind : shade) {
                if (ind.getUpperBound() != to) {
                    ind.setUpperBound(to);
                }
            }
            // A label only where its shade is wide enough to hold it, so labels never overlap.
            double px = secondsPerPixel > 0 ? (to - e[0]) / secondsPerPixel : Double.MAX_VALUE;
            String label = px >= MIN_EPOCH_LABEL_PX ? "epoch " + (i + 1) : "";
            if (!label.equals(shade[0].getText())) {
                shade[0].setText(label);
            }
        }
        epochShades.entrySet().removeIf(en -> {
            if (keep.contains(en.getKey())) {
                return false;
            }
            bufferChart.getPlugins().remove(en.getValue()[0]);
            rateChart.getPlugins().remove(en.getValue()[1]);
            return true;
        });
    }

    /**
     * Chooses the link the buffer panel and the parked lane show (0, the default, is the one next
     * to the source). FX thread; the panels start afresh from the next frame.
     */
    public void setDetailLink(int link) {
        detailLink = Math.max(0, link);
    }

    /** The link the detail panels show. */
    public int detailLink() {
        return detailLink;
    }

    /** The node to place in the window. */
    public VBox view() {
        return view;
    }

    /** Points the live buffer series holds now. For tests. */
    public int bufferPoints() {
        return fill.lock().readLockGuard(fill::getDataCount);
    }

    /** The pressure wave's row names, source first (empty for a single link). For tests. */
    public java.util.List<String> waveNames() {
        return java.util.List.of(waveNames);
    }

    /** Appends one frame. Pump thread only. */
    public void append(Sampler.Frame frame) {
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        if (frame.newRun()) {
            runStartNanos = c.startNanos();
            unbounded = c.unbounded();
            anyTheory = false;
            theoryFill.set(new double[0], new double[0]);
            theoryRate.set(new double[0], new double[0]);
            for (CircularDoubleErrorDataSet ds : new CircularDoubleErrorDataSet[] {fill, capacity, parked, unparks, produced,
                    consumed, rejected, dropped, timedOut, memory, budget}) {
                ds.reset();
            }
            for (CircularDoubleErrorDataSet ds : wave) {
                ds.reset();
            }
            waveNames = c.stages().size() > 2 ? c.stages().stream().map(dev.backflow.telemetry.StageCounts::name)
                    .toArray(String[]::new) : new String[0];
        }
        if (c.runId() == 0) {
            return;
        }
        int link = detailLink < c.links().size() ? detailLink : 0;
        if (link != shownLink || frame.newRun()) {
            if (link != shownLink) {
                // Another link's history is not this one's: its panels start afresh.
                for (CircularDoubleErrorDataSet ds : new CircularDoubleErrorDataSet[] {fill, capacity, parked, unparks}) {
                    ds.reset();
                }
            }
            shownLink = link;
            linkParkedNanos = c.links().isEmpty() ? 0 : c.links().get(link).parkedNanos();
            linkParkedAt = c.atNanos();
        }
        double t = s.elapsedSeconds();
        if (!frame.newRun() && t <= lastT) {
            return; // the run has ended: its time stands still, so the chart does too
        }
        lastT = t;
        dev.backflow.telemetry.LinkCounts detail = c.links().isEmpty() ? null : c.links().get(link);
        int fillInFrame = detail == null ? c.fill() : detail.fill();
        double parkedNow;
        if (link == 0) {
            parkedNow = frame.parkedInFrame();
        } else {
            // Senders parked on this link, on average over the frame, from its parked time.
            double dt = (c.atNanos() - linkParkedAt) / 1e9;
            parkedNow = dt > 0 ? Math.max(0, (detail.parkedNanos() - linkParkedNanos) / 1e9 / dt) : 0;
            linkParkedNanos = detail.parkedNanos();
            linkParkedAt = c.atNanos();
        }
        // About one point per pixel column: between points, the buffer's highest fill and the
        // mean number parked are kept, so a short spike still shows. A run's first and last
        // frames always get theirs.
        fillSince = frame.newRun() ? fillInFrame : Math.max(fillSince, fillInFrame);
        parkedSum = frame.newRun() ? parkedNow : parkedSum + parkedNow;
        parkedFrames = frame.newRun() ? 1 : parkedFrames + 1;
        boolean point = frame.newRun() || c.outcome() != null || t - lastPointT >= secondsPerPixel;
        if (!point) {
            marks(frame, c, link);
            return;
        }
        lastPointT = t;
        double fillShown = fillSince;
        double parkedShown = parkedSum / parkedFrames;
        fillSince = fillInFrame;
        parkedSum = 0;
        parkedFrames = 0;
        fill.add(t, fillShown, 0, 0);
        if (c.unbounded()) {
            memory.add(t, c.memoryBytes() / (double) (1L << 20), 0, 0);
            budget.add(t, c.memoryBudgetBytes() / (double) (1L << 20), 0, 0);
        } else {
            capacity.add(t, detail == null ? c.capacity() : detail.capacity(), 0, 0);
        }
        anyRejected = c.rejected() > 0;
        anyDropped = c.dropped() > 0;
        anyTimedOut = c.timedOut() > 0;
        // Refusal series appear once the run has refused something, so a blocking run shows none.
        if (anyRejected) {
            rejected.add(t, s.rejectedPerSecond(), 0, 0);
        }
        if (anyDropped) {
            dropped.add(t, s.droppedPerSecond(), 0, 0);
        }
        if (anyTimedOut) {
            timedOut.add(t, s.timedOutPerSecond(), 0, 0);
        }
        parked.add(t, parkedShown, 0, 0);
        java.util.List<dev.backflow.telemetry.StageShare> shares = s.stageShares();
        int rows = waveNames.length;
        for (int i = 0; i < wave.length; i++) {
            // Every band gets a point each frame (an empty chartfx data set is best avoided);
            // rows the run does not have stay flat, out of sight.
            double share = i < rows && i < shares.size() ? shares.get(i).backpressured() : 0;
            double half = 0.45 * share;
            double row = i < rows ? rows - 1 - i : -10;
            wave[i].add(t, row - 0.45 + half, half, half);
        }
        // Theory's prediction for the settings in force, a step at every live change (an epoch).
        Double fillNow = predictedFill;
        Double rateNow = predictedRate;
        if (link == 0 && c.links().size() == 1 && fillNow != null) {
            stepTo(theoryFill, t, fillNow);
            anyTheory = true;
        }
        if (rateNow != null) {
            stepTo(theoryRate, t, rateNow);
            anyTheory = true;
        }
        if (!s.warmingUp()) { // the first quarter second's rates are too jumpy to draw
            // The short window: a burst reads as a burst, a slider change shows within half a second.
            produced.add(t, frame.producedNow(), 0, 0);
            consumed.add(t, frame.consumedNow(), 0, 0);
        }
        rateTop = Math.max(Math.max(visibleMax(produced, t), visibleMax(consumed, t)),
                Math.max(visibleMax(rejected, t), Math.max(visibleMax(dropped, t), visibleMax(timedOut, t))));
        fillTop = visibleMax(fill, t);
        marks(frame, c, link);
    }

    /** A tick for each unpark on the detail link in this frame (at most {@link #MAX_MARKS_PER_FRAME}). Pump thread. */
    private void marks(Sampler.Frame frame, Counts c, int link) {
        int marks = 0;
        int senders = c.stages().size() > link ? c.stages().get(link).workers() : c.producers();
        for (TelemetryEvent e : frame.events()) {
            if (e instanceof TelemetryEvent.ProducerUnparked u && u.link() == link && marks < MAX_MARKS_PER_FRAME) {
                unparks.add((u.atNanos() - runStartNanos) / 1e9, Math.max(1, senders) * 1.0, 0, 0);
                marks++;
            }
        }
    }

    /**
     * Shows {@code [from, to]} seconds on the shared time axis, scales the parked lane to the
     * number of producers and the buffer panel to {@code bufferTop} items. FX thread only.
     */
    public void showWindow(double from, double to, int producers, int bufferTop) {
        int rows = waveNames.length;
        boolean showWave = rows > 2;
        if (waveChart.isVisible() != showWave) {
            waveChart.setVisible(showWave);
            waveChart.setManaged(showWave);
        }
        if (showWave && waveY.getMax() != rows - 0.5) {
            waveY.set(-0.5, rows - 0.5);
        }
        memoryY.setVisible(unbounded);
        double top = unbounded ? niceCeiling(Math.max(1, fillTop) * 1.15) : Math.max(1, bufferTop) * 1.15;
        legend(memory, unbounded);
        legend(budget, unbounded);
        legend(capacity, !unbounded);
        legend(rejected, anyRejected);
        legend(dropped, anyDropped);
        legend(timedOut, anyTimedOut);
        legend(theoryFill, anyTheory && !unbounded);
        for (io.fair_acc.dataset.spi.DoubleDataSet h : new io.fair_acc.dataset.spi.DoubleDataSet[] {historyFill, historyParked,
                historyProduced, historyConsumed}) {
            legend(h, false);
        }
        legend(theoryRate, anyTheory);
        if (bufferY.getMax() != top) {
            bufferY.set(0, top);
        }
        for (DefaultNumericAxis axis : new DefaultNumericAxis[] {bufferTime, laneTime, waveTime, rateTime}) {
            if (axis.getMin() != from || axis.getMax() != to) {
                axis.set(from, to);
            }
        }
        windowSeconds = to - from;
        // The plot is the view's width less the value axis (72 px) and the margins.
        secondsPerPixel = windowSeconds / Math.max(200, view.getWidth() - 90);
        double rateMax = niceCeiling(rateTop * 1.1);
        if (rateY.getMax() != rateMax) {
            rateY.set(0, rateMax);
        }
        double laneMax = Math.max(1, producers) * 1.05;
        if (laneY.getMax() != laneMax) {
            laneY.set(0, laneMax);
            laneY.setTickUnit(producers <= 4 ? 1 : Math.ceil(producers / 4.0));
        }
    }

    /** Tick labels without scientific notation: 0.25, 5, 1,500, 150k, 2.5M. */
    static final javafx.util.StringConverter<Number> COMPACT = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = n.doubleValue();
            double a = Math.abs(v);
            if (a >= 1e6) {
                return trim(v / 1e6) + "M";
            } else if (a >= 1e4) {
                return trim(v / 1e3) + "k";
            } else if (a >= 100 || v == Math.rint(v)) {
                return String.format(java.util.Locale.ROOT, "%,.0f", v);
            }
            return trim(v);
        }

        private String trim(double v) {
            String s = String.format(java.util.Locale.ROOT, "%.2f", v);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }

        @Override
        public Number fromString(String s) {
            throw new UnsupportedOperationException();
        }
    };

    /** Shows or hides a series' legend entry. FX thread only. */
    static void legend(io.fair_acc.dataset.spi.AbstractDataSet<?> ds, boolean show) {
        String style = show ? "" : "-fx-show-in-legend: false;";
        if (!style.equals(ds.getStyle() == null ? "" : ds.getStyle())) {
            ds.setStyle(style);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (and at least 1). */
    public static double niceCeiling(double v) {
        if (!(v > 1)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Largest y among the points of {@code ds} inside the visible window ending at {@code t}. */
    private double visibleMax(CircularDoubleErrorDataSet ds, double t) {
        return maxSince(ds, t - windowSeconds);
    }

    /** Largest y of {@code ds} at or after time {@code from} (0 if none). The thread that writes {@code ds}. */
    public static double maxSince(CircularDoubleErrorDataSet ds, double from) {
        double max = 0;
        for (int i = ds.getDataCount() - 1; i >= 0; i--) {
            if (ds.get(0, i) < from) {
                break;
            }
            max = Math.max(max, ds.get(1, i));
        }
        return max;
    }

    public static io.fair_acc.dataset.spi.DoubleDataSet step(String name, String styleClass) {
        io.fair_acc.dataset.spi.DoubleDataSet ds = new io.fair_acc.dataset.spi.DoubleDataSet(name);
        ds.addStyleClasses(styleClass);
        return ds;
    }

    /** Most points a step line keeps (two per epoch); older steps are dropped past it. */
    static final int MAX_STEP_POINTS = 2_000;

    /**
     * Extends a step line to {@code t} at {@code v}: the last point moves along while the value
     * stays, and a change adds a step. A dashed line of a few points costs nothing to draw, where
     * one point per frame (thousands) made every pulse redraw thousands of dashes.
     */
    static void stepTo(io.fair_acc.dataset.spi.DoubleDataSet ds, double t, double v) {
        int n = ds.getDataCount();
        if (n == 0) {
            ds.add(t, v);
            ds.add(t, v);
        } else if (ds.get(1, n - 1) == v) {
            ds.set(n - 1, t, v);
        } else {
            ds.set(n - 1, t, ds.get(1, n - 1));
            ds.add(t, v);
            ds.add(t, v);
            if (ds.getDataCount() > MAX_STEP_POINTS) {
                ds.remove(0, MAX_STEP_POINTS / 2);
            }
        }
    }

    public static CircularDoubleErrorDataSet series(String name, String styleClass, int points) {
        CircularDoubleErrorDataSet ds = new CircularDoubleErrorDataSet(name, points);
        ds.addStyleClasses(styleClass);
        return ds;
    }

    public static ErrorDataSetRenderer renderer(LineStyle style, boolean markers, io.fair_acc.dataset.DataSet... sets) {
        ErrorDataSetRenderer r = new SwatchRenderer(markers);
        r.setPolyLineStyle(style);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setDrawMarker(markers);
        r.setPointReduction(true);
        r.getDatasets().addAll(sets);
        return r;
    }

    /**
     * A renderer whose legend shows each series as what it is on the chart: a short thick line
     * in its colour (or a dot, for a series of marks), instead of chartfx's error-bar cross.
     */
    static final class SwatchRenderer extends ErrorDataSetRenderer {
        private final boolean marks;

        SwatchRenderer(boolean marks) {
            this.marks = marks;
        }

        @Override
        public boolean drawLegendSymbol(io.fair_acc.chartfx.ui.css.DataSetNode style, javafx.scene.canvas.Canvas canvas) {
            javafx.scene.canvas.GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            g.clearRect(0, 0, w, h);
            javafx.scene.paint.Paint colour = marks ? style.getMarkerColor() : style.getLineColor();
            if (colour instanceof javafx.scene.paint.Color c && c.getOpacity() < 0.6) {
                colour = c.deriveColor(0, 1, 1, 1 / Math.max(0.2, c.getOpacity())); // a translucent area's swatch, opaque
            }
            g.setStroke(colour);
            g.setFill(colour);
            if (marks) {
                g.fillRect(w / 2 - 1.5, 2, 3, h - 4); // a tick, as the marks are drawn
            } else {
                g.setLineWidth(Math.max(3, style.getLineWidth() + 2));
                g.strokeLine(1, h / 2, w - 1, h / 2);
            }
            return true;
        }
    }

    /** Names the time axes (slow motion says its scale there). FX thread. */
    public void setTimeAxisName(String name) {
        for (DefaultNumericAxis a : new DefaultNumericAxis[] {bufferTime, laneTime, rateTime, waveTime}) {
            a.setName(name);
        }
    }

    /** The name the time axes carry now. FX thread. */
    public String timeAxisName() {
        return rateTime.getName();
    }

    public static DefaultNumericAxis timeAxis(boolean showLabels) {
        DefaultNumericAxis a = new DefaultNumericAxis("time since start", "s");
        a.setSide(Side.BOTTOM);
        a.setAutoRanging(false);
        a.setAnimated(false);
        a.getTickLabelStyle().setVisible(showLabels);
        a.getAxisLabel().setVisible(showLabels);
        a.getMinorTickStyle().setVisible(false);
        return a;
    }

    public static DefaultNumericAxis valueAxis(String name, String unit) {
        DefaultNumericAxis a = new DefaultNumericAxis(name, unit.isEmpty() ? null : unit);
        a.setSide(Side.LEFT);
        a.setAnimated(false);
        a.setForceZeroInRange(true);
        a.setAutoRangeRounding(true);
        a.setTickLabelFormatter(COMPACT);
        // Room for the tick labels and the axis name beside them; the same on every panel, so
        // the three plot areas line up under one time axis.
        a.setPrefWidth(AXIS_WIDTH);
        a.setMinWidth(AXIS_WIDTH);
        a.getMinorTickStyle().setVisible(false); // minor ticks overprinted the tick labels
        return a;
    }

    /** Width of every value axis, px. */
    static final double AXIS_WIDTH = 84;

    public static XYChart chart(DefaultNumericAxis x, DefaultNumericAxis y, String styleClass, String title,
                         ErrorDataSetRenderer... renderers) {
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.getRenderers().setAll(renderers);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getStyleClass().add(styleClass);
        chart.getPlugins().clear();
        // No plugins, so no slide-in tool bar (it would otherwise appear as a grey tab on hover).
        chart.getMenuPane().setTop(null);
        chart.setMinHeight(120);
        return chart;
    }
}
