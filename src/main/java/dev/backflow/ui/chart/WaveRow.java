package dev.backflow.ui.chart;

/**
 * One row of the pressure wave as its name is drawn on the plot.
 *
 * @param name     the stage's name
 * @param y        the middle of its row, px from the top of the plot
 * @param fontSize the type size it is drawn in, px
 */
public record WaveRow(String name, double y, double fontSize) {
}
