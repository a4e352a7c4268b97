package dev.backflow.sweep;

import dev.backflow.engine.Backoff;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Hop;
import dev.backflow.engine.Limits;
import dev.backflow.units.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A setting a sweep can vary, by the name the command line and the Sweep window use:
 * {@code capacity}, {@code rate}, {@code consumer-delay}, {@code consumers}, {@code producers},
 * {@code timeout}, the callers' {@code deadline}, {@code retries} and {@code backoff-base}, and
 * in a pipeline {@code STAGE.workers}, {@code STAGE.service} and {@code STAGE.capacity} (the
 * capacity of the link after a middle stage).
 *
 * @param name  as typed, lower case
 * @param range the values it takes, with their unit (the same ranges as everywhere else)
 * @param whole true for counts (capacity, workers): values are rounded to whole numbers
 * @param apply the config with this setting at a value
 */
public record SweepSetting(String name, Limits.Range range, boolean whole,
                           BiFunction<ExperimentConfig, Double, ExperimentConfig> apply) {

    /** The experiment-wide names, in the order help lists them. */
    public static final List<String> NAMES = List.of("capacity", "rate", "consumer-delay", "consumers", "producers",
            "timeout", "deadline", "retries", "backoff-base");

    /** The suffixes after a stage's name in a pipeline. */
    public static final List<String> STAGE_SUFFIXES = List.of("workers", "service", "capacity");

    /** {@code c} with this setting at {@code value} (rounded if whole). */
    public ExperimentConfig at(ExperimentConfig c, double value) {
        return apply.apply(c, whole ? Math.rint(value) : value);
    }

    /** Every name {@code c} understands, for messages and suggestions. */
    public static List<String> known(ExperimentConfig c) {
        List<String> all = new ArrayList<>(NAMES);
        for (String stage : c.stageNames()) {
            for (String s : STAGE_SUFFIXES) {
                all.add(stage.toLowerCase(Locale.ROOT) + "." + s);
            }
        }
        return all;
    }

    /**
     * The setting called {@code name} in {@code c}.
     *
     * @throws IllegalArgumentException naming the unknown setting, with the closest known name
     */
    public static SweepSetting of(String name, ExperimentConfig c) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        SweepSetting s = switch (n) {
            case "capacity" -> new SweepSetting(n, Limits.CAPACITY, true, (k, v) -> k.toBuilder().capacity(v.intValue()).build());
            case "rate", "producer-rate" -> new SweepSetting("rate", Limits.PRODUCER_RATE, false,
                    (k, v) -> k.toBuilder().producerRate(v).build());
            case "consumer-delay" -> new SweepSetting(n, Limits.CONSUMER_DELAY_MS, false,
                    (k, v) -> k.toBuilder().consumerDelayMs(v).build());
            case "consumers" -> new SweepSetting(n, Limits.CONSUMERS, true, (k, v) -> k.toBuilder().consumers(v.intValue()).build());
            case "producers" -> new SweepSetting(n, Limits.PRODUCERS, true, (k, v) -> k.toBuilder().producers(v.intValue()).build());
            case "timeout" -> new SweepSetting(n, Limits.TIMEOUT_MS, false, (k, v) -> k.toBuilder().timeoutMs(v).build());
            case "deadline" -> new SweepSetting(n, Limits.DEADLINE_MS, false,
                    (k, v) -> k.toBuilder().callers(k.callers().withDeadlineMs(v)).build());
            case "retries" -> new SweepSetting(n, Limits.RETRIES, true,
                    (k, v) -> k.toBuilder().callers(k.callers().withRetries(v.intValue())).build());
            case "backoff-base" -> new SweepSetting(n, Limits.BACKOFF_MS, false, (k, v) -> k.toBuilder().callers(k.callers()
                    .withBackoff(new Backoff(k.callers().backoff().law(), v, Math.max(v, k.callers().backoff().capMs())))).build());
            default -> stageSetting(n, c);
        };
        if (s == null) {
            throw new IllegalArgumentException("no setting called " + Names.quote(name == null ? "" : name.strip())
                    + Names.suggestion(n, known(c)) + "; a sweep varies " + String.join(", ", NAMES)
                    + (c.hops().isEmpty() ? "" : ", or STAGE.workers, STAGE.service, STAGE.capacity"));
        }
        return s;
    }

    /** {@code parse.workers} and the like; null if {@code n} names none. */
    private static SweepSetting stageSetting(String n, ExperimentConfig c) {
        int dot = n.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String stage = n.substring(0, dot);
        String what = n.substring(dot + 1);
        if (stage.equals(c.sourceName().toLowerCase(Locale.ROOT))) {
            return switch (what) {
                case "workers" -> new SweepSetting(n, Limits.PRODUCERS, true, (k, v) -> k.toBuilder().producers(v.intValue()).build());
                case "capacity" -> new SweepSetting(n, Limits.CAPACITY, true, (k, v) -> k.toBuilder().capacity(v.intValue()).build());
                default -> null;
            };
        }
        if (stage.equals(c.sinkName().toLowerCase(Locale.ROOT))) {
            return switch (what) {
                case "workers" -> new SweepSetting(n, Limits.CONSUMERS, true, (k, v) -> k.toBuilder().consumers(v.intValue()).build());
                case "service" -> new SweepSetting(n, Limits.CONSUMER_DELAY_MS, false,
                        (k, v) -> k.toBuilder().consumerDelayMs(v).build());
                default -> null;
            };
        }
        for (int i = 0; i < c.hops().size(); i++) {
            if (c.hops().get(i).name().toLowerCase(Locale.ROOT).equals(stage)) {
                int at = i;
                return switch (what) {
                    case "workers" -> new SweepSetting(n, Limits.PRODUCERS, true, (k, v) -> hop(k, at, h -> h.withWorkers(v.intValue())));
                    case "service" -> new SweepSetting(n, Limits.CONSUMER_DELAY_MS, false, (k, v) -> hop(k, at, h -> h.withServiceMs(v)));
                    case "capacity" -> new SweepSetting(n, Limits.CAPACITY, true, (k, v) -> hop(k, at, h -> h.withCapacity(v.intValue())));
                    default -> null;
                };
            }
        }
        return null;
    }

    private static ExperimentConfig hop(ExperimentConfig c, int at, java.util.function.UnaryOperator<Hop> edit) {
        List<Hop> hops = new ArrayList<>(c.hops());
        hops.set(at, edit.apply(hops.get(at)));
        return c.toBuilder().hops(hops).build();
    }
}
