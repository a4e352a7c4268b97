package dev.backflow.ui.compare;

import dev.backflow.ui.common.Fxml;
import dev.backflow.ui.common.TelemetryPump;
import dev.backflow.ui.settings.ExperimentController;
import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.WorkloadController;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.BuiltInComparison;
import dev.backflow.report.RunReport;
import dev.backflow.report.RunSummary;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The A/B window (Run → Compare A/B): two experiments at once on one seeded workload, each with
 * its own engine, telemetry pump and settings column, drawn on one time axis and read side by
 * side in a table of A, B and B − A.
 *
 * <p>Create, use and {@link #close()} on the FX thread.
 */
public final class CompareWindow {

    /** How often the table and the arrivals check are brought up to date, ns: as often as a reader can follow. */
    static final long TABLE_PERIOD_NANOS = 250_000_000L;

    private final Stage stage = new Stage();
    private final Engine engineA;
    private final Engine engineB;
    private final CompareViewModel vm;
    private final CompareCharts charts = new CompareCharts(TelemetryPump.FRAMES_PER_SECOND);
    private final TelemetryPump pumpA;
    private final TelemetryPump pumpB;
    private final RunReport reportA;
    private final RunReport reportB;
    private final AnimationTimer frameLoop;
    private final double chartWindowSeconds;
    private long tableShownAt;
    private CompletableFuture<Void> closed;

    /**
     * @param yours      the main window's settings, for "your settings, twice"
     * @param yoursName  what they are called (the preset's name, or "your settings")
     * @param builtIns   the ready-made comparisons
     * @param stylesheets the main window's style sheets, followed live (the theme)
     * @param chartWindowSeconds how many seconds the charts show
     */
    public CompareWindow(ExperimentConfig yours, String yoursName, List<BuiltInComparison> builtIns,
                  javafx.collections.ObservableList<String> stylesheets, double chartWindowSeconds) {
        this.chartWindowSeconds = chartWindowSeconds;
        engineA = new Engine(yours);
        engineB = new Engine(yours);
        vm = new CompareViewModel(engineA, engineB, builtIns);
        reportA = new RunReport(engineA);
        reportB = new RunReport(engineB);
        pumpA = pump(engineA, reportA, true);
        pumpB = pump(engineB, reportB, false);

        CompareController top = new CompareController(vm, choice -> vm.choose(choice, yours, yoursName));
        Parent root = Fxml.load("CompareView.fxml", Map.of(CompareController.class, () -> top));
        Node sideA = side("A", vm.nameAProperty(), vm.a());
        Node sideB = side("B", vm.nameBProperty(), vm.b());
        top.show(sideA, sideB, charts.view());
        vm.choose(vm.choices().getFirst(), yours, yoursName);

        // As large as the design wants, but never beyond the screen.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1500, screen.getWidth()), Math.min(900, screen.getHeight()));
        Bindings.bindContent(scene.getStylesheets(), stylesheets);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            if (e.getCode() == KeyCode.SPACE && !typing) {
                vm.startOrPause();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !typing && vm.canStopProperty().get()) {
                vm.stop(); // as in the main window: Esc stops, the counters stay
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Backflow · Compare A/B");
        stage.setOnHidden(e -> close());
        frameLoop = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame(now);
            }
        };
        frameLoop.start();
    }

    private TelemetryPump pump(Engine engine, RunReport report, boolean sideA) {
        Sampler sampler = new Sampler(engine, TelemetryPump.RATE_WINDOW_NANOS, 3 * TelemetryPump.FRAMES_PER_SECOND);
        return new TelemetryPump(sampler, frame -> {
            report.add(frame.snapshot());
            charts.append(sideA, frame);
        }, TelemetryPump.FRAMES_PER_SECOND);
    }

    /** One side's column: the main window's settings parts over that side's view model. */
    private static Node side(String letter, ObservableValue<String> name, MainViewModel side) {
        return Fxml.load("CompareSide.fxml", Map.of(
                CompareSideController.class, () -> new CompareSideController(letter, name, side),
                ExperimentController.class, () -> new ExperimentController(side),
                WorkloadController.class, () -> new WorkloadController(side)));
    }

    /** Once per frame on the FX thread: counters and state, the time axis, and a few times a second the table. */
    private void onFrame(long now) {
        Snapshot a = pumpA.latest();
        Snapshot b = pumpB.latest();
        vm.a().refresh(a);
        vm.b().refresh(b);
        vm.showState();
        charts.showWindow(chartWindowSeconds, idleCapacity(vm.a()), idleCapacity(vm.b()));
        for (TelemetryPump p : List.of(pumpA, pumpB)) {
            String problem = p.takeProblem();
            if (problem != null) {
                (p == pumpA ? vm.a() : vm.b()).reportProblem(problem);
            }
        }
        if (now - tableShownAt >= TABLE_PERIOD_NANOS) {
            tableShownAt = now;
            showTable(a, b);
        }
    }

    /** A side's buffer setting, for its panel before it runs (0 if unbounded: nothing to show yet). */
    private static int idleCapacity(MainViewModel side) {
        ExperimentConfig c = side.config();
        return c.policy().bounded() ? c.capacity() : 0;
    }

    /** Fills the table once both runs have begun. FX thread. */
    private void showTable(Snapshot a, Snapshot b) {
        if (a == null || b == null || a.counts().runId() == 0 || b.counts().runId() == 0) {
            return;
        }
        vm.showSummaries(summary(engineA, reportA, a), summary(engineB, reportB, b),
                engineA.outcome() == null, engineB.outcome() == null);
        vm.checkArrivals();
    }

    private static RunSummary summary(Engine engine, RunReport report, Snapshot s) {
        RunOutcome outcome = engine.outcome();
        return report.summary(engine.runConfig(), s, outcome == null ? RunOutcome.STOPPED : outcome,
                outcome == null ? "still running" : engine.outcomeReason(), null);
    }

    public void show() {
        stage.show();
    }

    /** Brings the window to the front. */
    public void toFront() {
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    CompareViewModel viewModel() {
        return vm;
    }

    Engine engine(boolean sideA) {
        return sideA ? engineA : engineB;
    }

    /** Shows the table now rather than at its next quarter second. For tests. */
    void showTableNow() {
        showTable(pumpA.latest(), pumpB.latest());
    }

    /**
     * Stops both runs and the frame loop and hides the window; the pumps and workers end in the
     * background. Never blocks the FX thread. Repeated calls return the same future.
     *
     * @return completes when both runs' workers and both pumps have ended
     */
    public CompletableFuture<Void> close() {
        if (closed != null) {
            return closed;
        }
        frameLoop.stop();
        engineA.stop();
        engineB.stop();
        closed = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("backflow-compare-close").start(() -> {
            try {
                pumpA.close();
                pumpB.close();
                engineA.awaitTermination(Duration.ofSeconds(30));
                engineB.awaitTermination(Duration.ofSeconds(30));
                closed.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed.completeExceptionally(e);
            }
        });
        if (stage.isShowing()) {
            stage.hide();
        }
        return closed;
    }
}
