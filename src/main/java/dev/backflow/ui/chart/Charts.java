package dev.backflow.ui.chart;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;

/**
 * How every chart of the window is built: axes (aligned, named, with compact tick labels),
 * data sets, line renderers with swatch legends, and the step series of the lanes. Shared by the
 * live panels ({@link ChartPanel}) and the A/B window; no state.
 */
public final class Charts {

    private Charts() {
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

    /** Charts drawn so far (each chart's first renderer counts one per drawing). FX thread. */
    private static long drawn;

    /**
     * How many times any chart has been drawn so far: what a frame costs depends mostly on how
     * many charts it draws (WindowLoadBench reports it per pulse). FX thread.
     */
    public static long chartsDrawn() {
        return drawn;
    }

    /** Shows or hides a series' legend entry. FX thread only. */
    public static void legend(io.fair_acc.dataset.spi.AbstractDataSet<?> ds, boolean show) {
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

    /** The time of {@code ds}'s newest point, s (NaN if none). The thread that writes {@code ds}. */
    static double newest(CircularDoubleErrorDataSet ds) {
        int n = ds.getDataCount();
        return n == 0 ? Double.NaN : ds.get(0, n - 1);
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
        io.fair_acc.dataset.spi.DoubleDataSet ds = new Steps(name);
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

    /**
     * Whether a data set's limits in {@code dim} need computing: not while it is empty and they are
     * already undefined. chartfx recomputes every data set's limits whenever its chart is drawn,
     * and an empty set's limits are NaN, which chartfx compares with {@code ==}: NaN never equals
     * itself, so each empty series (the panels keep several for the kinds of run they are not
     * showing) told its chart it had changed, and every chart was laid out and drawn again on
     * every pulse, running or not.
     */
    static boolean limitsNeeded(io.fair_acc.dataset.DataSet ds, int dim) {
        return ds.getDataCount() > 0 || ds.getAxisDescription(dim).isDefined();
    }

    /** A ring of points for a live series; see {@link #limitsNeeded}. */
    static final class Ring extends CircularDoubleErrorDataSet {
        Ring(String name, int points) {
            super(name, points);
        }

        @Override
        public CircularDoubleErrorDataSet recomputeLimits(int dim) {
            return limitsNeeded(this, dim) ? super.recomputeLimits(dim) : this;
        }
    }

    /** A step line (theory, history); see {@link #limitsNeeded}. */
    static final class Steps extends io.fair_acc.dataset.spi.DoubleDataSet {
        Steps(String name) {
            super(name);
        }

        @Override
        public io.fair_acc.dataset.DataSet recomputeLimits(int dim) {
            return limitsNeeded(this, dim) ? super.recomputeLimits(dim) : this;
        }
    }

    public static CircularDoubleErrorDataSet series(String name, String styleClass, int points) {
        CircularDoubleErrorDataSet ds = new Ring(name, points);
        ds.addStyleClasses(styleClass);
        return ds;
    }

    public static ErrorDataSetRenderer renderer(LineStyle style, boolean markers, io.fair_acc.dataset.DataSet... sets) {
        // Marks alone (the parked lane's "let go" ticks) have a tick for a swatch; a line, marked or not, a line.
        ErrorDataSetRenderer r = new SwatchRenderer(markers && style == LineStyle.NONE);
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

        /** What a swatch canvas shows, kept in its properties to tell whether it needs drawing. */
        record Swatch(double width, double height, javafx.scene.paint.Paint colour, boolean marks, double lineWidth,
                      java.util.List<Double> dashes) { }
        /** Whether this renderer draws its chart's grid (the chart's first renderer does). */
        private boolean drawsGrid;
        /** Drawn over the series, if set: words on the plot (the wave's row names). */
        private java.util.function.BiConsumer<io.fair_acc.chartfx.XYChart, javafx.scene.canvas.GraphicsContext> overlay;

        /** Draws {@code over} on the plot after the series, each time the chart is drawn. */
        void overlay(java.util.function.BiConsumer<io.fair_acc.chartfx.XYChart, javafx.scene.canvas.GraphicsContext> over) {
            this.overlay = over;
        }

        SwatchRenderer(boolean marks) {
            this.marks = marks;
        }

        /**
         * Draws the grid, then the series. chartfx's own grid renderer draws each grid line
         * through an image pattern kept in a cache with weak keys: after every garbage collection
         * it builds the pattern again by taking a snapshot of a scene, which under load made
         * one pulse in a few dozen several milliseconds slower. Its lines are hidden
         * ({@link #chart}); these are drawn solid, in the colour and width the theme gives them.
         */
        @Override
        public void render() {
            if (drawsGrid) {
                drawn++;
                drawGrid(getChart());
            }
            super.render();
            if (overlay != null) {
                javafx.scene.canvas.GraphicsContext g = getChart().getCanvas().getGraphicsContext2D();
                g.save();
                overlay.accept(getChart(), g);
                g.restore();
            }
        }

        private static void drawGrid(io.fair_acc.chartfx.XYChart chart) {
            javafx.scene.canvas.Canvas canvas = chart.getCanvas();
            javafx.scene.canvas.GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            io.fair_acc.chartfx.renderer.spi.GridRenderer grid = chart.getGridRenderer();
            // Lines along the pixel grid, as filled one-pixel rectangles: in software rendering a
            // rectangle costs far less than a stroked line.
            g.save();
            g.setFill(grid.getVerticalMajorGrid().getStroke());
            for (io.fair_acc.chartfx.axes.spi.TickMark t : chart.getXAxis().getTickMarks()) {
                double x = Math.floor(chart.getXAxis().getDisplayPosition(t.getValue()));
                if (x >= 0 && x < w) {
                    g.fillRect(x, 0, 1, h);
                }
            }
            g.setFill(grid.getHorizontalMajorGrid().getStroke());
            for (io.fair_acc.chartfx.axes.spi.TickMark t : chart.getYAxis().getTickMarks()) {
                double y = Math.floor(chart.getYAxis().getDisplayPosition(t.getValue()));
                if (y >= 0 && y < h) {
                    g.fillRect(0, y, w, 1);
                }
            }
            g.restore();
        }

        /** What {@link #drawLegendSymbol} draws for {@code style} on {@code canvas}. */
        Swatch swatchOf(io.fair_acc.chartfx.ui.css.DataSetNode style, javafx.scene.canvas.Canvas canvas) {
            javafx.scene.paint.Paint colour = marks ? style.getMarkerColor() : style.getLineColor();
            if (colour instanceof javafx.scene.paint.Color c && c.getOpacity() < 0.6) {
                colour = c.deriveColor(0, 1, 1, 1 / Math.max(0.2, c.getOpacity())); // a translucent area's swatch, opaque
            }
            double[] dashes = marks ? null : style.getLineDashes();
            return new Swatch(canvas.getWidth(), canvas.getHeight(), colour, marks, Math.max(3, style.getLineWidth() + 2),
                    dashes == null || dashes.length == 0 ? java.util.List.of() : java.util.Arrays.stream(dashes).boxed().toList());
        }

        /** Draws a series' swatch and notes on its canvas what it drew (see {@link QuietLegend}). */
        @Override
        public boolean drawLegendSymbol(io.fair_acc.chartfx.ui.css.DataSetNode style, javafx.scene.canvas.Canvas canvas) {
            Swatch swatch = swatchOf(style, canvas);
            canvas.getProperties().put(Swatch.class, swatch);
            double w = swatch.width();
            double h = swatch.height();
            javafx.scene.paint.Paint colour = swatch.colour();
            javafx.scene.canvas.GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, w, h);
            g.setStroke(colour);
            g.setFill(colour);
            if (marks) {
                g.fillRect(w / 2 - 1.5, 2, 3, h - 4); // a tick, as the marks are drawn
            } else {
                g.setLineWidth(swatch.lineWidth());
                if (!swatch.dashes().isEmpty()) {
                    // A dashed series (good/s, retries/s) has a dashed swatch; butt ends, as square
                    // ends as wide as the line would close the gaps.
                    g.setLineDashes(swatch.dashes().stream().mapToDouble(Double::doubleValue).toArray());
                    g.setLineCap(javafx.scene.shape.StrokeLineCap.BUTT);
                }
                g.strokeLine(1, h / 2, w - 1, h / 2);
                g.setLineDashes((double[]) null);
                g.setLineCap(javafx.scene.shape.StrokeLineCap.SQUARE);
            }
            return true;
        }
    }

    /**
     * chartfx 11.3's legend, drawing a swatch again only when it would look different. chartfx
     * clears and redraws every swatch each time it draws its chart, which during a run is every
     * frame: a dozen small canvases drawn and sent to the render thread for nothing.
     */
    static final class QuietLegend extends io.fair_acc.chartfx.legend.spi.DefaultLegend {
        @Override
        public void drawLegend() {
            for (LegendItem item : getItems()) {
                if (!item.isVisible()) {
                    continue;
                }
                if (item.getGraphic() instanceof javafx.scene.canvas.Canvas canvas
                        && item.getSeries().getRenderer() instanceof SwatchRenderer r
                        && r.swatchOf(item.getSeries(), canvas).equals(canvas.getProperties().get(SwatchRenderer.Swatch.class))) {
                    continue; // already shows this
                }
                item.drawLegendSymbol();
            }
        }
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
        return valueAxis(new AlignedAxis(name, unit.isEmpty() ? null : unit, 0));
    }

    /**
     * A value axis for things counted in whole numbers (items, items per second, producers):
     * its ticks are never closer than 1, so a small or empty panel reads 0, 1, 2 rather than
     * 0.25, 0.5, 0.75 (fractional labels that also pushed into the axis name).
     */
    public static DefaultNumericAxis countAxis(String name) {
        return valueAxis(new AlignedAxis(name, null, 1));
    }

    private static DefaultNumericAxis valueAxis(AlignedAxis a) {
        a.setSide(Side.LEFT);
        a.setAnimated(false);
        a.setForceZeroInRange(true);
        a.setAutoRangeRounding(true);
        a.setTickLabelFormatter(COMPACT);
        a.getMinorTickStyle().setVisible(false); // minor ticks overprinted the tick labels
        return a;
    }

    /** Least width of every value axis, px. */
    static final double AXIS_WIDTH = 64;

    /**
     * A value axis as wide as the widest of its kind (at least {@link #AXIS_WIDTH}), so the
     * panels' plot areas line up under one time axis whatever their tick labels. It widens in
     * its own layout (a width set from outside hid chartfx's axis name). FX thread.
     */
    static final class AlignedAxis extends DefaultNumericAxis {
        /** The widest any value axis asked for so far, px. FX thread. */
        private static double widest = AXIS_WIDTH;
        /** The least distance between ticks (0: any). */
        private final double leastTick;

        AlignedAxis(String name, String unit, double leastTick) {
            super(name, unit);
            this.leastTick = leastTick;
        }

        @Override
        protected double computeTickUnit(double rawTickUnit) {
            if (leastTick == 0) {
                return super.computeTickUnit(rawTickUnit);
            }
            // chartfx steps 1, 2.5, 5 times a power of ten: a whole-number axis steps 1, 2, 5.
            return Math.max(leastTick, niceCeiling(rawTickUnit));
        }

        @Override
        protected double computePrefWidth(double height) {
            double own = super.computePrefWidth(height);
            if (own > widest && own < 400) {
                widest = Math.ceil(own);
            }
            return Math.max(own, widest);
        }
    }

    /** Every legend's width and left padding, px, as backflow.css sets them ({@code .chart .chart-legend}). */
    static final double LEGEND_WIDTH = 150;
    static final double LEGEND_PADDING = 6;

    public static XYChart chart(DefaultNumericAxis x, DefaultNumericAxis y, String styleClass, String title,
                         ErrorDataSetRenderer... renderers) {
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.getRenderers().setAll(renderers);
        if (renderers.length > 0 && renderers[0] instanceof SwatchRenderer first) {
            // The grid is drawn by the first renderer (see SwatchRenderer#render), not by chartfx.
            first.drawsGrid = true;
            for (javafx.scene.shape.Line line : java.util.List.of(chart.getGridRenderer().getHorizontalMajorGrid(),
                    chart.getGridRenderer().getVerticalMajorGrid())) {
                line.setVisible(false);
            }
        }
        chart.setAnimated(false);
        chart.setLegend(new QuietLegend());
        chart.setLegendVisible(true);
        chart.getStyleClass().add(styleClass);
        chart.getPlugins().clear();
        // No plugins, so no slide-in tool bar (it would otherwise appear as a grey tab on hover).
        chart.getMenuPane().setTop(null);
        chart.setMinHeight(120);
        return chart;
    }
}
