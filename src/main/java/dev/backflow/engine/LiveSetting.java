package dev.backflow.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A setting that applies to a running experiment at once: where its value lives in an
 * {@link ExperimentConfig}, and which stage's workers must be woken to see a new value before
 * their current wait ends. The one route for a live change: {@link Engine#reconfigure} publishes
 * the new config once, then asks each setting that changed what it concerns; nothing else in
 * the engine knows which settings are live.
 *
 * <p>Stages are numbered as in {@link dev.backflow.telemetry.StageCounts}: 0 the source, 1 to
 * {@code hops} the middle stages, {@code hops + 1} the sink. Links as in
 * {@link ExperimentConfig#policyOf}: 0 next to the source.
 */
public sealed interface LiveSetting {

    /** The value in {@code c}, or NaN where it does not apply (a link without a deadline, a stage {@code c} lacks). */
    double read(ExperimentConfig c);

    /**
     * {@code c} with this setting at {@code value}.
     *
     * @throws IllegalArgumentException if the value is out of range or the setting does not apply
     */
    ExperimentConfig write(ExperimentConfig c, double value);

    /**
     * The stage whose workers wait on this setting (a producer sleeps until its next item is due,
     * a worker until its service ends) and must be woken to apply a new value at once; -1 if
     * none does (a capacity is pushed into its link, a deadline is read at the next send).
     */
    int wakes(ExperimentConfig c);

    /** The source's total rate, items/s: its producers wait for their next due time. */
    record SourceRate() implements LiveSetting {
        @Override public double read(ExperimentConfig c) { return c.producerRate(); }
        @Override public ExperimentConfig write(ExperimentConfig c, double v) { return c.toBuilder().producerRate(v).build(); }
        @Override public int wakes(ExperimentConfig c) { return 0; }
    }

    /** The sink's mean service time, ms. */
    record SinkService() implements LiveSetting {
        @Override public double read(ExperimentConfig c) { return c.consumerDelayMs(); }
        @Override public ExperimentConfig write(ExperimentConfig c, double v) { return c.toBuilder().consumerDelayMs(v).build(); }
        @Override public int wakes(ExperimentConfig c) { return c.hops().size() + 1; }
    }

    /** Middle stage {@code hop}'s mean service time, ms (hop 0 is stage 1). */
    record StageService(int hop) implements LiveSetting {
        @Override public double read(ExperimentConfig c) { return hop < c.hops().size() ? c.hops().get(hop).serviceMs() : Double.NaN; }
        @Override public ExperimentConfig write(ExperimentConfig c, double v) { return withHop(c, hop, c.hops().get(hop).withServiceMs(v)); }
        @Override public int wakes(ExperimentConfig c) { return hop + 1; }
    }

    /**
     * Middle stage {@code hop}'s workers. More start from the run's launcher; fewer leave as
     * they finish an item, so the stage's workers are woken to look.
     */
    record StageWorkers(int hop) implements LiveSetting {
        @Override public double read(ExperimentConfig c) { return hop < c.hops().size() ? c.hops().get(hop).workers() : Double.NaN; }
        @Override public ExperimentConfig write(ExperimentConfig c, double v) { return withHop(c, hop, c.hops().get(hop).withWorkers(whole(v))); }
        @Override public int wakes(ExperimentConfig c) { return hop + 1; }
    }

    /** Link {@code link}'s capacity, items: pushed into the link, which lets parked senders in. */
    record LinkCapacity(int link) implements LiveSetting {
        @Override public double read(ExperimentConfig c) { return link < c.links() ? c.capacitySettingOf(link) : Double.NaN; }

        @Override
        public ExperimentConfig write(ExperimentConfig c, double v) {
            return link == 0 ? c.withCapacity(whole(v)) : withHop(c, link - 1, c.hops().get(link - 1).withCapacity(whole(v)));
        }

        @Override public int wakes(ExperimentConfig c) { return -1; }
    }

    /** Link {@code link}'s send deadline, ms, while its policy is a timeout: read at each send. */
    record LinkTimeout(int link) implements LiveSetting {
        @Override
        public double read(ExperimentConfig c) {
            return link < c.links() && c.policyOf(link) instanceof SendPolicy.Timeout t ? t.millis() : Double.NaN;
        }

        @Override
        public ExperimentConfig write(ExperimentConfig c, double v) {
            if (Double.isNaN(read(c))) {
                throw new IllegalArgumentException("link " + (link + 1) + " has no timeout to set");
            }
            return link == 0 ? c.toBuilder().timeoutMs(v).build()
                    : withHop(c, link - 1, c.hops().get(link - 1).withPolicy(new SendPolicy.Timeout(v)));
        }

        @Override public int wakes(ExperimentConfig c) { return -1; }
    }

    /** Every live setting of {@code c}'s shape, from the source on. */
    static List<LiveSetting> of(ExperimentConfig c) {
        List<LiveSetting> all = new ArrayList<>();
        all.add(new SourceRate());
        for (int l = 0; l < c.links(); l++) {
            all.add(new LinkCapacity(l));
            all.add(new LinkTimeout(l));
            if (l < c.hops().size()) {
                all.add(new StageService(l));
                all.add(new StageWorkers(l));
            }
        }
        all.add(new SinkService());
        return all;
    }

    /**
     * The live settings whose values differ between {@code from} and {@code to}; empty if their
     * shapes differ (a new shape applies at the next start).
     */
    static List<LiveSetting> changed(ExperimentConfig from, ExperimentConfig to) {
        if (from.links() != to.links()) {
            return List.of();
        }
        List<LiveSetting> changed = new ArrayList<>(2);
        for (LiveSetting s : of(from)) { // a plain loop: reconfigure runs on the FX thread, often still interpreted
            if (Double.compare(s.read(from), s.read(to)) != 0) {
                changed.add(s);
            }
        }
        return changed;
    }

    /**
     * {@code base} (a run's shape and per-run settings) with every live setting that applies to
     * it taken from {@code now}: what a running experiment works under.
     */
    static ExperimentConfig overlay(ExperimentConfig base, ExperimentConfig now) {
        if (base.links() != now.links()) {
            return base.toBuilder().producerRate(now.producerRate()).consumerDelayMs(now.consumerDelayMs())
                    .capacity(now.capacity()).timeoutMs(now.timeoutMs()).build();
        }
        ExperimentConfig c = base;
        for (LiveSetting s : of(base)) {
            double was = s.read(base);
            double v = s.read(now);
            if (!Double.isNaN(was) && !Double.isNaN(v) && Double.compare(was, v) != 0) {
                c = s.write(c, v);
            }
        }
        // The first link's deadline is a setting of its own even while its policy is another.
        return c.timeoutMs() == now.timeoutMs() ? c : c.toBuilder().timeoutMs(now.timeoutMs()).build();
    }

    private static ExperimentConfig withHop(ExperimentConfig c, int hop, Hop h) {
        List<Hop> hops = new ArrayList<>(c.hops());
        hops.set(hop, h);
        return c.toBuilder().hops(hops).build();
    }

    private static int whole(double v) {
        return (int) Math.round(v);
    }
}
