package dev.backflow.bench;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.TelemetryEvent;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's timing truthfulness, measured end to end on the real engine:
 * <ul>
 *   <li>{@code pacing}: achieved versus configured producer rate (fast consumer), and achieved
 *       versus configured consumer delay (producer always ahead);</li>
 *   <li>{@code reconfigure}: from {@code reconfigure()} to the producer acting on the new rate,
 *       while it is in the middle of a 5-second sleep;</li>
 *   <li>{@code cpu}: what 10,000 producers + 10,000 consumers at 100,000 items/s cost the
 *       process, per offered item, with one carrier thread as the app has on 2 cores (run it
 *       once more with {@code -Dbackflow.wakeTimer=false} to compare with the JDK's timed parks).
 *       Not part of {@code all}: it sets the carriers, which must happen before any virtual thread starts.</li>
 * </ul>
 * Usage: {@code EngineBench [pacing|reconfigure|wake|cpu|all] [seconds per point]}. Prints Markdown tables.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        if (what.equals("pacing") || what.equals("all")) {
            pacing(seconds);
        }
        if (what.equals("reconfigure") || what.equals("all")) {
            reconfigure(200);
        }
        if (what.equals("wake") || what.equals("all")) {
            wake(200);
        }
        if (what.equals("cpu")) { // not in "all": it must set the carriers before any virtual thread starts
            cpu(seconds);
        }
    }

    /**
     * Process CPU per offered item at 10,000 + 10,000 virtual workers and 100,000 items/s, with
     * one carrier (as the app keeps on a 2-core machine), after 5 s of warm-up.
     */
    static void cpu(double seconds) throws InterruptedException {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism",
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)));
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        boolean ticks = !"false".equals(System.getProperty("backflow.wakeTimer"));
        System.out.println("### 10,000 producers + 10,000 consumers at 100,000 items/s, capacity 64 rejecting; carriers: "
                + System.getProperty("jdk.virtualThreadScheduler.parallelism") + "; wake timer " + (ticks ? "on" : "off")
                + "; " + seconds + " s per point after 5 s\n");
        System.out.println("| service | offered items/s | consumed items/s | process CPU, % of a core | CPU per offered item |");
        System.out.println("|---|---|---|---|---|");
        for (double ms : new double[] {0.02, 20}) {
            try (Engine e = new Engine(new ExperimentConfig(64, 100_000, ms, 10_000, 10_000).toBuilder()
                    .policy(dev.backflow.engine.SendPolicy.REJECT).build())) {
                e.start();
                Tally t = new Tally();
                long warm = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < warm) {
                    LockSupport.parkNanos(16_000_000L);
                    t.drain(e); // events drained as the window's pump would
                }
                var c0 = e.counts();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long end = t0 + Math.round(seconds * 1e9);
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(16_000_000L);
                    t.drain(e);
                }
                var c1 = e.counts();
                double s = (System.nanoTime() - t0) / 1e9;
                long cpu = os.getProcessCpuTime() - cpu0;
                long offered = c1.offered() - c0.offered();
                System.out.printf(Locale.ROOT, "| %s ms | %,.0f | %,.0f | %.0f %% | %.1f µs |%n", ms, offered / s,
                        (c1.consumed() - c0.consumed()) / s, 100 * cpu / 1e9 / s, cpu / 1e3 / Math.max(1, offered));
                e.stop();
                e.awaitTermination(Duration.ofSeconds(30));
            }
        }
        System.out.println();
    }

    /** Counts Produced / Consumed events and remembers the first and last time of each. */
    private static final class Tally {
        long produced, consumed, firstProduced, lastProduced, firstConsumed, lastConsumed, lost;

        void drain(Engine e) {
            e.drainEvents(ev -> {
                // An offer is an item that entered the buffer or was refused at the door.
                long offeredAt = ev instanceof TelemetryEvent.Produced p ? p.atNanos()
                        : ev instanceof TelemetryEvent.ItemRejected r ? r.atNanos() : -1;
                if (offeredAt >= 0) {
                    if (produced++ == 0) {
                        firstProduced = offeredAt;
                    }
                    lastProduced = Math.max(lastProduced, offeredAt);
                } else if (ev instanceof TelemetryEvent.Consumed c) {
                    if (consumed++ == 0) {
                        firstConsumed = c.atNanos();
                    }
                    lastConsumed = c.atNanos();
                }
            }, Integer.MAX_VALUE);
        }

        /** Items per second between the first and last event (n-1 gaps). */
        static double rate(long n, long first, long last) {
            return n < 2 || last <= first ? Double.NaN : (n - 1) * 1e9 / (last - first);
        }
    }

    private static Tally run(ExperimentConfig c, double seconds) throws InterruptedException {
        Tally t = new Tally();
        try (Engine e = new Engine(c)) {
            e.start();
            long end = System.nanoTime() + Math.round(seconds * 1e9);
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(5_000_000L);
                t.drain(e);
            }
            e.stop();
            e.awaitTermination(Duration.ofSeconds(10));
            t.drain(e);
            t.lost = e.counts().eventsLost();
        }
        return t;
    }

    static void pacing(double seconds) throws InterruptedException {
        System.out.println("### Producer rate (1 producer, capacity 10,000 rejecting when full, consumer delay 0; " + seconds + " s per point)\n");
        System.out.println("| configured items/s | achieved items/s | error | events lost |");
        System.out.println("|---|---|---|---|");
        for (double rate : new double[] {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000}) {
            // Rejecting when full, so a consumer slower than the producer (at 1,000,000/s) cannot
            // hold the producer back: what is measured is the pacing alone.
            Tally t = run(new ExperimentConfig(10_000, rate, 0, 1, 1).toBuilder()
                    .policy(dev.backflow.engine.SendPolicy.REJECT).build(), seconds);
            // Lost events (a full ring) would make the count short: the error column says so then.
            double achieved = Tally.rate(t.produced, t.firstProduced, t.lastProduced);
            System.out.printf(Locale.ROOT, "| %,.0f | %,.2f | %+.2f %% | %,d |%n", rate, achieved, (achieved / rate - 1) * 100, t.lost);
        }
        System.out.println("\n### Consumer delay (1 consumer, capacity 100, producer always ahead; " + seconds + " s per point)\n");
        System.out.println("| configured ms | achieved ms per item | error |");
        System.out.println("|---|---|---|");
        for (double ms : new double[] {0.1, 1, 10, 100}) {
            double rate = Math.min(100_000, 2_000 / ms);
            Tally t = run(new ExperimentConfig(100, rate, ms, 1, 1), seconds);
            double achievedMs = 1_000 / Tally.rate(t.consumed, t.firstConsumed, t.lastConsumed);
            System.out.printf(Locale.ROOT, "| %.1f | %.4f | %+.2f %% |%n", ms, achievedMs, (achievedMs / ms - 1) * 100);
        }
        System.out.println();
    }

    static void reconfigure(int samples) throws InterruptedException {
        long[] micros = new long[samples];
        for (int i = 0; i < samples; i++) {
            // 0.2 items/s: after its first item the producer sleeps 5 s.
            try (Engine e = new Engine(new ExperimentConfig(1_000, 0.2, 0, 1, 1))) {
                e.start();
                Tally t = new Tally();
                while (t.produced < 1) {
                    LockSupport.parkNanos(200_000L);
                    t.drain(e);
                }
                Thread producer = Thread.getAllStackTraces().keySet().stream()
                        .filter(th -> th.getName().equals("producer-1")).findFirst().orElse(null);
                while (producer != null && producer.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                e.reconfigure(e.config().withProducerRate(10_000));
                while (t.produced < 2) {
                    Thread.onSpinWait();
                    t.drain(e);
                }
                micros[i] = (t.lastProduced - t0) / 1_000;
            }
        }
        percentiles(String.format(Locale.ROOT, "Reconfigure latency (%d samples; producer mid-way through a 5 s sleep)", samples),
                micros, 1e3);
    }

    /**
     * What a live change to one stage costs its caller (the FX thread in the window) when another
     * stage has 10,000 workers: the time {@code reconfigure()} takes to change the middle stage's
     * service time, which wakes that stage's one worker (issue #22; every worker before it).
     */
    static void wake(int samples) throws InterruptedException {
        ExperimentConfig c = dev.backflow.engine.PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 1/s | 100 block | one 1000ms | 100 block | sink 1000ms x10000");
        long[] nanos = new long[samples];
        try (Engine e = new Engine(c)) {
            e.start();
            while (e.liveWorkers().size() < 10_002) {
                LockSupport.parkNanos(10_000_000L);
            }
            for (int i = 0; i < samples; i++) {
                ExperimentConfig now = e.config();
                double next = now.hops().get(0).serviceMs() == 1000 ? 900 : 1000;
                ExperimentConfig changed = now.toBuilder().hops(java.util.List.of(now.hops().get(0).withServiceMs(next))).build();
                long t0 = System.nanoTime();
                e.reconfigure(changed);
                nanos[i] = System.nanoTime() - t0;
                LockSupport.parkNanos(5_000_000L); // let the woken workers settle between samples
            }
        }
        percentiles(String.format(Locale.ROOT, "A stage's new service time beside 10,000 sink workers: reconfigure() call (%d samples)",
                samples), nanos, 1e6);
    }

    /** Prints a Markdown table of p50, p90, p99 and max of {@code samples}, in ms ({@code perMs} units to a millisecond). */
    private static void percentiles(String title, long[] samples, double perMs) {
        Arrays.sort(samples);
        int n = samples.length;
        System.out.printf(Locale.ROOT, "### %s%n%n", title);
        System.out.println("| p50 | p90 | p99 | max |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %.3f ms | %.3f ms | %.3f ms | %.3f ms |%n%n", samples[n / 2] / perMs,
                samples[n * 9 / 10] / perMs, samples[n * 99 / 100] / perMs, samples[n - 1] / perMs);
    }
}
