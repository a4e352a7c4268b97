package dev.backflow.ui;

import javafx.fxml.FXML;
import javafx.scene.layout.StackPane;

import java.util.Objects;

/** Puts the pipeline view and the chart panels built by {@link ChartPresenter} into the window. */
public final class ChartsController {

    private final ChartPresenter chart;
    private final PipelineView pipeline;

    @FXML private StackPane pipelineHost;
    @FXML private StackPane chartHost;

    ChartsController(ChartPresenter chart, PipelineView pipeline) {
        this.chart = Objects.requireNonNull(chart);
        this.pipeline = Objects.requireNonNull(pipeline);
    }

    @FXML
    private void initialize() {
        pipelineHost.getChildren().add(pipeline);
        StackPane.setAlignment(pipeline, javafx.geometry.Pos.CENTER_LEFT);
        chartHost.getChildren().add(chart.view());
    }
}
