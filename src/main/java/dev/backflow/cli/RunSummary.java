package dev.backflow.cli;

import dev.backflow.units.Units;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.PresetCodec;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Snapshot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable result of a headless run. Field names are a stable format, documented
 * in docs/cli.md: add fields, never rename or remove them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(Map<String, Object> config, String outcome, String reason, double elapsedSeconds,
                         long offered, long consumed, long rejected, long dropped, long timedOut, long queuedAtEnd,
                         long inServiceAtEnd, long abandoned, long lostOnClose, long producerParks,
                         double producerParkedSeconds, double consumerIdleSeconds, double meanFill, int maxFill,
                         double throughputPerSecond, Map<String, Double> queueWaitMillis, long eventsLost,
                         long memoryBytesAtEnd, double workersStartMillis, List<ProducerParks> perProducer) {

    /** Most producers listed one by one in {@link #perProducer}. */
    static final int MAX_LISTED_PRODUCERS = 100;

    /**
     * One producer's parks.
     *
     * @param producer      1-based number
     * @param parks         times it parked
     * @param parkedSeconds total time parked
     */
    public record ProducerParks(int producer, long parks, double parkedSeconds) {
    }

    /** Builds the summary from the final snapshot of a run. */
    static RunSummary of(ExperimentConfig c, Snapshot s, RunOutcome outcome, String reason, Engine.ProducerStats[] producers,
                         double workersStartMillis) {
        Counts n = s.counts();
        Map<String, Double> wait = new LinkedHashMap<>();
        wait.put("p50", round(s.queueWait().p50()));
        wait.put("p90", round(s.queueWait().p90()));
        wait.put("p99", round(s.queueWait().p99()));
        wait.put("max", round(s.queueWait().max()));
        List<ProducerParks> per = producers.length > MAX_LISTED_PRODUCERS ? null : Arrays.stream(producers)
                .map(p -> new ProducerParks(p.producer(), p.parks(), round(p.parkedNanos() / 1e9))).toList();
        double elapsed = s.elapsedSeconds();
        return new RunSummary(configMap(c), outcome.jsonName(), reason, round(elapsed), n.offered(), n.consumed(),
                n.rejected(), n.dropped(), n.timedOut(), n.fill(), n.inService(), n.abandoned(), n.lostOnClose(),
                n.producerParks(), round(n.producerParkedNanos() / 1e9), round(n.consumerParkedNanos() / 1e9),
                round(s.meanFill()), s.maxFill(), round(elapsed > 0 ? n.consumed() / elapsed : 0), wait,
                n.eventsLost(), n.memoryBytes(), round(workersStartMillis), per);
    }

    /** The config as it appears under {@code config} in JSON: the same names as a preset's settings. */
    static Map<String, Object> configMap(ExperimentConfig c) {
        return PresetCodec.settings(c);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }

    /** The summary as a person reads it. */
    String toText() {
        StringBuilder b = new StringBuilder();
        Map<String, Object> c = config;
        b.append(String.format(Locale.ROOT, "Backflow run: policy %s, capacity %s, %s producer(s) at %s items/s total, "
                        + "%s consumer(s) at %s ms per item%n", c.get("policy"), fmt(c.get("capacity")), fmt(c.get("producers")),
                fmt(c.get("producerRate")), fmt(c.get("consumers")), fmt(c.get("consumerDelayMs"))));
        b.append(String.format(Locale.ROOT, "Outcome: %s after %.2f s (%s)%n", outcome, elapsedSeconds, reason));
        b.append(String.format(Locale.ROOT, "Offered %,d · consumed %,d · rejected %,d · dropped %,d · timed out %,d · queued at end %,d%n",
                offered, consumed, rejected, dropped, timedOut, queuedAtEnd));
        b.append(String.format(Locale.ROOT, "Producer parks %,d, parked %.2f s in total · consumers idle %.2f s%n",
                producerParks, producerParkedSeconds, consumerIdleSeconds));
        b.append(String.format(Locale.ROOT, "Fill: mean %.2f, max %,d · throughput %.2f items/s%n", meanFill, maxFill, throughputPerSecond));
        b.append(String.format(Locale.ROOT, "Queue wait: p50 %.2f ms · p90 %.2f ms · p99 %.2f ms · max %.2f ms%n",
                queueWaitMillis.get("p50"), queueWaitMillis.get("p90"), queueWaitMillis.get("p99"), queueWaitMillis.get("max")));
        if (memoryBytesAtEnd > 0 || "unbounded".equals(c.get("policy"))) {
            b.append(String.format(Locale.ROOT, "Memory queued at end: %,d bytes (budget %s)%n", memoryBytesAtEnd, fmt(c.get("memoryBudgetBytes"))));
        }
        b.append(String.format(Locale.ROOT, "Workers: %s %s threads, all started in %.1f ms%n",
                fmt((Integer) c.get("producers") + (Integer) c.get("consumers")), c.get("threads"), workersStartMillis));
        b.append(String.format(Locale.ROOT, "Telemetry events lost: %,d%n", eventsLost));
        return b.toString();
    }

    private static String fmt(Object o) {
        return o instanceof Number n ? dev.backflow.units.Units.number(n.doubleValue()) : String.valueOf(o);
    }
}
