package dev.backflow.ui.window;

import dev.backflow.ui.chart.ChartPresenter;
import dev.backflow.ui.chart.ChartsController;
import dev.backflow.ui.chart.TimeView;
import dev.backflow.ui.common.Dialogs;
import dev.backflow.ui.common.Fxml;
import dev.backflow.ui.common.TelemetryPump;
import dev.backflow.ui.common.ThemeSwitch;
import dev.backflow.ui.compare.CompareWindow;
import dev.backflow.ui.log.EventLog;
import dev.backflow.ui.log.EventLogController;
import dev.backflow.ui.pipeline.PipelineController;
import dev.backflow.ui.pipeline.PipelineView;
import dev.backflow.ui.presets.PresetActions;
import dev.backflow.ui.presets.PresetBarController;
import dev.backflow.ui.presets.PresetsViewModel;
import dev.backflow.ui.runfile.ExportActions;
import dev.backflow.ui.runfile.RunExports;
import dev.backflow.ui.runfile.RunViewer;
import dev.backflow.ui.settings.CountersController;
import dev.backflow.ui.settings.ExperimentController;
import dev.backflow.ui.settings.MainViewModel;
import dev.backflow.ui.settings.WorkloadController;
import dev.backflow.ui.theory.TheoryController;
import dev.backflow.ui.theory.TheoryFeed;

import dev.backflow.engine.Engine;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.Snapshot;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;

