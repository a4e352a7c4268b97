package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.theory.Prediction;
import dev.backflow.theory.Theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep and its cells as far as they ran: the figures per cell, which meet the targets, the
 * cheapest that does, and theory's answer beside it.
 *
 * @param sweep       what was asked
 * @param cells       every cell, in run order; those not run have no summary
 * @param complete    false if it was cancelled (or stopped) before every cell ran
 * @param parallel    how many cells ran at once
 * @param wallSeconds how long it took on the wall
 */
public record SweepResult(Sweep sweep, List<Cell> cells, boolean complete, int parallel, double wallSeconds) {

    public SweepResult {
        cells = List.copyOf(cells);
    }

    /** Cells that ran. */
    public long done() {
        return cells.stream().filter(Cell::done).count();
    }

    /** The cell at a place, or null. */
    public Cell at(int column, int row) {
        for (Cell c : cells) {
            if (c.column() == column && c.row() == row) {
                return c;
            }
        }
        return null;
    }

    /** True if {@code c} ran and meets every target (false without targets). */
    public boolean meets(Cell c) {
        if (!c.done() || sweep.targets().isEmpty()) {
            return false;
        }
        for (Target t : sweep.targets()) {
            if (!t.met(t.figure().measured(c.summary()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cheapest cell that meets the targets: the smallest value of the first varied setting,
     * then of the second; empty when none does (or there are no targets).
     */
    public Optional<Cell> cheapest() {
        return cheapest(this::meets);
    }

    private Optional<Cell> cheapest(java.util.function.Predicate<Cell> ok) {
        Cell best = null;
        for (Cell c : cells) {
            if (ok.test(c) && (best == null || c.x() < best.x()
                    || c.x() == best.x() && c.y() != null && best.y() != null && c.y() < best.y())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** What theory predicts for a cell's experiment (computed, not run). */
    public static Prediction theory(Cell c) {
        return Theory.predict(c.config());
    }

    /**
     * True if theory predicts every target's figure for {@code c} and each prediction meets its
     * bound; false if one does not; empty if theory predicts some target's figure not at all.
     */
    public Optional<Boolean> theoryMeets(Cell c) {
        if (sweep.targets().isEmpty()) {
            return Optional.empty();
        }
        ExperimentConfig cfg = c.config();
        Prediction p = theory(c);
        for (Target t : sweep.targets()) {
            Double v = t.figure().predicted(cfg, p);
            if (v == null) {
                return Optional.empty();
            }
            if (!t.met(v)) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    /**
     * True if the cell's own run found theory outside the measured 99 % interval for {@code f}
     * (the theory panel's ✗): for the figures an exact model predicts with an interval.
     */
    public static boolean theoryDisagrees(Cell c, Figure f) {
        String json = switch (f) {
            case REFUSED -> "fullProbability";
            case MEAN_WAIT -> "queueWaitMillis";
            case THROUGHPUT, GOODPUT -> "throughputPerSecond";
            default -> null;
        };
        if (json == null || c.summary() == null || c.summary().theory() == null) {
            return false;
        }
        return c.summary().theory().get("measured") instanceof java.util.Map<?, ?> measured
                && measured.get(json) instanceof java.util.Map<?, ?> row && "disagrees".equals(row.get("verdict"));
    }

    /** The targets whose figure theory does not predict for these cells, for the answer's wording. */
    public List<String> targetsTheoryCannotJudge() {
        List<String> out = new ArrayList<>();
        Cell first = cells.getFirst();
        Prediction p = theory(first);
        for (Target t : sweep.targets()) {
            if (t.figure().predicted(first.config(), p) == null) {
                out.add(t.figure().key);
            }
        }
        return out;
    }

    /** Theory's cheapest cell meeting the targets, where it judges them all; empty otherwise. */
    public Optional<Cell> theoryCheapest() {
        return cheapest(c -> theoryMeets(c).orElse(false));
    }

    /**
     * The answer in one or two sentences: the cheapest cell meeting the targets (or that none
     * does), and theory's beside it.
     */
    public String answer() {
        if (sweep.targets().isEmpty()) {
            return "No targets: every cell's figures are shown; give targets (like p99<=100ms,refused<=1%) to get an answer.";
        }
        String targets = Target.format(sweep.targets());
        String measured = cheapest().map(c -> "The cheapest cell meeting " + targets + " is " + place(c)
                        + " (" + figures(c) + ").")
                .orElse("No cell meets " + targets + (complete ? "" : " among the " + done() + " that ran")
                        + ": widen the ranges or relax the targets.");
        if (sweep.axes().size() > 1) {
            measured += " Per " + sweep.axes().get(1).setting().name() + ": " + perRow() + ".";
        }
        long distorted = cells.stream().filter(c -> c.done() && c.distortion() != null).count();
        if (distorted > 0) {
            measured += " " + distorted + (distorted == 1 ? " cell was" : " cells were")
                    + " distorted by the machine even when run again (marked !): read " + (distorted == 1 ? "it" : "them") + " with care.";
        }
        List<String> unjudged = targetsTheoryCannotJudge();
        String theory = !unjudged.isEmpty()
                ? " Theory does not predict " + String.join(", ", unjudged) + " here, so it gives no answer."
                : theoryCheapest().map(c -> " Theory's: " + place(c) + ".").orElse(" Theory: no cell meets them.");
        return measured + theory;
    }

    /** For each value of the second setting, the cheapest cell of its row meeting the targets: "50/s: capacity 5 · 90/s: none". */
    String perRow() {
        Vary second = sweep.axes().get(1);
        Vary first = sweep.axes().get(0);
        List<String> parts = new ArrayList<>();
        for (int row = 0; row < sweep.rows(); row++) {
            int r = row;
            Optional<Cell> best = cheapest(c -> c.row() == r && meets(c));
            parts.add(dev.backflow.units.Units.format(second.values().get(row), second.setting().range().held()) + ": "
                    + best.map(c -> value(first, c.x())).orElse("none"));
        }
        return String.join(" · ", parts);
    }

    /** "capacity 10, rate 200 /s". */
    public String place(Cell c) {
        StringBuilder b = new StringBuilder(value(sweep.axes().get(0), c.x()));
        if (c.y() != null) {
            b.append(", ").append(value(sweep.axes().get(1), c.y()));
        }
        return b.toString();
    }

    private static String value(Vary v, double x) {
        return v.setting().name() + " " + dev.backflow.units.Units.format(x, v.setting().range().held());
    }

    private String figures(Cell c) {
        List<String> parts = new ArrayList<>();
        for (Target t : sweep.targets()) {
            parts.add(t.figure().key + " " + t.figure().format(t.figure().measured(c.summary())));
        }
        return String.join(", ", parts);
    }
}
