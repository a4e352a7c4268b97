package dev.backflow.ui;

import javafx.fxml.FXML;
import javafx.scene.layout.StackPane;

import java.util.Objects;

/** Puts the chart panels built by {@link ChartPresenter} into the window. */
public final class ChartsController {

    private final ChartPresenter chart;

    @FXML private StackPane chartHost;

    ChartsController(ChartPresenter chart) {
        this.chart = Objects.requireNonNull(chart);
    }

    @FXML
    private void initialize() {
        chartHost.getChildren().add(chart.view());
    }
}
