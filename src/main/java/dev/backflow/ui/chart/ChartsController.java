package dev.backflow.ui.chart;

import dev.backflow.ui.pipeline.PipelineView;

import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/**
 * Puts the pipeline view and the chart panels built by {@link ChartPresenter} into the window,
 * and lets a person look closer: the mouse wheel (or + and −) zooms the shared time axis around
 * the pointer, dragging (or ← and →) pans, and either freezes the view while the run carries on;
 * "Back to live" (or End) follows the run again. Hovering shows a crosshair and every series'
 * value at that moment; clicking jumps the event log there.
 */
public final class ChartsController {

    private final ChartPresenter chart;
    private final PipelineView pipeline;
    private final TimeView time;
    private final DoubleSupplier now;
    private final DoubleConsumer pick;
    private final Label readout = new Label();
    private final Button backToLive = new Button("Back to live");
    private final Line crosshair = new Line();
    private double dragX = Double.NaN;
    private boolean dragged;

    /** The valve's height at its own size, px. */
    private static final double VALVE_HEIGHT = 72;
    /** How large presentation mode lets the valve grow to fill the width. */
    static final double PRESENTATION_ZOOM = 1.5;
    /** The valve, grown to the width it has in presentation mode. */
    private final dev.backflow.ui.common.FitToWidth zoom;

    @FXML private StackPane pipelineHost;
    @FXML private StackPane chartHost;

    /**
     * @param now  the run time now, seconds
     * @param pick told the run time a person clicked on
     */
    public ChartsController(ChartPresenter chart, PipelineView pipeline, TimeView time, DoubleSupplier now, DoubleConsumer pick) {
        this.chart = Objects.requireNonNull(chart);
        this.pipeline = Objects.requireNonNull(pipeline);
        this.time = Objects.requireNonNull(time);
        this.now = Objects.requireNonNull(now);
        this.pick = Objects.requireNonNull(pick);
        this.zoom = new dev.backflow.ui.common.FitToWidth(pipeline);
        zoom.setId("valveZoom");
    }

    /** Presentation mode: the valve grows to fill the width (up to {@value #PRESENTATION_ZOOM}×), or back. FX thread. */
    public void present(boolean on) {
        zoom.maxZoomProperty().set(on ? PRESENTATION_ZOOM : 1);
    }

