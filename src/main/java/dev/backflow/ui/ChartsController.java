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
        // A long chain scrolls sideways rather than squeezing its stages.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(pipeline);
        scroll.setFitToHeight(true);
        scroll.setFitToWidth(true);
        scroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("bf-pipeline-scroll");
        scroll.setMinViewportHeight(60);
        scroll.setPrefViewportHeight(60);
        pipelineHost.getChildren().add(scroll);
        chartHost.getChildren().add(chart.view());
    }
}
