package dev.backflow.ui.theory;

import dev.backflow.ui.settings.LogScale;

import dev.backflow.engine.SendPolicy;
import dev.backflow.theory.Fidelity;
import dev.backflow.theory.Prediction;
import dev.backflow.units.Units;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The "theory vs measured" panel: each figure theory predicts for the settings in force, the
 * current epoch's measurement with its 99 % interval, and a mark when the two disagree; Little's
 * law with its residual; the model's assumptions. Refreshed a few times a second (text a person
 * can read), from the {@link TheoryFeed}'s latest report.
 */
public final class TheoryController {

    /** Least time between two refreshes, ns: faster than a person reads numbers gains nothing. */
    public static final long REFRESH_NANOS = 250_000_000L;

    private final Supplier<Fidelity.Report> reports;
    private final Supplier<SendPolicy> policy;
    private final Label[][] cells = new Label[Fidelity.Figure.values().length][4];
    private long lastRefresh;
    private boolean refreshed;
    private Fidelity.Report shown;

    @FXML private GridPane grid;
    @FXML private Label modelLabel;
    @FXML private Label epochLabel;
    @FXML private Label littleLabel;
    @FXML private Label noteLabel;

    public TheoryController(Supplier<Fidelity.Report> reports, Supplier<SendPolicy> policy) {
        this.reports = Objects.requireNonNull(reports);
        this.policy = Objects.requireNonNull(policy);
    }

    @FXML
    private void initialize() {
        for (Fidelity.Figure f : Fidelity.Figure.values()) {
            int row = f.ordinal() + 1;
            for (int col = 0; col < 4; col++) {
                Label l = new Label();
                if (col > 0) {
                    l.getStyleClass().add("bf-number");
                }
                cells[f.ordinal()][col] = l;
                grid.add(l, col, row);
            }
            cells[f.ordinal()][0].setText(name(f, SendPolicy.BLOCK));
            cells[f.ordinal()][3].setId("theoryMark" + f.ordinal());
        }
        modelLabel.setText("start a run");
        modelLabel.setId("theoryModel");
        littleLabel.setId("littleLabel");
    }

