package dev.backflow.ui.settings;

import dev.backflow.units.Units;
import dev.backflow.engine.Backoff;
import dev.backflow.engine.Change;
import dev.backflow.engine.Distribution;
import dev.backflow.engine.RetryBudget;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Limits;

import dev.backflow.units.Units.Unit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A per-run setting typed into a text box: how its text is shown, parsed and applied to a
 * config. Parsing failures and range problems become messages for a person.
 */
public enum RunField {
    PRODUCERS(c -> fmt(c.producers()), (c, t) -> c.toBuilder().producers((int) Limits.PRODUCERS.parseWhole(t)).build()),
    CONSUMERS(c -> fmt(c.consumers()), (c, t) -> c.toBuilder().consumers((int) Limits.CONSUMERS.parseWhole(t)).build()),
    TIMEOUT(c -> fmt(c.timeoutMs()), (c, t) -> c.toBuilder().timeoutMs(Limits.TIMEOUT_MS.parse(t)).build()),
    ITEM_SIZE(c -> fmt(c.itemSizeBytes()), (c, t) -> c.toBuilder().itemSizeBytes(Limits.ITEM_SIZE.parseWhole(t)).build()),
    MEMORY_BUDGET(c -> mebibytes(c.memoryBudgetBytes()), (c, t) -> c.toBuilder().memoryBudgetBytes(Limits.MEMORY_BUDGET.parseWhole(t)).build()),
    ITEMS(c -> fmt(c.items()), (c, t) -> c.toBuilder().items(Limits.ITEMS.parseWhole(t)).build()),
    DURATION(c -> fmt(c.durationSeconds()), (c, t) -> c.toBuilder().durationSeconds(Limits.DURATION_S.parse(t)).build()),
    SEED(c -> Long.toString(c.seed()), (c, t) -> c.toBuilder().seed(seed(t)).build()),
    ARRIVAL_JITTER(c -> jitterOf(c.arrivals()), (c, t) -> c.toBuilder().arrivals(new Distribution.Uniform(
            Distribution.parseJitter(t, Unit.PERCENT))).build()),
    SERVICE_JITTER(c -> jitterOf(c.service()), (c, t) -> c.toBuilder().service(new Distribution.Uniform(
            Distribution.parseJitter(t, Unit.PERCENT))).build()),
    BURST(c -> burstOf(c.arrivals()), (c, t) -> c.toBuilder().arrivals(Distribution.parseBursts(t)).build()),
    /** Each attempt's deadline, ms; 0 for none. */
    DEADLINE(c -> fmt(c.callers().deadlineMs()),
            (c, t) -> c.toBuilder().callers(c.callers().withDeadlineMs(Limits.DEADLINE_MS.parse(t))).build()),
    RETRIES(c -> fmt(c.callers().retries()),
            (c, t) -> c.toBuilder().callers(c.callers().withRetries((int) Limits.RETRIES.parseWhole(t))).build()),
    BACKOFF_BASE(c -> fmt(c.callers().backoff().baseMs()), (c, t) -> c.toBuilder().callers(c.callers().withBackoff(
            new Backoff(c.callers().backoff().law(), Limits.BACKOFF_MS.parse(t), c.callers().backoff().capMs()))).build()),
    BACKOFF_CAP(c -> fmt(c.callers().backoff().capMs()), (c, t) -> c.toBuilder().callers(c.callers().withBackoff(
            new Backoff(c.callers().backoff().law(), c.callers().backoff().baseMs(), Limits.BACKOFF_MS.parse(t)))).build()),
    /** {@code TOKENS/RATIO}, or empty for no budget. */
    RETRY_BUDGET(c -> c.callers().budget() == null ? "" : c.callers().budget().format(),
            (c, t) -> c.toBuilder().callers(c.callers().withBudget(t.isBlank() ? null : RetryBudget.parse(t))).build()),
    /** CoDel on the first link, {@code TARGET/INTERVAL}, or empty for none. */
    CODEL(c -> c.codel() == null ? "" : c.codel().format(),
            (c, t) -> c.toBuilder().codel(t.isBlank() ? null : dev.backflow.engine.CoDel.parse(t)).build()),
    /** The first link as a demand link: its replenish point ({@code 75%}), or empty for a plain buffer. */
    DEMAND(c -> c.demand() == null ? "" : c.demand().format(),
            (c, t) -> c.toBuilder().demand(t.isBlank() ? null : dev.backflow.engine.Demand.parsePercent(t)).build()),
    /** An adaptive concurrency limit in front of the consumers ({@code gradient2}), or empty for none. */
    LIMIT(c -> c.sinkLimit() == null ? "" : c.sinkLimit().format(),
            (c, t) -> c.toBuilder().sinkLimit(t.isBlank() ? null : dev.backflow.engine.AdaptiveLimit.parse(t)).build()),
    /** The scheduled changes, {@code ; } between two. */
    CHANGES(c -> String.join("; ", c.changes().stream().map(Change::format).toList()),
            (c, t) -> c.toBuilder().changes(java.util.Arrays.stream(t.split(";")).map(String::strip)
                    .filter(x -> !x.isEmpty()).map(Change::parse).toList()).build());

    private final Function<ExperimentConfig, String> show;
    private final BiFunction<ExperimentConfig, String, ExperimentConfig> apply;

    RunField(Function<ExperimentConfig, String> show, BiFunction<ExperimentConfig, String, ExperimentConfig> apply) {
        this.show = show;
        this.apply = apply;
    }

    /** The field's current value as text. */
    public String show(ExperimentConfig c) {
        return show.apply(c);
    }

    /**
     * The config with this field set from {@code text}.
     *
     * @throws IllegalArgumentException with a message for a person
     */
    public ExperimentConfig apply(ExperimentConfig c, String text) {
        return apply.apply(c, text == null ? "" : text.strip());
    }

    private static String fmt(double v) {
        return Units.number(v);
    }

    private static String mebibytes(long bytes) {
        return bytes % (1L << 20) == 0 ? Units.format(bytes >> 20, Unit.MEBIBYTES) : fmt(bytes);
    }

    private static long seed(String t) {
        return Limits.parseSeed(t);
    }

    private static String jitterOf(Distribution d) {
        return Units.format((d instanceof Distribution.Uniform u ? u : Distribution.Uniform.DEFAULT).jitter() * 100, Unit.PERCENT);
    }

    private static String burstOf(Distribution d) {
        return (d instanceof Distribution.Bursty b ? b : Distribution.Bursty.DEFAULT).params();
    }
}
