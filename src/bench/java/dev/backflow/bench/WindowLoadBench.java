package dev.backflow.bench;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import dev.backflow.preset.PresetStore;
import dev.backflow.ui.window.MainWindow;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The window under load: the real main window, a 60 s chart window, and an experiment that makes
 * as many telemetry events as the engine can (64 producers at 100,000 items/s into a rejecting
 * buffer, a fast consumer). For {@code seconds} it records, for every pulse, the FX-thread time
 * from the start of the pulse's animation phase to the end of its layout, and counts pulses.
 * Needs a display (Xvfb is fine). Usage: {@code WindowLoadBench [seconds] [virtual|platform] [producers] [consumers] [items/s] [pipeline]}
 * (a pipeline line as {@code --pipeline} takes it replaces the one buffer). It also weighs the
 * heap after a full GC a minute into the measured time (or halfway, if shorter) and at the end;
 * pulses during those two collections (and 50 ms after the first) are not counted, and the pulse
 * rate is over the measured time less that first collection's.
 */
public final class WindowLoadBench {

    private static String[] arguments = new String[0];

    private WindowLoadBench() {
    }

    /** A plain main (not an Application), so it starts from the class path. */
    public static void main(String[] args) {
        arguments = args;
        // As the app's launcher does: one core is left to the window.
        int carriers = MainWindow.reserveACoreForTheWindow(Runtime.getRuntime().availableProcessors());
        System.out.println("virtual-thread carriers: " + (carriers < 0 ? System.getProperty(MainWindow.CARRIERS) + " (set)" : carriers));
        Application.launch(Harness.class, args);
    }

