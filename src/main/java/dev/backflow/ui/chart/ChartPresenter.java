package dev.backflow.ui.chart;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The live charts: panels on one time axis (seconds since the run started), rolling over a
 * fixed window. Each panel is a {@link ChartPanel}, top to bottom:
 * <ol>
 *   <li>{@link BufferPanel}: fill as an area, capacity as a dashed line.</li>
 *   <li>{@link ParkedLane}: the mean number of producers parked in each frame, as an area, so a
 *       person sees when and for how long producers waited; a tick marks every unpark.</li>
 *   <li>{@link WavePanel}, for a pipeline: one band per stage (source on top), as tall as the
 *       share of its time spent backpressured, so the wave is seen climbing upstream after the
 *       last stage slows.</li>
 *   <li>{@link ThroughputPanel}: produced/s and consumed/s.</li>
 * </ol>
 * This class keeps what they share: the link shown, the thinning of frames to about one point
 * per pixel column, theory's figures, the run's history, the epoch shades and the hover readout.
 *
 * <p>Threading: {@link #append} is called by the telemetry pump thread, never the FX thread:
 * chartfx data sets are written off the FX thread and the chart coalesces one redraw per pulse
 * (see docs/decisions/0002). {@link #showWindow} is FX thread only. Data sets are fixed-size
 * ring buffers, so the chart never grows however long a run lasts.
 */
public final class ChartPresenter {

    /** Seconds of history kept per series; the visible window is at most this long. */
    public static final double HISTORY_SECONDS = 120;

    private final BufferPanel buffer;
    private final ParkedLane lane;
    private final WavePanel wave;
    private final ThroughputPanel rates;
    /** Every panel, top to bottom: a new panel is one more entry. */
    private final List<ChartPanel> panels;
    private boolean historyShown;
    private volatile Double predictedFill;   // pump writes and reads
    private volatile Double predictedRate;
    /** Shaded epochs (every second one), per chart, by epoch number. FX thread only. */
    private final java.util.Map<Integer, io.fair_acc.chartfx.plugins.XRangeIndicator[]> epochShades = new java.util.HashMap<>();
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
    private volatile double windowSeconds = 30;

    /**
     * Most panels drawn again in one frame while the run goes on. chartfx draws a chart again
     * whenever its data or its time axis change; the pump (about a dozen frames a second under
     * heavy load) gives every panel a point at once, and a window rolling with the run moves
     * every time axis each frame, so every chart used to be drawn in the same frame: that frame
     * cost several times the median. What the pump makes for a panel (a new run, a point, the
     * frame's ticks) now waits, in order, for the panel's turn on the FX thread, which alone
     * writes the panels' data; and a rolling window moves the panels in turns, by whole pixel
     * columns.
     */
    static final int PANELS_PER_FRAME = 2;
    /** How far a rolling panel may fall behind the newest time while it waits for its turn, s. */
    static final double ROLL_LAG_SECONDS = 0.25;
    /**
     * Per panel, what the pump made for it, in order, waiting for its turn (pump adds, FX runs).
     * Bounded: should the window stop drawing (no pulses), the pump drops points rather than
     * keep them all; a new run or link empties a full queue first, as it starts afresh anyway.
     */
    private final List<java.util.concurrent.BlockingQueue<Runnable>> waiting;
    /** Most things waiting for one panel's turn: far more than a frame ever leaves. */
    static final int MAX_WAITING = 4_096;
    /** Set by the pump at a new run or link: the next frame gives every panel its turn (read and cleared on FX). */
    private volatile boolean everyPanelNext;
    /** The panel whose turn comes next (FX thread only). */
    private int nextTurn;
    /** The panels whose turn this frame is, drained after the frame's drawing (FX thread only). */
    private final java.util.BitSet due = new java.util.BitSet();
    /**
     * Runs what waits for the panels whose turn it is. A post-layout pulse listener, after the
     * charts have drawn: chartfx holds its data sets' read locks from its pre-layout work to its
     * post-layout drawing, and a write from the FX thread in between would wait for itself.
     */
    private final Runnable takeTurns = this::takeTurns;

    private void takeTurns() {
        for (int k = due.nextSetBit(0); k >= 0; k = due.nextSetBit(k + 1)) {
            for (Runnable r; (r = waiting.get(k).poll()) != null; ) {
                r.run();
            }
        }
        written.clear();
        written.or(due);
        due.clear();
    }

    /**
     * The panels whose turn the last frame was: their data were written after its drawing, so
     * they are drawn in this frame, and a rolling one's time axis moves now (FX thread only).
     */
    private final java.util.BitSet written = new java.util.BitSet();

    /**
     * Whether charts are drawn in the frame now beginning (some panel's data were written after
     * the last frame). The window's texts give such a frame to the charts: a frame that draws
     * charts and also changes a part's texts costs both. FX thread; valid before {@link #showWindow}.
     */
    public boolean drawsThisFrame() {
        return !written.isEmpty();
    }
    /** The extra room the other panels' legends take for the buffer panel's right-hand axis, px (FX thread only). */
    private double legendRoom;
    /** The run time of the pump's latest frame, s (pump writes, FX reads). */
    private volatile double latestT = Double.NaN;
    /** {@link #latestT} as the last frame saw it, and when it changed (FX thread only). */
    private double latestTSeen = Double.NaN;
    private long latestTSeenAt;
    /** Whether the run shown has ended (pump writes, FX reads): then every panel shows all it has. */
    private volatile boolean runEnded;
    /** How long no new time must come before the run counts as standing still (paused), ns. */
    static final long STILL_NANOS = 500_000_000L;

    /** @param framesPerSecond how often {@link #append} will be called */
    public ChartPresenter(int framesPerSecond) {
        int points = (int) (HISTORY_SECONDS * framesPerSecond);
        buffer = new BufferPanel(points);
        lane = new ParkedLane(points);
        wave = new WavePanel(points);
        rates = new ThroughputPanel(points);
        // The pressure wave sits between the parked lane and the throughput panel, on the same
        // time axis: each stage a band, as tall as its share of time backpressured.
        panels = List.of(buffer, lane, wave, rates);
        waiting = panels.stream().<java.util.concurrent.BlockingQueue<Runnable>>map(
                p -> new java.util.concurrent.LinkedBlockingQueue<>(MAX_WAITING)).toList();
        view = new VBox();
        panels.forEach(p -> view.getChildren().add(p.chart()));
        view.getStyleClass().add("bf-charts");
        view.sceneProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(takeTurns);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(takeTurns);
            }
        });
        showWindow(0, 30, 1, 5);
    }

    /** The earliest run time the live series still hold (their rings keep {@link #HISTORY_SECONDS}). Any thread. */
    public double oldestLive() {
        return buffer.oldest();
    }

    /**
     * Draws the run's history (rows {t, fill, produced/s, consumed/s, parked}, from
     * {@code RunHistory.series}) where the live series no longer reach; null clears it. FX thread.
     */
    public void showHistory(double[][] rows) {
        if (rows == null || rows.length == 0) {
            if (historyShown) {
                panels.forEach(p -> p.showHistory(new double[0], new double[0][]));
                historyShown = false;
            }
            return;
        }
        double[] t = BufferPanel.column(rows, 0);
        panels.forEach(p -> p.showHistory(t, rows));
        historyShown = true;
    }

    /** Points of the run's history drawn now. For tests. */
    public int historyPoints() {
        return buffer.historyPoints();
    }

    /** The run time under a point of the scene, read off the shared time axis. FX thread. */
    public double timeAt(double sceneX) {
        DefaultNumericAxis time = buffer.timeAxis();
        javafx.geometry.Point2D p = time.sceneToLocal(sceneX, 0);
        return time.getValueForDisplay(p.getX());
    }

    /** Where time {@code t} is, as an x in the scene. FX thread. */
    public double sceneXAt(double t) {
        DefaultNumericAxis time = buffer.timeAxis();
        return time.localToScene(time.getDisplayPosition(t), 0).getX();
    }

    /** Where time {@code t} is on each shown panel, as an x in the scene, top to bottom. For tests; FX thread. */
    public java.util.List<Double> shownSceneXsAt(double t) {
        return panels.stream().filter(p -> p.chart().isVisible())
                .map(p -> p.timeAxis().localToScene(p.timeAxis().getDisplayPosition(t), 0).getX()).toList();
    }

    /** The range the time axis shows now, {from, to}. FX thread. */
    public double[] shown() {
        return new double[] {buffer.timeAxis().getMin(), buffer.timeAxis().getMax()};
    }

    /**
     * Every series' value at run time {@code t} (the last point at or before it), as one line
     * for the hover readout; "" before the first point. FX thread (reads under each set's lock).
     */
    public String readout(double t) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "t = %.2f s", t));
        boolean any = false;
        for (ChartPanel p : panels) {
            any |= p.readout(b, t);
        }
        return any ? b.toString() : "";
    }

    static boolean value(StringBuilder b, String name, CircularDoubleErrorDataSet ds, double t, String format) {
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
                var top = new io.fair_acc.chartfx.plugins.XRangeIndicator(buffer.timeAxis(), e[0], to, "epoch " + (k + 1));
                var bottom = new io.fair_acc.chartfx.plugins.XRangeIndicator(rates.timeAxis(), e[0], to, "");
                for (var ind : new io.fair_acc.chartfx.plugins.XRangeIndicator[] {top, bottom}) {
                    ind.setEditable(false);
                    ind.setLabelVerticalPosition(0.08);
                }
                buffer.chart().getPlugins().add(top);
                rates.chart().getPlugins().add(bottom);
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
            buffer.chart().getPlugins().remove(en.getValue()[0]);
            rates.chart().getPlugins().remove(en.getValue()[1]);
            return true;
        });
    }

    /** The scheduled changes drawn now, and their bands on the buffer and throughput panels. FX thread only. */
    private java.util.List<dev.backflow.engine.Change> changesShown = java.util.List.of();
    private final java.util.List<io.fair_acc.chartfx.plugins.XRangeIndicator> changeBands = new java.util.ArrayList<>();

    /**
     * Marks each scheduled change of the run on the time axis, for its whole length, with what it
     * sets ("consumer-delay=20ms"), so the hiccup and what follows it are read together. FX thread.
     */
    public void showChanges(java.util.List<dev.backflow.engine.Change> changes) {
        if (changes.equals(changesShown)) {
            return;
        }
        changesShown = java.util.List.copyOf(changes);
        for (var band : changeBands) {
            buffer.chart().getPlugins().remove(band);
            rates.chart().getPlugins().remove(band);
        }
        changeBands.clear();
        for (dev.backflow.engine.Change ch : changes) {
            String what = ch.format();
            var top = new io.fair_acc.chartfx.plugins.XRangeIndicator(buffer.timeAxis(), ch.atSeconds(),
                    ch.atSeconds() + ch.forSeconds(), what.substring(what.indexOf(' ') + 1));
            var bottom = new io.fair_acc.chartfx.plugins.XRangeIndicator(rates.timeAxis(), ch.atSeconds(),
                    ch.atSeconds() + ch.forSeconds(), "");
            for (var ind : java.util.List.of(top, bottom)) {
                ind.setEditable(false);
                ind.setLabelVerticalPosition(0.3);
            }
            buffer.chart().getPlugins().add(top);
            rates.chart().getPlugins().add(bottom);
            changeBands.add(top);
            changeBands.add(bottom);
        }
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

    /** The run time of each panel's newest point, top to bottom (NaN for none). For tests; FX thread. */
    public java.util.List<Double> newestTimes() {
        return panels.stream().map(ChartPanel::newestTime).toList();
    }

    /** Where each shown panel's time axis ends now, s, top to bottom (hidden panels left out). For tests; FX thread. */
    public java.util.List<Double> shownAxisEnds() {
        return panels.stream().filter(p -> p.chart().isVisible()).map(p -> p.timeAxis().getMax()).toList();
    }

    /** The throughput panel's value axis labels that are drawn now, bottom up. For tests; FX thread. */
    public java.util.List<String> rateAxisLabels() {
        return rates.valueAxis().getTickMarks().stream().filter(t -> t.isVisible()).map(t -> t.getText()).toList();
    }

    /** Points the live buffer series holds now. For tests. */
    public int bufferPoints() {
        return buffer.points();
    }

    /** The pressure wave's row names as drawn on its plot, source first. For tests; FX thread. */
    public java.util.List<WaveRow> waveRows() {
        return wave.rowLabels();
    }

    /** The pressure wave's plot height, px. For tests; FX thread. */
    public double wavePlotHeight() {
        return wave.chart().getCanvas().getHeight();
    }

    /** The pressure wave's row names, source first (empty for a single link). For tests. */
    public java.util.List<String> waveNames() {
        return wave.names();
    }

    /** Names the time axes (slow motion says its scale there). FX thread. */
    public void setTimeAxisName(String name) {
        for (ChartPanel p : panels) {
            p.timeAxis().setName(name);
        }
    }

    /** The name the time axes carry now. FX thread. */
    public String timeAxisName() {
        return rates.timeAxis().getName();
    }

    /** Queues a new start for a panel: after what waits, or instead of it if the queue is full. Pump thread. */
    private static void afresh(java.util.concurrent.BlockingQueue<Runnable> queue, Runnable start) {
        if (!queue.offer(start)) {
            queue.clear(); // what waited belongs to what the start replaces
            queue.offer(start);
        }
    }

    /** Appends one frame. Pump thread only. */
    public void append(Sampler.Frame frame) {
        Snapshot s = frame.snapshot();
        Counts c = s.counts();
        if (frame.newRun()) {
            runStartNanos = c.startNanos();
            for (int k = 0; k < panels.size(); k++) {
                ChartPanel panel = panels.get(k);
                afresh(waiting.get(k), () -> panel.newRun(c));
            }
            everyPanelNext = true;
        }
        if (c.runId() == 0) {
            return;
        }
        int link = detailLink < c.links().size() ? detailLink : 0;
        if (link != shownLink || frame.newRun()) {
            if (link != shownLink) {
                // Another link's history is not this one's: its panels start afresh.
                for (int k = 0; k < panels.size(); k++) {
                    afresh(waiting.get(k), panels.get(k)::newLink);
                }
                everyPanelNext = true;
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
        latestT = t;
        runEnded = c.outcome() != null;
        LinkCounts detail = c.links().isEmpty() ? null : c.links().get(link);
        int fillInFrame = detail == null ? c.fill() : detail.fill();
        double parkedNow = frame.parkedInFrame();
        if (detail != null) {
            // Senders parked on the shown link (any link, the first too), on average over the frame.
            parkedNow = Sampler.meanParked(linkParkedNanos, detail.parkedNanos(), c.atNanos() - linkParkedAt);
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
        if (point) {
            lastPointT = t;
            ChartPanel.Point p = new ChartPanel.Point(s, c, t, link, detail, fillSince, parkedSum / parkedFrames,
                    predictedFill, predictedRate, windowSeconds, frame.producedNow(), frame.consumedNow());
            fillSince = fillInFrame;
            parkedSum = 0;
            parkedFrames = 0;
            for (int k = 0; k < panels.size(); k++) {
                ChartPanel panel = panels.get(k);
                waiting.get(k).offer(() -> panel.point(p)); // in the panel's turn (see PANELS_PER_FRAME)
            }
        }
        for (int k = 0; k < panels.size(); k++) {
            Runnable inTurn = panels.get(k).everyFrame(frame, c, link, runStartNanos);
            if (inTurn != null) {
                waiting.get(k).offer(inTurn);
            }
        }
    }

    /**
     * Shows {@code [from, to]} seconds on the shared time axis, scales the parked lane to the
     * number of producers and the buffer panel to {@code bufferTop} items. FX thread only.
     */
    public void showWindow(double from, double to, int producers, int bufferTop) {
        ChartPanel.Window w = new ChartPanel.Window(from, to, producers, bufferTop);
        double span = to - from;
        double column = secondsPerPixel;
        // Time standing still (the run ended, paused, or not begun): every panel shows all its
        // points and the exact window at once. The pump's frames come less often than the
        // screen's under load, so time counts as standing still only when the run has ended or
        // no new time came for a while.
        double t = latestT;
        long now = System.nanoTime();
        if (t != latestTSeen) {
            latestTSeen = t;
            latestTSeenAt = now;
        }
        boolean standsStill = Double.isNaN(t) || runEnded || everyPanelNext || now - latestTSeenAt > STILL_NANOS;
        everyPanelNext = false;
        // A panel's turn has two halves: after the frame it is chosen in, what waits for it is
        // written (takeTurns, after the drawing); in the next frame its time axis follows, so
        // its new points and its move are drawn together, once.
        java.util.BitSet drawing = (java.util.BitSet) written.clone();
        written.clear();
        due.clear();
        int n = panels.size();
        int turnsTaken = 0;
        int first = nextTurn;
        for (int i = 0; i < n; i++) {
            int k = (first + i) % n;
            ChartPanel p = panels.get(k);
            DefaultNumericAxis axis = p.timeAxis();
            boolean shown = p.chart().isVisible();
            double lag = to - axis.getMax();
            boolean rolls = !standsStill && column > 0 && Math.abs(axis.getMax() - axis.getMin() - span) < 1e-9 * span
                    && lag > 0 && lag < Math.max(4 * column, ROLL_LAG_SECONDS);
            boolean wanted;
            if (rolls) {
                // Rolling with the run: by whole pixel columns, in the panel's turn.
                double max = Math.max(axis.getMax(), Math.floor(to / column) * column);
                if (shown && drawing.get(k) && max != axis.getMax()) { // a hidden chart moved is drawn too
                    axis.set(max - span, max);
                }
                wanted = !waiting.get(k).isEmpty() || Math.floor(to / column) * column > axis.getMax();
            } else {
                // Anything else (a window that stays, a zoom, a pan, a new run, the run's end)
                // shows the window exactly, now.
                if (shown && (axis.getMin() != from || axis.getMax() != to)) {
                    axis.set(from, to);
                }
                wanted = !waiting.get(k).isEmpty();
            }
            if (!shown || standsStill) {
                // A hidden panel takes its points (to have them when shown) but no one's turn;
                // when time stands still every panel shows all it has.
                due.set(k);
            } else if (wanted && !drawing.get(k) && turnsTaken < PANELS_PER_FRAME) {
                due.set(k);
                turnsTaken++;
                nextTurn = (k + 1) % n;
            }
            p.showWindow(w);
        }
        // The buffer panel's right-hand axis (memory, for an unbounded link) narrows its plot: the
        // other panels keep as much room on their right, so one time sits at one x on every panel.
        // Their legends widen by as much on the left, so every legend still starts at one x.
        // Restyled only when that room changes (the memory axis shown, hidden or resized).
        double right = Math.ceil(buffer.rightAxisWidth());
        if (right != legendRoom) {
            legendRoom = right;
            String legendStyle = right == 0 ? "" : String.format(java.util.Locale.ROOT,
                    "-fx-padding: 0 0 0 %.0f; -fx-min-width: %.0f; -fx-pref-width: %.0f;",
                    Charts.LEGEND_PADDING + right, Charts.LEGEND_WIDTH + right, Charts.LEGEND_WIDTH + right);
            for (ChartPanel p : panels) {
                if (p != buffer) {
                    p.chart().getLegend().getNode().setStyle(legendStyle);
                }
            }
        }
        windowSeconds = span;
        // The plot is the view's width less the value axis and the margins.
        secondsPerPixel = windowSeconds / Math.max(200, view.getWidth() - 90);
    }
}