import javafx.application.Platform;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Assembles the main window around an engine: view model, chart, telemetry pump, FXML view
 * and the per-frame loop. Used by {@link dev.backflow.App} and by the window tests.
 *
 * <p>Create and {@link #close()} on the FX thread.
 */
public final class MainWindow {

    /** How often telemetry is sampled and the chart extended. */
    public static final int FRAMES_PER_SECOND = TelemetryPump.FRAMES_PER_SECOND;

    /** The system property that sets how many carrier threads run the JVM's virtual threads. */
    public static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    /**
     * Leaves one core to the window: a run's virtual threads get one carrier thread fewer than
     * there are cores (at least one), unless the property is already set. Measured on 2 cores at
     * the maximum event rate (docs/BENCHMARKS.md): the engine still offers its full rate on one
     * carrier, and the FX thread, no longer preempted by workers, paints 54 frames a second
     * instead of 49. Call before any virtual thread is made (the scheduler reads it once).
     *
     * @return the number of carriers chosen, or -1 if it was set already
     */
    public static int reserveACoreForTheWindow(int cores) {
        if (System.getProperty(CARRIERS) != null) {
            return -1;
        }
        int carriers = Math.max(1, cores - 1);
        System.setProperty(CARRIERS, Integer.toString(carriers));
        return carriers;
    }

    private final Engine engine;
    private final MainViewModel viewModel;
    private final ChartPresenter chart;
    private final PipelineView pipelineView = new PipelineView();
    private final EventLog eventLog;
    private final PresetsViewModel presets;
    private final ExecutorService presetFiles;
    private final Dialogs dialogs;
    private final TelemetryPump pump;
    private final TheoryFeed theory;
    private final ThemeSwitch theme;
    /** The run's series and events, for File → Export. */
    private final dev.backflow.telemetry.RunHistory history = new dev.backflow.telemetry.RunHistory();
    private final RunExports exports;
    /** Each link's waits, for File → Export summary. */
    private final dev.backflow.report.RunReport report;
    /** Made by the FXML loader (through the controller factory). */
    private TheoryController theoryPanel;
    private ChartsController chartsPanel;
    private EventLogController logPanel;
    /** The live window, or a range zoomed or panned to. */
    private final TimeView timeView = new TimeView();
    private final AnimationTimer frameLoop;
    private final Scene scene;
    private volatile CompletableFuture<Void> filesSaved = CompletableFuture.completedFuture(null);
    private final dev.backflow.preset.PresetStore store;
    private final SlowMotion slowMotion;

    /** The A/B window, once opened (Run → Compare A/B). */
    private CompareWindow compare;
    /** The Sweep window, once opened (Run → Sweep). */
    private dev.backflow.ui.sweep.SweepWindow sweep;

    public MainWindow(Engine engine, dev.backflow.preset.PresetStore store) {
        this.engine = Objects.requireNonNull(engine);
        this.store = Objects.requireNonNull(store);
        viewModel = new MainViewModel(engine);
        slowMotion = new SlowMotion(engine);
        chart = new ChartPresenter(FRAMES_PER_SECOND);
        slowMotion.slowdownProperty().subscribe(s -> chart.setTimeAxisName(SlowMotion.timeAxisName(s.intValue())));
        // In slow motion a rate window spans more frames: the rate meters are sized for the slowest.
        Sampler sampler = new Sampler(engine, TelemetryPump.RATE_WINDOW_NANOS,
                3 * FRAMES_PER_SECOND * dev.backflow.engine.TimeScale.CHOICES.getLast());
        eventLog = new EventLog();
        theory = new TheoryFeed(engine, viewModel::isAdjusting);
        report = new dev.backflow.report.RunReport(engine);
        pump = new TelemetryPump(sampler, frame -> {
            history.add(frame);
            report.add(frame.snapshot());
            theory.accept(frame.snapshot());
            dev.backflow.theory.Fidelity.Report r = theory.report();
            chart.setTheory(r == null ? null : r.prediction().meanFill(), r == null ? null : r.prediction().throughputPerSecond());
            chart.append(frame);
            eventLog.offer(frame);
        }, FRAMES_PER_SECOND);

        // Preset files are read and written on their own thread, never on the FX thread.
        presetFiles = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("backflow-preset-files").factory());
        presets = new PresetsViewModel(store, viewModel, engine, presetFiles, Platform::runLater);
        theme = new ThemeSwitch(store, presetFiles);
        pipelineView.detailLinkProperty().subscribe(l -> chart.setDetailLink(l.intValue()));
        Scene[] built = new Scene[1];
        dialogs = new Dialogs(() -> built[0] == null ? null : built[0].getWindow());
        PresetActions actions = new PresetActions(presets, dialogs);
        exports = new RunExports(history, presetFiles);
        ExportActions exportActions = new ExportActions(exports, dialogs, viewModel, chart::view, this::summary,
                this::runFile, this::openRun);
        Map<Class<?>, Supplier<Object>> controllers = Map.ofEntries(
                Map.entry(TopBarController.class, () -> new TopBarController(viewModel, actions, exportActions, theme, dialogs, this::openCompare,
                        this::openSweep, presentation, slowMotion)),
                Map.entry(PresetBarController.class, () -> new PresetBarController(actions)),
                Map.entry(ExperimentController.class, () -> new ExperimentController(viewModel)),
                Map.entry(WorkloadController.class, () -> new WorkloadController(viewModel)),
                Map.entry(dev.backflow.ui.settings.CallersController.class, () -> new dev.backflow.ui.settings.CallersController(viewModel)),
                Map.entry(CountersController.class, () -> new CountersController(viewModel)),
                Map.entry(KeyFiguresController.class, () -> new KeyFiguresController(keyFigures)),
                Map.entry(ChartsController.class, () -> chartsPanel = new ChartsController(chart, pipelineView, timeView,
                        () -> { Snapshot s = pump.latest(); return s == null ? 0 : s.elapsedSeconds(); },
                        t -> logPanel.showTime(t))),
                Map.entry(PipelineController.class, () -> new PipelineController(viewModel)),
                Map.entry(EventLogController.class, () -> logPanel = new EventLogController(eventLog)),
                Map.entry(StatusBarController.class, () -> new StatusBarController(viewModel)),
                Map.entry(TheoryController.class, () -> theoryPanel = new TheoryController(theory::report, () -> engine.runConfig().policy())));
        Parent root = Fxml.load("MainView.fxml", controllers);
        scene = new Scene(root, 1280, 800);
        built[0] = scene;
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource(Fxml.STYLES)).toExternalForm());
        theme.attach(scene, Platform::runLater);
        presentation.subscribe(on -> present(root, on));
        // Space toggles start/pause anywhere except while typing in a text field.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) {
                viewModel.startOrPause();
                e.consume();
            } else if (e.getCode() == KeyCode.END && !(scene.getFocusOwner() instanceof TextInputControl)
                    && !timeView.isLive()) {
                timeView.backToLive();
                e.consume();
            }
        });

        texts = new TextCadence()
                .every(TEXT_PERIOD_NANOS, "counters", () -> viewModel.refreshSeen(frameSnapshot))
                .every(TEXT_PERIOD_NANOS, "key figures", () -> keyFigures.refresh(frameSnapshot))
                .every(TEXT_PERIOD_NANOS, "event log", () -> eventLog.drain())
                .every(TEXT_PERIOD_NANOS, "pipeline", () -> pipelineTexts = true)
                .every(dev.backflow.ui.theory.TheoryController.REFRESH_NANOS, "theory", () -> theoryPanel.refresh(System.nanoTime()));
        frameLoop = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame(now);
            }
        };
        frameLoop.start();
    }

    /**
     * How often the counters, the key figures, the event log's list and the pipeline view's texts
     * are brought up to date, ns: ten times a second, as often as a reader can follow (the charts
     * and the valve move every frame). Each text change lays out its part of the window again, so
     * the parts take turns (see {@link TextCadence}).
     */
    static final long TEXT_PERIOD_NANOS = 100_000_000L;
    /** The snapshot of the frame being shown, for the text jobs. */
    private Snapshot frameSnapshot;
    /** Whether this frame's turn is the pipeline view's texts. */
    private boolean pipelineTexts;
    private final TextCadence texts;

        /** Once per frame on the FX thread: show the newest snapshot and slide the time window. */
    private void onFrame(long now) {
        Snapshot s = pump.latest();
        long runId = s == null ? 0 : s.counts().runId();
        boolean newRun = runId != shownRun;
        if (newRun) {
            shownRun = runId;
            timeView.backToLive(); // a new run is watched live
            if (runId != 0 && logPanel != null) {
                logPanel.follow();  // and its log is followed, even if the last one was paused
            }
        }
        // A new run or a new state (finished, stopped) is shown at once, every text in the same
        // frame; the first frame that knows the run ended too: its figures are the final ones.
        // Otherwise the texts change ten times a second (the theory four), one part per frame.
        frameSnapshot = s;
        pipelineTexts = false;
        boolean ended = s != null && s.counts().outcome() != null;
        if (newRun || engine.state() != viewModel.stateProperty().get() || ended != shownEnded) {
            shownEnded = ended;
            texts.runAll(now);
        } else {
            texts.tick(now, chartPresenter().drawsThisFrame());
        }
        pipelineView.show(s, viewModel.config(), now, pipelineTexts);
        String problem = pump.takeProblem();
        if (problem != null) {
            viewModel.reportProblem(problem);
        }
        double t = s == null ? 0 : s.elapsedSeconds();
        chart.showEpochs(theory.epochs(), t);
        chart.showChanges(s == null || s.counts().runId() == 0 ? java.util.List.of() : engine.runConfig().changes());
        double window = presets.chartWindowProperty().get();
        double[] range = timeView.range(t, window);
        scrubHistory(range);
        // The detail panels show one link: its senders scale the parked lane, its bound the buffer.
        int link = chart.detailLink();
        boolean running = s != null && link < s.counts().links().size();
        int producers = !running ? 1 : Math.max(1, s.counts().stages().get(link).workers());
        dev.backflow.telemetry.LinkCounts detail = running ? s.counts().links().get(link) : null;
        int capacity = viewModel.config().capacitySettingOf(link);
        int top = detail == null || detail.unbounded() ? capacity : Math.max(capacity, Math.max(detail.fill(), detail.capacity()));
        chart.showWindow(range[0], range[1], producers, top);
        if (chartsPanel != null) {
            chartsPanel.afterFrame(); // a readout under a resting pointer follows a zoom or pan
        }
    }

    private long shownRun;
    /** Whether the figures on screen are an ended run's final ones. FX thread. */
    private boolean shownEnded;
    /** Presentation mode: the sidebar hidden, larger type, thicker lines, full screen (View menu, F5). */
    private final javafx.beans.property.BooleanProperty presentation = new javafx.beans.property.SimpleBooleanProperty();

    /** Where the charts end and the log and theory begin in presentation mode (a share of the height). */
    static final double PRESENTATION_DIVIDER = 0.8;
    private double dividerBeforePresentation = Double.NaN;

    /** Puts the window in or out of presentation mode. FX thread. */
    private void present(Parent root, boolean on) {
        if (on) {
            if (!root.getStyleClass().contains("bf-presentation")) {
                root.getStyleClass().add("bf-presentation");
            }
        } else {
            root.getStyleClass().remove("bf-presentation");
        }
        if (root instanceof javafx.scene.layout.BorderPane pane && pane.getLeft() != null) {
            pane.getLeft().setVisible(!on);
            pane.getLeft().setManaged(!on);
        }
        if (chartsPanel != null) {
            chartsPanel.present(on); // the valve fills the width it has
        }
        // The charts take more of the height; the log and theory keep a strip below them.
        if (root.lookup("#centerSplit") instanceof javafx.scene.control.SplitPane split && !split.getDividers().isEmpty()) {
            if (on) {
                if (Double.isNaN(dividerBeforePresentation)) {
                    dividerBeforePresentation = split.getDividerPositions()[0];
                }
                split.setDividerPositions(PRESENTATION_DIVIDER);
            } else if (!Double.isNaN(dividerBeforePresentation)) {
                split.setDividerPositions(dividerBeforePresentation);
                dividerBeforePresentation = Double.NaN;
            }
        }
        if (scene != null && scene.getWindow() instanceof javafx.stage.Stage stage && stage.isFullScreen() != on) {
            stage.setFullScreenExitHint("Presentation mode: F5 to leave");
            stage.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH); // F5 toggles it
            stage.setFullScreen(on);
        }
    }

    /** Presentation mode, on or off. */
    public javafx.beans.property.BooleanProperty presentationProperty() {
        return presentation;
    }
    /** The figures of the strip above the charts. */
    private final KeyFigures keyFigures = new KeyFigures();

    /** The range the run's history was last drawn for (so it is read again only when the view moves). */
    private double[] historyRange;

    /**
     * Where a frozen view reaches back before what the live series hold, draws the run's history
     * there; a live view, or one the series cover, shows none. FX thread.
     */
    private void scrubHistory(double[] range) {
        double oldest = chart.oldestLive();
        if (!timeView.needsHistory(range, oldest)) {
            chart.showHistory(null); // nothing to do when none is shown
            historyRange = null;
            return;
        }
        if (historyRange == null || historyRange[0] != range[0] || historyRange[1] != range[1]) {
            chart.showHistory(history.series(range[0], Math.min(range[1], oldest)));
            historyRange = range.clone();
        }
    }

    public Scene scene() {
        return scene;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    /** Saves the charts (PNG) and the run's series and events (CSV): what File → Export does, without asking where. */
    RunExports exports() {
        return exports;
    }

    /** The summary of the run as shown now, with the command line's fields. Any thread. */
    dev.backflow.report.RunSummary summary() {
        Snapshot s = pump.latest();
        if (s == null || s.counts().runId() == 0) {
            throw new IllegalStateException("There is no run to summarise yet: press Start first.");
        }
        dev.backflow.telemetry.RunOutcome outcome = engine.outcome();
        return report.summary(engine.runConfig(), s, outcome == null ? dev.backflow.telemetry.RunOutcome.STOPPED : outcome,
                outcome == null ? "still running when this was taken" : engine.outcomeReason(), theory.report());
    }

    /**
     * The whole run as a file's content (its summary, series and events), named on the FX thread
     * after the preset it came from (or its command line) and built when asked, on any thread.
     */
    java.util.function.Supplier<dev.backflow.report.RunFile> runFile() {
        PresetsViewModel.Entry loaded = presets.loadedProperty().get();
        String title = loaded != null && !presets.modifiedProperty().get() ? loaded.preset().name()
                : dev.backflow.preset.CommandText.run(engine.runConfig());
        return () -> dev.backflow.report.RunFile.of(title, summary(), RunExports.text(history::writeSeries),
                RunExports.text(history::writeEvents));
    }

    /**
     * Opens the A/B window (or brings it to the front), its two sides starting from the
     * settings here. FX thread.
     */
    public CompareWindow openCompare() {
        if (compare != null && compare.stage().isShowing()) {
            compare.toFront();
            return compare;
        }
        PresetsViewModel.Entry loaded = presets.loadedProperty().get();
        String name = loaded != null && !presets.modifiedProperty().get() ? loaded.preset().name() : "Your settings";
        try {
            compare = new CompareWindow(viewModel.config(), name, dev.backflow.preset.BuiltInComparison.all(store),
                    scene.getStylesheets(), presets.chartWindowProperty().get());
        } catch (RuntimeException e) {
            dialogs.error("The A/B window could not be opened: " + (e.getMessage() == null ? e : e.getMessage()));
            return null;
        }
        if (scene.getWindow() instanceof javafx.stage.Stage main) {
            compare.stage().getIcons().setAll(main.getIcons()); // the same icon in the task bar
        }
        compare.show();
        return compare;
    }

    /**
     * Opens the Sweep window (or brings it to the front) over the settings here; a clicked cell's
     * experiment comes back into this window. FX thread.
     */
    public dev.backflow.ui.sweep.SweepWindow openSweep() {
        if (sweep != null && sweep.stage().isShowing()) {
            sweep.toFront();
            return sweep;
        }
        PresetsViewModel.Entry loaded = presets.loadedProperty().get();
        boolean asLoaded = loaded != null && !presets.modifiedProperty().get();
        String name = asLoaded ? loaded.preset().name() : "your settings";
        try {
            sweep = new dev.backflow.ui.sweep.SweepWindow(viewModel.config(), name, asLoaded ? loaded.preset().sweep() : null,
                    scene.getStylesheets(), cell -> {
                        viewModel.apply(cell);
                        if (scene.getWindow() instanceof javafx.stage.Stage main) {
                            main.toFront();
                        }
                    });
        } catch (RuntimeException e) {
            dialogs.error("The Sweep window could not be opened: " + (e.getMessage() == null ? e : e.getMessage()));
            return null;
        }
        if (scene.getWindow() instanceof javafx.stage.Stage main) {
            sweep.stage().getIcons().setAll(main.getIcons());
        }
        sweep.show();
        return sweep;
    }

    /** The Sweep window last opened, or null. For tests. */
    public dev.backflow.ui.sweep.SweepWindow sweepWindow() {
        return sweep;
    }

    /** The A/B window last opened, or null. For tests. */
    public CompareWindow compareWindow() {
        return compare;
    }

    /** Opens a recorded run read-only in its own window. FX thread; the file is read on the file thread. */
    CompletableFuture<RunViewer> openRun(java.nio.file.Path file) {
        return exports.open(file).thenApplyAsync(run -> {
            RunViewer v = new RunViewer(run, file.getFileName().toString(), scene.getWindow(), scene.getStylesheets());
            v.show();
            return v;
        }, Platform::runLater);
    }

    /** The charts' node, as File → Export snapshots it. */
    javafx.scene.Node charts() {
        return chart.view();
    }

    /** The charts' part: zoom, pan, hover. For tests. */
    ChartsController chartsPanel() {
        return chartsPanel;
    }

    /** The chart panels. For tests. */
    ChartPresenter chartPresenter() {
        return chart;
    }

    /** The run's history, as File → Export and Save run write it. For tests. */
    dev.backflow.telemetry.RunHistory runHistory() {
        return history;
    }

    /** The event log's part. For tests. */
    EventLogController logPanel() {
        return logPanel;
    }

    /** The time axis' view: live or frozen. For tests. */
    /** The slow-motion setting (View menu, the speed box). */
    public SlowMotion slowMotion() {
        return slowMotion;
    }

    TimeView timeView() {
        return timeView;
    }

    /** Light or dark. */
    ThemeSwitch theme() {
        return theme;
    }

    /** The theory panel's current comparison: for tests. */
    /** The newest snapshot the pump took (a new object every frame), or null. For tests. */
    Snapshot latestSnapshot() {
        return pump.latest();
    }

    dev.backflow.theory.Fidelity.Report theoryReport() {
        return theory.report();
    }

    /** The pipeline view above the charts: for tests. */
    ChartPresenter chart() {
        return chart;
    }

    /** The theory feed's epochs of the run shown, {start, end}. For tests. */
    java.util.List<double[]> epochs() {
        return theory.epochs();
    }

    PipelineView pipelineView() {
        return pipelineView;
    }

    public PresetsViewModel presets() {
        return presets;
    }

    /** Shows a problem in a dialog owned by the window. FX thread. */
    public void showError(String text) {
        dialogs.error(text);
    }

    /**
     * Closes without waiting: the frame loop stops, the run is told to stop, and the pump, the
     * preset file thread and the workers end in the background. Never blocks the caller (the
     * FX thread), however many threads the run has. FX thread.
     *
     * @return completes when every worker of the run and the pump have ended
     */
    public CompletableFuture<Void> close() {
        frameLoop.stop();
        CompletableFuture<Void> compared = compare == null ? CompletableFuture.completedFuture(null) : compare.close();
        CompletableFuture<Void> swept = sweep == null ? CompletableFuture.completedFuture(null) : sweep.close();
        engine.stop();
        // Preset writes already queued (the last used preset) finish first: the file thread
        // runs its work in order, and this marks the point they are done.
        filesSaved = CompletableFuture.runAsync(() -> { }, presetFiles);
        // The wait runs on the preset-file thread, which already exists: creating any thread here
        // would wait for the JVM's thread-list lock, which a launcher starting thousands of
        // platform workers holds most of the time (measured: 10 s on the FX thread).
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                pump.close();
                engine.awaitTermination(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, presetFiles);
        presetFiles.shutdown();
        return CompletableFuture.allOf(ended, compared, swept);
    }

    /** Completes once every preset file write asked for before {@link #close()} is done. Any thread. */
    public CompletableFuture<Void> filesSaved() {
        return filesSaved;
    }
}