    /** The JavaFX application the harness runs. */
    public static final class Harness extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            WindowLoadBench.start(stage);
        }
    }

    static void start(Stage stage) throws Exception {
        double seconds = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 20;
        String threads = arguments.length > 1 ? arguments[1] : "virtual";
        int producers = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 64;
        int consumers = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 1;
        double rate = arguments.length > 4 ? Double.parseDouble(arguments[4]) : 100_000;
        // -Dbench.serviceMs: the consumers' mean service time (0.02 ms by default: as fast as they come).
        double serviceMs = Double.parseDouble(System.getProperty("bench.serviceMs", "0.02"));
        ExperimentConfig config = new ExperimentConfig(64, rate, serviceMs, producers, consumers).toBuilder()
                .policy(SendPolicy.REJECT).threads(dev.backflow.engine.ThreadKind.parse(threads)).build();
        if (arguments.length > 5) {
            config = dev.backflow.engine.PipelineSpec.apply(config, arguments[5]);
            System.out.println("pipeline: " + arguments[5]);
        }
        Engine engine = new Engine(config);

        long[] samples = new long[(int) (seconds * 240) + 1000];
        // CPU time per pulse (issue #21's frame budget): the FX thread's own, from its thread CPU
        // clock, and the render thread's over the same pulse, apart from the machine's waits.
        long[] fxCpu = new long[samples.length];
        long[] renderCpu = new long[samples.length];
        // Charts drawn in each counted pulse, and the running total at the last pulse.
        int[] chartsDrawn = new int[samples.length];
        long[] drawnBefore = {0};
        long[] fxPeriod = new long[samples.length];
        long[] phaseCpu = new long[2];
        // Per counted pulse: its frame-loop, animation-to-CSS, and CSS-layout-charts CPU.
        long[][] phases = new long[3][samples.length];
        // -Dbench.slowlog=FILE: the wall-clock start (epoch ms) and length of each counted pulse, to
        // match a profiler's samples to the slow ones.
        long[] pulseEpochMs = new long[samples.length];
        long[] epochNow = {0};
        int[] periods = {0};
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpuStart = {0};
        long[] renderThread = {-1};
        long[] renderBefore = {-1};
        int[] count = {0};
        long[] pulseStart = {0};
        boolean[] reported = {false};
        // Set once the window is up: the warm-up (-Dbench.warmUp seconds, 3 by default; the JIT
        // compiles for about 20 s, so a steady-state figure wants 30), then the measured time.
        long[] warmUpEnd = {Long.MAX_VALUE};
        long[] end = {Long.MAX_VALUE};
        // The pulse's clock starts in an animation timer registered before the window's own frame
        // loop (timers run in the order they started), so the window's per-frame work is counted.
        // -Dbench.spy=true: also count which parents turn dirty and which labels change (a
        // diagnostic; its listeners cost a little, so figures from a spied run are not reported).
        LayoutSpy[] spy = {null};
        boolean[] spying = {false};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (spy[0] != null && !spying[0] && System.nanoTime() > warmUpEnd[0]) {
                    spying[0] = true;
                    spy[0].start();
                }
                long cpuNow = mx.getCurrentThreadCpuTime();
                long wallNow = System.nanoTime();
                // The whole frame period just ended: everything the FX thread did from the last
                // pulse's start to this one's (the pulse, then its bounds and scene sync, input).
                if (cpuStart[0] != 0 && wallNow > warmUpEnd[0] && wallNow < end[0] && periods[0] < fxPeriod.length) {
                    fxPeriod[periods[0]++] = cpuNow - cpuStart[0];
                }
                pulseStart[0] = wallNow;
                cpuStart[0] = cpuNow;
                epochNow[0] = System.currentTimeMillis();
            }
        }.start();
        MainWindow window = new MainWindow(engine, new PresetStore(Files.createTempDirectory("bench-presets")));
        // The chart window, s (-Dbench.window; 60 by default, so a 20 s run never slides it).
        window.presets().chartWindowProperty().set(Integer.getInteger("bench.window", 60));
        stage.setScene(window.scene());
        stage.show();
        if (Boolean.getBoolean("bench.spy")) {
            spy[0] = new LayoutSpy(window.scene());
        }
        // Phase marks inside a pulse, FX CPU: after the window's frame loop, and before CSS and layout.
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                phaseCpu[0] = mx.getCurrentThreadCpuTime();
            }
        }.start();
        window.scene().addPreLayoutPulseListener(() -> phaseCpu[1] = mx.getCurrentThreadCpuTime());
        double warmUp = Double.parseDouble(System.getProperty("bench.warmUp", "3"));
        warmUpEnd[0] = System.nanoTime() + Math.round(warmUp * 1e9);
        end[0] = warmUpEnd[0] + Math.round(seconds * 1e9);
        long memoryBefore = usedMemory();
        long t0 = System.nanoTime();
        engine.start();
        long started = System.nanoTime() - t0;
        long[] heapAfterGc = {-1, -1};
        // When the weighing GC ran (start, end; Long.MAX_VALUE while not yet): a pulse that
        // overlaps it is not counted.
        java.util.concurrent.atomic.AtomicLongArray collecting = new java.util.concurrent.atomic.AtomicLongArray(
                new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
        long weighAt = warmUpEnd[0] + Math.round(Math.min(60, seconds / 2) * 1e9);
        Thread.ofPlatform().daemon().name("bench-heap").start(() -> {
            LockSupport.parkNanos(weighAt - System.nanoTime());
            collecting.set(0, System.nanoTime());
            heapAfterGc[0] = heapAfterGc();
            collecting.set(1, System.nanoTime() + 50_000_000L); // and the pulse or two that it delayed
        });

        window.scene().addPostLayoutPulseListener(() -> {
            long now = System.nanoTime();
            long cpuNow = mx.getCurrentThreadCpuTime();
            if (renderThread[0] < 0) {
                renderThread[0] = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::threadId).findFirst().orElse(0);
            }
            long render = renderThread[0] > 0 ? mx.getThreadCpuTime(renderThread[0]) : -1;
            if (now > warmUpEnd[0] && now < end[0] && pulseStart[0] != 0 && count[0] < samples.length
                    && !(pulseStart[0] <= collecting.get(1) && now >= collecting.get(0))) {
                fxCpu[count[0]] = cpuNow - cpuStart[0];
                pulseEpochMs[count[0]] = epochNow[0];
                phases[0][count[0]] = phaseCpu[0] - cpuStart[0];
                phases[1][count[0]] = phaseCpu[1] - phaseCpu[0];
                phases[2][count[0]] = cpuNow - phaseCpu[1];
                renderCpu[count[0]] = render >= 0 && renderBefore[0] >= 0 ? render - renderBefore[0] : 0;
                chartsDrawn[count[0]] = (int) (dev.backflow.ui.chart.Charts.chartsDrawn() - drawnBefore[0]);
                samples[count[0]++] = now - pulseStart[0];
            }
            renderBefore[0] = render;
            drawnBefore[0] = dev.backflow.ui.chart.Charts.chartsDrawn();
            if (now >= end[0] && !reported[0]) {
                reported[0] = true;
                if (count[0] == 0) { // nothing to take percentiles of: say so and end, not hang
                    System.out.println("pulses: none counted; measure for longer (seconds, -Dbench.warmUp)");
                    window.close();
                    Platform.exit();
                    return;
                }
                nodeCensus(window.scene().getRoot()); // the listener runs every pulse until the FX thread exits
                heapAfterGc[1] = heapAfterGc();
                System.out.printf(Locale.ROOT, "heap after GC: %,d MB at %.0f s, %,d MB at the end (%+.1f %%)%n",
                        heapAfterGc[0] >> 20, (weighAt - warmUpEnd[0]) / 1e9, heapAfterGc[1] >> 20,
                        heapAfterGc[0] > 0 ? 100.0 * (heapAfterGc[1] - heapAfterGc[0]) / heapAfterGc[0] : Double.NaN);
                double weighing = collecting.get(1) == Long.MAX_VALUE ? 0
                        : Math.max(0, Math.min(collecting.get(1), end[0]) - Math.max(collecting.get(0), warmUpEnd[0])) / 1e9;
                report(samples, count[0], seconds, weighing, engine, threads, engine.config().producers(),
                        engine.config().consumers(), started, memoryBefore);
                cpuReport(fxCpu, renderCpu, count[0]);
                chartsReport(chartsDrawn, count[0]);
                phaseReport(fxCpu, phases, count[0]);
                if (System.getProperty("bench.slowlog") != null) {
                    StringBuilder log = new StringBuilder();
                    for (int i = 0; i < count[0]; i++) {
                        log.append(pulseEpochMs[i]).append(' ').append(samples[i]).append(' ').append(fxCpu[i]).append(' ').append(chartsDrawn[i]).append('\n');
                    }
                    try {
                        Files.writeString(java.nio.file.Path.of(System.getProperty("bench.slowlog")), log);
                    } catch (java.io.IOException e) {
                        System.out.println("slow log not written: " + e.getMessage());
                    }
                }
                long[] p = Arrays.copyOf(fxPeriod, periods[0]);
                Arrays.sort(p);
                if (p.length > 0) {
                    System.out.printf(Locale.ROOT, "FX thread CPU per frame period (pulse start to next): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                            p[p.length / 2] / 1e6, p[Math.min(p.length - 1, p.length * 99 / 100)] / 1e6, p[p.length - 1] / 1e6);
                }
                if (spy[0] != null) {
                    spy[0].report(seconds, 40);
                }
                window.close(); // returns at once; the workers end in the background
                Platform.exit();
            }
        });
    }

    /** FX thread CPU per pulse, the render thread's per pulse, and the two together: p50, p99, max. */
    /** How many charts each pulse drew: the mean, and the share of pulses drawing 0, 1, 2, 3, 4 or more. */
    private static void chartsReport(int[] drawn, int n) {
        int[] pulses = new int[5];
        long total = 0;
        for (int i = 0; i < n; i++) {
            pulses[Math.min(4, drawn[i])]++;
            total += drawn[i];
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "charts drawn per pulse: mean %.2f; pulses drawing", (double) total / Math.max(1, n)));
        for (int k = 0; k < 5; k++) {
            b.append(String.format(Locale.ROOT, " %s: %.0f %%", k == 4 ? "4+" : k, 100.0 * pulses[k] / Math.max(1, n)));
            b.append(k < 4 ? "," : "");
        }
        System.out.println(b);
    }

    private static void cpuReport(long[] fx, long[] render, int n) {
        long[] f = Arrays.copyOf(fx, n);
        long[] r = Arrays.copyOf(render, n);
        long[] both = new long[n];
        for (int i = 0; i < n; i++) {
            both[i] = f[i] + r[i];
        }
        for (long[] a : new long[][] {f, r, both}) {
            Arrays.sort(a);
        }
        String[] names = {"FX thread CPU per pulse", "render thread CPU per pulse", "FX + render CPU per pulse"};
        long[][] all = {f, r, both};
        for (int k = 0; k < 3; k++) {
            long[] a = all[k];
            System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", names[k],
                    a[n / 2] / 1e6, a[Math.min(n - 1, n * 99 / 100)] / 1e6, a[n - 1] / 1e6);
        }
        System.out.flush();
    }

    /** Where the slowest 2 % of pulses spent their FX CPU, against the median pulse. */
    private static void phaseReport(long[] fx, long[][] phases, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(fx[b], fx[a]));
        int slow = Math.max(1, n / 50);
        String[] names = {"window frame loop", "other timers", "CSS + layout + chart drawing"};
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int i = 0; i < slow; i++) {
                sum += phases[k][order[i]];
            }
            long[] all = Arrays.copyOf(phases[k], n);
            Arrays.sort(all);
            System.out.printf(Locale.ROOT, "  %s: slowest 2 %% of pulses %.2f ms, median pulse %.2f ms%n",
                    names[k], sum / slow / 1e6, all[n / 2] / 1e6);
        }
    }

    /**
     * How many nodes the scene holds, and which branches hold the most: JavaFX walks every node's
     * bounds in every pulse, so the count is a cost of its own.
     */
    private static void nodeCensus(javafx.scene.Parent root) {
        java.util.Map<String, Integer> byBranch = new java.util.TreeMap<>();
        int total = count(root, "", 0, byBranch);
        System.out.printf(Locale.ROOT, "scene nodes: %,d%n", total);
        byBranch.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %,6d %s%n", e.getValue(), e.getKey()));
    }

    private static int count(javafx.scene.Node node, String path, int depth, java.util.Map<String, Integer> byBranch) {
        String name = node.getId() != null ? "#" + node.getId() : node.getClass().getSimpleName();
        String here = path.isEmpty() ? name : path + "/" + name;
        int n = 1;
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                n += count(child, here, depth + 1, byBranch);
            }
        }
        if (depth > 0 && depth <= 9 && n >= 40) {
            byBranch.put(here + (node.isVisible() ? "" : " (hidden)"), n);
        }
        return n;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return usedMemory();
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static boolean reported;

    private static void report(long[] samples, int n, double seconds, double weighing, Engine engine, String threads, int producers,
                               int consumers, long startNanos, long memoryBefore) {
        if (reported) {
            return;
        }
        reported = true;
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        var c = engine.counts();
        double elapsed = (c.atNanos() - c.startNanos()) / 1e9;
        double startMs = engine.workerStartMillis();
        System.out.printf(Locale.ROOT, "workers: %d producers + %d consumers on %s threads; start() returned in %.1f ms; %s%n",
                producers, consumers, threads, startNanos / 1e6, startMs > 0
                        ? String.format(Locale.ROOT, "all started in %.1f ms", startMs)
                        : String.format(Locale.ROOT, "only %,d running after %.0f s, still starting", engine.liveWorkers().size(),
                        (System.nanoTime() - engine.counts().startNanos()) / 1e9));
        System.out.printf(Locale.ROOT, "events: %,d offered, %,d consumed, %,d rejected in %.1f s (%.0f items/s offered), telemetry events lost %,d%n",
                c.offered(), c.consumed(), c.rejected(), elapsed, c.offered() / elapsed, c.eventsLost());
        // Not the time the heap was being weighed: its pulses were left out (before 2026-12-04 they
        // were left out but their time was not, so the rates then read low by 1-2 pulses/s).
        System.out.printf(Locale.ROOT, "pulses: %d in %.1f s (%.0f s less %.2f s weighing the heap) = %.1f per second%n",
                n, seconds - weighing, seconds, weighing, n / (seconds - weighing));
        System.out.printf(Locale.ROOT, "FX time per pulse: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                s[n / 2] / 1e6, s[Math.min(n - 1, n * 99 / 100)] / 1e6, s[n - 1] / 1e6);
        System.out.printf(Locale.ROOT, "heap used: %,d MB before start, %,d MB at end%n",
                memoryBefore >> 20, usedMemory() >> 20);
        System.out.flush();
    }
}
