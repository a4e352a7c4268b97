package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.report.Comparison;
import dev.backflow.report.RunSummary;
import dev.backflow.theory.Prediction;
import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A figure a sweep shows per cell and a target can bound, read from the cell's run summary, and
 * what theory predicts for it where a model does.
 */
public enum Figure {
    P50("p50", "Queue wait p50", Unit.MILLISECONDS),
    P99("p99", "Queue wait p99", Unit.MILLISECONDS),
    MEAN_WAIT("mean-wait", "Queue wait, mean", Unit.MILLISECONDS),
    REFUSED("refused", "Refused share", Unit.FRACTION),
    PARKED("parked", "Producers parked", Unit.FRACTION),
    THROUGHPUT("throughput", "Throughput", Unit.PER_SECOND),
    GOODPUT("goodput", "Goodput", Unit.PER_SECOND),
    MEMORY("memory", "Memory at the end", Unit.BYTES),
    E2E_P99("e2e-p99", "End to end p99", Unit.MILLISECONDS);

    /** As targets and the command line write it. */
    public final String key;
    /** As the Sweep window labels it. */
    public final String label;
    /** The unit its values are read in (a share is a fraction: 1% and 0.01 alike); a share is shown as %. */
    public final Unit unit;

    Figure(String key, String label, Unit unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** Every key, for messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(f -> f.key).toList();
    }

    /**
     * The figure called {@code key}.
     *
     * @throws IllegalArgumentException naming it, with the closest key
     */
    public static Figure of(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        for (Figure f : values()) {
            if (f.key.equals(k)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no figure called " + dev.backflow.units.Names.quote(k)
                + dev.backflow.units.Names.suggestion(k, keys()) + "; targets name " + String.join(", ", keys()));
    }

    /** The measured value in {@code s}, in {@link #unit} (a share as a fraction); null where it does not exist. */
    public Double measured(RunSummary s) {
        if (s == null) {
            return null;
        }
        return switch (this) {
            case P50 -> s.queueWaitMillis() == null ? null : s.queueWaitMillis().get("p50");
            case P99 -> Comparison.queueWaitP99(s);
            case MEAN_WAIT -> s.queueWaitMillis() == null ? null : s.queueWaitMillis().get("mean");
            case REFUSED -> s.offered() > 0 ? (double) Comparison.refused(s) / s.offered() : 0.0;
            case PARKED -> Comparison.parkedShare(s);
            case THROUGHPUT -> s.throughputPerSecond();
            case GOODPUT -> s.callers() != null ? s.callers().goodputPerSecond() : s.throughputPerSecond();
            case MEMORY -> (double) s.memoryBytesAtEnd();
            case E2E_P99 -> s.callers() == null || s.callers().endToEndMillis() == null ? null
                    : s.callers().endToEndMillis().get("p99");
        };
    }

    /**
     * What theory predicts for this figure under {@code c}, or null where the model does not
     * predict it (percentiles, parks as a share of time, memory, callers).
     */
    public Double predicted(ExperimentConfig c, Prediction p) {
        if (p == null) {
            return null;
        }
        return switch (this) {
            // A loss system's full probability is the share turned away; under block it is the share that parks.
            case REFUSED -> c.policy().whenFull() == SendPolicy.Full.TURNS_AWAY && c.hops().isEmpty() ? p.fullProbability() : null;
            case MEAN_WAIT -> p.queueWaitMillis();
            case THROUGHPUT, GOODPUT -> c.callers().closedLoop() ? null : p.throughputPerSecond();
            default -> null;
        };
    }

    /** {@code v} as a person reads it: "12.5 ms", "0.80 %", "95.3 /s", "64 KiB"; "–" for null. */
    public String format(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "–";
        }
        return switch (unit) {
            case FRACTION -> String.format(Locale.ROOT, v < 0.001 && v > 0 ? "%.3f %%" : "%.2f %%", v * 100);
            case MILLISECONDS -> Units.millis(v);
            case PER_SECOND -> String.format(Locale.ROOT, "%,.1f /s", v);
            case BYTES -> Units.bytes(Math.round(v));
            default -> Units.number(v);
        };
    }
}
