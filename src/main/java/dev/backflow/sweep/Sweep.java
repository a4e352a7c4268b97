package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;
import dev.backflow.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a sweep runs: a base experiment, one or two settings varied over their values, each cell
 * a real run of the base with those values for {@code cellSeconds} on the base's seed, and the
 * targets a cell should meet.
 *
 * @param base        every other setting, and the seed
 * @param axes        one or two varied settings; the first is the one whose smallest value is "cheapest"
 * @param cellSeconds how long each cell produces (it then drains and ends)
 * @param targets     bounds a cell should meet (none: no answer is asked for)
 */
public record Sweep(ExperimentConfig base, List<Vary> axes, double cellSeconds, List<Target> targets) {

    /** The most cells one sweep runs. */
    public static final int MAX_CELLS = 400;
    /** Each cell's length, unless given. */
    public static final double DEFAULT_CELL_SECONDS = 5;
    /** The shortest and longest cell. */
    public static final Limits.Range CELL_SECONDS = Limits.SWEEP_CELL_S;

    /** @throws IllegalArgumentException for no axis, more than two, the same setting twice, or too many cells */
    public Sweep {
        Objects.requireNonNull(base, "base");
        axes = List.copyOf(axes);
        targets = List.copyOf(targets);
        if (axes.isEmpty() || axes.size() > 2) {
            throw new IllegalArgumentException("a sweep varies one or two settings; got " + axes.size());
        }
        if (axes.size() == 2 && axes.get(0).setting().name().equals(axes.get(1).setting().name())) {
            throw new IllegalArgumentException("a sweep varies two different settings; " + axes.get(0).setting().name()
                    + " is given twice");
        }
        CELL_SECONDS.require(cellSeconds);
        long cells = axes.stream().mapToLong(a -> a.values().size()).reduce(1, (x, y) -> x * y);
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("a sweep runs at most " + MAX_CELLS + " cells; got " + Units.number(cells) + " ("
                    + String.join(" × ", axes.stream().map(a -> Integer.toString(a.values().size())).toList())
                    + "); use fewer values");
        }
    }

    /** Values along the first axis. */
    public int columns() {
        return axes.get(0).values().size();
    }

    /** Values along the second axis (1 without one). */
    public int rows() {
        return axes.size() > 1 ? axes.get(1).values().size() : 1;
    }

    /** Every cell, in the order they run: the first axis fastest, each a config ready to run. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>(columns() * rows());
        for (int r = 0; r < rows(); r++) {
            for (int col = 0; col < columns(); col++) {
                double x = axes.get(0).values().get(col);
                Double y = axes.size() > 1 ? axes.get(1).values().get(r) : null;
                out.add(new Cell(col, r, x, y, config(x, y), null, null));
            }
        }
        return out;
    }

    /** The base with the cell's values, its length set to {@code cellSeconds}. */
    public ExperimentConfig config(double x, Double y) {
        ExperimentConfig c = axes.get(0).setting().at(base, x);
        if (y != null) {
            c = axes.get(1).setting().at(c, y);
        }
        return c.toBuilder().durationSeconds(cellSeconds).items(0).build();
    }
}