    /** Shows the newest report, at most every {@link #REFRESH_NANOS}. FX thread. */
    public void refresh(long nowNanos) {
        if (refreshed && nowNanos - lastRefresh < REFRESH_NANOS) {
            return;
        }
        refreshed = true;
        lastRefresh = nowNanos;
        Fidelity.Report r = reports.get();
        if (r == null || r == shown) {
            return;
        }
        shown = r;
        Prediction p = r.prediction();
        modelLabel.setText(p.model() + (p.exact() ? " · exact" : ""));
        styleAs(modelLabel, p.exact() ? "bf-exact" : "bf-approx", "bf-exact", "bf-approx");
        String batches = r.batches() >= Fidelity.MIN_BATCHES ? r.batches() + " batches"
                : r.ended() ? "run too short for an interval (" + r.batches() + " of " + Fidelity.MIN_BATCHES + " batches of "
                        + Units.number(r.batchSeconds()) + " s)"
                : r.batches() + " of " + Fidelity.MIN_BATCHES + " batches";
        epochLabel.setText(String.format(Locale.ROOT, "epoch %d · since %.1f s · %s", r.epoch(), r.startSeconds(), batches));
        tip(epochLabel, ("Every live change of a setting starts a new epoch: its figures are measured "
                + "afresh in batches of " + Units.number(r.batchSeconds()) + " s (the first is warm-up), and an interval "
                + "needs " + Fidelity.MIN_BATCHES + " batches."));
        SendPolicy kind = policy.get();
        for (Fidelity.Row row : r.rows()) {
            Label[] c = cells[row.figure().ordinal()];
            c[0].setText(name(row.figure(), kind));
            c[1].setText(row.predicted() == null ? "–" : format(row.figure(), row.predicted()));
            c[2].setText(!Double.isFinite(row.measured()) ? "…" : format(row.figure(), row.measured())
                    + (Double.isFinite(row.halfWidth()) ? " ± " + format(row.figure(), row.halfWidth()) : ""));
            // A long measurement ("349 ms ± 0.42 ms") may not fit the panel's column: the tooltip says it whole.
            tip(c[2], Double.isFinite(row.measured()) ? c[2].getText() + " (measured mean ± half the 99 % interval)" : null);
            Label mark = c[3];
            switch (row.verdict()) {
                case AGREES -> {
                    mark.setText("✓");
                    styleAs(mark, "bf-agrees", "bf-agrees", "bf-disagrees");
                    tip(mark, "Theory is inside the measured 99 % interval.");
                }
                case DISAGREES -> {
                    mark.setText("✗");
                    styleAs(mark, "bf-disagrees", "bf-agrees", "bf-disagrees");
                    tip(mark, "Theory is outside the measured 99 % interval"
                            + (p.exact() ? "." : ": the model is an approximation here."));
                }
                case APPROXIMATE -> {
                    mark.setText("≈");
                    styleAs(mark, null, "bf-agrees", "bf-disagrees");
                    tip(mark, "The model is an approximation here, and the measurement is within its stated accuracy ("
                            + Math.round(Fidelity.APPROXIMATION_TOLERANCE * 100) + " %): neither confirmed nor refuted.");
                }
                case COLLECTING -> {
                    mark.setText(Double.isFinite(row.measured()) ? "…" : "");
                    styleAs(mark, null, "bf-agrees", "bf-disagrees");
                    tip(mark, "Collecting batches for an interval.");
                }
                case NOT_PREDICTED -> {
                    mark.setText("");
                    styleAs(mark, null, "bf-agrees", "bf-disagrees");
                    tip(mark, null);
                }
            }
        }
        Fidelity.Little l = r.little();
        littleLabel.setText(Double.isFinite(l.residual())
                ? String.format(Locale.ROOT, "Little's law L = λW: %s = %s/s × %s (residual %.1f %%)",
                        Units.number(round(l.meanFill())), Units.number(round(l.lambda())),
                        Units.millis(l.waitSeconds() * 1000), l.residual() * 100)
                : "Little's law L = λW: after the warm-up batch.");
        tip(littleLabel, "Over this epoch after warm-up: L is the mean fill, λ the items that were in the buffer or "
                + "entered it per second, W the time each spent in it in that window, from its own enqueue and "
                + "dequeue stamps. The residual is (L − λW) / L.");
        noteLabel.setText(p.note());
        tip(modelLabel, p.note());
        tip(noteLabel, p.note());
    }

    /**
     * Gives {@code label} a tooltip saying {@code text} (none for null), reusing the one it has:
     * a tooltip is a popup window, and making new ones four times a second cost the FX thread
     * a tenth of its time under load.
     */
    private static void tip(Label label, String text) {
        Tooltip t = label.getTooltip();
        if (text == null) {
            if (t != null) {
                label.setTooltip(null);
            }
        } else if (t == null) {
            t = new Tooltip(text);
            t.setWrapText(true);
            t.setMaxWidth(360);
            label.setTooltip(t);
        } else if (!text.equals(t.getText())) {
            t.setText(text);
        }
    }

    /** Leaves {@code label} with style class {@code wanted} (or none) of {@code all}, touching them only on a change. */
    private static void styleAs(Label label, String wanted, String... all) {
        for (String c : all) {
            boolean has = label.getStyleClass().contains(c);
            if (c.equals(wanted) && !has) {
                label.getStyleClass().add(c);
            } else if (!c.equals(wanted) && has) {
                label.getStyleClass().remove(c);
            }
        }
    }

    private static double round(double v) {
        return dev.backflow.ui.settings.LogScale.roundSignificant(v, 3);
    }

    /** The row's name; the full-buffer figure is named after what the policy does. */
    static String name(Fidelity.Figure f, SendPolicy policy) {
        return switch (f) {
            case UTILISATION -> "Consumers busy";
            case MEAN_FILL -> "Mean fill";
            case FULL_PROBABILITY -> policy.fullSendsName();
            case THROUGHPUT -> "Throughput";
            case QUEUE_WAIT -> "Queue wait";
        };
    }

    static String format(Fidelity.Figure f, double v) {
        return switch (f) {
            case UTILISATION, FULL_PROBABILITY -> String.format(Locale.ROOT, v < 0.1 && v != 0 ? "%.2f %%" : "%.1f %%", v * 100);
            case MEAN_FILL -> Units.number(round(v));
            case THROUGHPUT -> Units.number(round(v)) + "/s";
            case QUEUE_WAIT -> Units.millis(v);
        };
    }
}
