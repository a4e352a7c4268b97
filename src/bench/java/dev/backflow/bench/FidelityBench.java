package dev.backflow.bench;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.theory.Fidelity;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the real engine on textbook queues and prints measured figures beside queueing theory,
 * with 99 % intervals by batch means, as Markdown for docs/FIDELITY.md.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=dev.backflow.bench.FidelityBench -Dbench.args=60</pre>
 *
 * The argument is the seconds each queue runs (default 60).
 */
public final class FidelityBench {

    private FidelityBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        System.out.printf(Locale.ROOT, "Each queue ran %.0f s; batches of twice the service time, at least 0.5 s (0.5 s for all these queues), the first discarded; 99 %% intervals.%n%n", seconds);
        System.out.println("| queue | ρ | policy | figure | theory | measured ± 99 % | verdict |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (SendPolicy policy : new SendPolicy[] {SendPolicy.REJECT, SendPolicy.BLOCK}) {
            for (double rho : new double[] {0.5, 0.9, 1.2}) {
                // M/M/1/5: one 5 ms exponential server, a buffer of 4.
                compare("M/M/1/5", rho, markov(policy, 4, 1, 5, rho * 200), seconds);
            }
            // M/M/4/8: four 20 ms exponential servers, a buffer of 4, ρ = 0.9.
            compare("M/M/4/8", 0.9, markov(policy, 4, 4, 20, 0.9 * 4 * 50), seconds);
        }
        System.out.println();
        System.out.println("| configured service | consumers idle | achieved mean service | error | wake-up p50 / p99 |");
        System.out.println("|---|---|---|---|---|");
        for (double ms : new double[] {0.1, 1, 5}) {
            serviceMean(ms, seconds / 3);
        }
    }

    private static ExperimentConfig markov(SendPolicy policy, int capacity, int consumers, double serviceMs, double rate) {
        return ExperimentConfig.DEFAULT.toBuilder().policy(policy).capacity(capacity).consumers(consumers)
                .consumerDelayMs(serviceMs).producerRate(rate).arrivals(new Distribution.Exponential())
                .service(new Distribution.Exponential()).seed(7).build();
    }

    /** Runs {@code c} for {@code seconds}, sampling as the window does, and prints each figure's row. */
    private static Fidelity.Report run(ExperimentConfig c, double seconds, Snapshot[] last) throws InterruptedException {
        Fidelity fidelity = new Fidelity();
        try (Engine engine = new Engine(c)) {
            Sampler sampler = new Sampler(engine, 1_000_000_000L, 60);
            engine.start();
            long end = System.nanoTime() + Math.round(seconds * 1e9);
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(16_000_000L); // one frame, as the window samples
                Snapshot s = sampler.sample().snapshot();
                fidelity.add(c, s);
                last[0] = s;
            }
            engine.stop();
            engine.awaitTermination(Duration.ofSeconds(10));
        }
        return fidelity.report();
    }

    private static void compare(String queue, double rho, ExperimentConfig c, double seconds) throws InterruptedException {
        Snapshot[] last = new Snapshot[1];
        Fidelity.Report r = run(c, seconds, last);
        for (Fidelity.Row row : r.rows()) {
            if (row.predicted() == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s ± %s | %s |%n", queue, rho, c.policy().cliName(),
                    row.figure().jsonName, fmt(row.predicted()), fmt(row.measured()), fmt(row.halfWidth()),
                    row.verdict().name().toLowerCase(Locale.ROOT));
        }
        Fidelity.Little l = r.little();
        System.out.printf(Locale.ROOT, "| %s | %.1f | %s | Little: L = λW | %s = %s/s × %s ms | residual %.2f %% | %s |%n",
                queue, rho, c.policy().cliName(), fmt(l.meanFill()), fmt(l.lambda()), fmt(l.waitSeconds() * 1000),
                l.residual() * 100, Math.abs(l.residual()) < 0.02 ? "agrees" : "disagrees");
        System.out.printf(Locale.ROOT, "| %s | %.1f | %s | model | %s | %d batches | |%n", queue, rho, c.policy().cliName(),
                r.prediction().model(), r.batches());
    }

    /** Idle consumers (ρ = 0.3, Poisson arrivals, constant service): does service take what it should? */
    private static void serviceMean(double ms, double seconds) throws InterruptedException {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().policy(SendPolicy.BLOCK).capacity(100)
                .consumerDelayMs(ms).producerRate(0.3 * 1000 / ms).arrivals(new Distribution.Exponential())
                .service(new Distribution.Constant()).seed(7).build();
        Snapshot[] last = new Snapshot[1];
        run(c, seconds, last);
        Counts n = last[0].counts();
        double busy = last[0].elapsedSeconds() - n.consumerParkedNanos() / 1e9;
        double achieved = busy / n.consumed() * 1000;
        System.out.printf(Locale.ROOT, "| %s ms | %.0f %% | %.4f ms | %+.2f %% | %s / %s ms |%n", fmt(ms),
                100.0 * n.consumerParkedNanos() / 1e9 / last[0].elapsedSeconds(), achieved, (achieved / ms - 1) * 100,
                fmt(last[0].wakeLatency().p50()), fmt(last[0].wakeLatency().p99()));
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v)
                : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