    @FXML
    private void initialize() {
        // A long chain scrolls sideways rather than squeezing its stages.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(zoom);
        scroll.setFitToHeight(true);
        scroll.setFitToWidth(true);
        scroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("bf-pipeline-scroll");
        scroll.minViewportHeightProperty().bind(zoom.zoomProperty().multiply(VALVE_HEIGHT));
        scroll.prefViewportHeightProperty().bind(zoom.zoomProperty().multiply(VALVE_HEIGHT));
        pipelineHost.getChildren().addAll(scroll, pipeline.sampleNote());
        StackPane.setAlignment(pipeline.sampleNote(), Pos.BOTTOM_RIGHT);
        pipeline.sampleNote().setManaged(true);

        Pane overlay = new Pane(crosshair);
        overlay.setMouseTransparent(true);
        crosshair.getStyleClass().add("bf-crosshair");
        crosshair.setVisible(false);
        readout.getStyleClass().add("bf-readout");
        readout.setId("chartReadout");
        readout.setMouseTransparent(true);
        readout.setVisible(false);
        StackPane.setAlignment(readout, Pos.TOP_LEFT);
        backToLive.setId("backToLiveButton");
        backToLive.getStyleClass().add("accent");
        backToLive.setTooltip(new Tooltip("Follow the run again (End)"));
        backToLive.visibleProperty().bind(time.liveProperty().not());
        backToLive.setOnAction(e -> time.backToLive());
        StackPane.setAlignment(backToLive, Pos.TOP_RIGHT);
        chartHost.getChildren().addAll(chart.view(), overlay, readout, backToLive);
        chartHost.setFocusTraversable(true);

        chartHost.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                time.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, chart.timeAt(e.getSceneX()), chart.shown(), now.getAsDouble());
                viewMoved = true;
                e.consume();
            }
        });
        // Filters, not handlers: the chart panels consume some mouse events themselves.
        chartHost.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            chartHost.requestFocus();
            dragX = e.getSceneX();
            dragged = false;
        });
        chartHost.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && !Double.isNaN(dragX)) {
                double dt = chart.timeAt(dragX) - chart.timeAt(e.getSceneX());
                if (Math.abs(e.getSceneX() - dragX) >= 2) {
                    time.pan(dt, chart.shown(), now.getAsDouble());
                    dragX = e.getSceneX();
                    dragged = true;
                    viewMoved = true;
                }
            }
        });
        chartHost.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (!dragged && e.getButton() == MouseButton.PRIMARY) {
                pick.accept(chart.timeAt(e.getSceneX()));
            }
            dragX = Double.NaN;
        });
        chartHost.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, e -> {
            hoverSceneX = e.getSceneX();
            hover(e.getSceneX(), chartHost.sceneToLocal(e.getSceneX(), e.getSceneY()).getX());
        });
        chartHost.setOnMouseExited(e -> {
            hoverSceneX = Double.NaN;
            readout.setVisible(false);
            crosshair.setVisible(false);
        });
        chartHost.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            double[] shown = chart.shown();
            double span = shown[1] - shown[0];
            double middle = (shown[0] + shown[1]) / 2;
            switch (e.getCode()) {
                case END -> time.backToLive();
                case PLUS, EQUALS, ADD -> time.zoom(0.8, middle, shown, now.getAsDouble());
                case MINUS, SUBTRACT -> time.zoom(1.25, middle, shown, now.getAsDouble());
                case LEFT -> time.pan(-span / 10, shown, now.getAsDouble());
                case RIGHT -> time.pan(span / 10, shown, now.getAsDouble());
                default -> {
                    return;
                }
            }
            viewMoved = true;
            e.consume();
        });
    }

    /** Where the pointer rests over the charts (scene x), NaN when it is elsewhere. FX thread. */
    private double hoverSceneX = Double.NaN;
    /** The time window moved (zoom, pan, keys) since the readout was last worked out. FX thread. */
    private boolean viewMoved;

    /**
     * After each frame has moved the charts' time axes: if the view was zoomed or panned under a
     * resting pointer, the readout and crosshair are worked out again for the new times, so they
     * never describe what was under the pointer before. FX thread.
     */
    public void afterFrame() {
        if (viewMoved && !Double.isNaN(hoverSceneX)) {
            hover(hoverSceneX, chartHost.sceneToLocal(hoverSceneX, 0).getX());
        }
        viewMoved = false;
    }

    /** Shows the crosshair and the readout for the pointer at {@code sceneX}. */
    private void hover(double sceneX, double localX) {
        double t = chart.timeAt(sceneX);
        double[] shown = chart.shown();
        if (!(t >= shown[0] && t <= shown[1])) {
            readout.setVisible(false);
            crosshair.setVisible(false);
            return;
        }
        String text = chart.readout(t);
        readout.setText(text);
        readout.setVisible(!text.isEmpty());
        crosshair.setStartX(localX);
        crosshair.setEndX(localX);
        crosshair.setStartY(0);
        crosshair.setEndY(chartHost.getHeight());
        crosshair.setVisible(true);
    }

    /** The readout's text now (empty when hidden). */
    public String readoutText() {
        return readout.isVisible() ? readout.getText() : "";
    }

    /** Hovers as the mouse does, at run time {@code t}. */
    public void hoverAt(double t) {
        double sceneX = chart.sceneXAt(t);
        hover(sceneX, chartHost.sceneToLocal(sceneX, 0).getX());
    }
}
