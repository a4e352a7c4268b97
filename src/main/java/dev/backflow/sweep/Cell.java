package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.report.RunSummary;

/**
 * One cell of a sweep: its place, its values, its experiment, and once run its summary.
 *
 * @param column     place along the first axis
 * @param row        place along the second (0 without one)
 * @param x          the first setting's value
 * @param y          the second's, or null
 * @param config     the experiment it runs
 * @param summary    its run's summary, or null before (or without) a run
 * @param distortion why the machine distorted its measurement (pacing short of the rate, slow
 *                   wake-ups), or null when it did not
 */
public record Cell(int column, int row, double x, Double y, ExperimentConfig config, RunSummary summary, String distortion) {

    /** True once it has run. */
    public boolean done() {
        return summary != null;
    }

    /** This cell with its run's summary and distortion. */
    public Cell withRun(RunSummary s, String why) {
        return new Cell(column, row, x, y, config, s, why);
    }
}
