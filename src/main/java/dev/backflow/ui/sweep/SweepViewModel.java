package dev.backflow.ui.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.preset.Preset;
import dev.backflow.sweep.Figure;
import dev.backflow.sweep.Sweep;
import dev.backflow.sweep.SweepFile;
import dev.backflow.sweep.SweepResult;
import dev.backflow.sweep.SweepRunner;
import dev.backflow.sweep.Target;
import dev.backflow.sweep.Vary;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Sweep window's state: what to vary, for how long, against which targets; the sweep running
 * on its own thread, and its result as far as it went. The runner's thread only leaves its latest
 * result in a slot; {@link #poll} takes it once per frame on the FX thread.
 */
public final class SweepViewModel {

    private final ExperimentConfig base;
    private final String baseName;
    private final StringProperty firstVary = new SimpleStringProperty("capacity=1..1000:log10");
    private final StringProperty secondVary = new SimpleStringProperty("");
    private final StringProperty cellSeconds = new SimpleStringProperty("5");
    private final StringProperty target = new SimpleStringProperty("p99<=100ms,refused<=1%");
    private final ObjectProperty<Figure> figure = new SimpleObjectProperty<>(Figure.P99);
    private final ObjectProperty<SweepResult> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty();
    /** What a save or an open finished with, left for the next frame to show. */
    private final AtomicReference<Runnable> fileDone = new AtomicReference<>();
    /** The runner's latest result and time left, left for the next frame. */
    private final AtomicReference<Update> pending = new AtomicReference<>();
    private volatile SweepRunner runner;
    private CompletableFuture<Void> finished = CompletableFuture.completedFuture(null);

    private record Update(SweepResult result, double secondsLeft, boolean last, String failure) {
    }

    /**
     * @param base     the experiment every cell starts from (the main window's settings)
     * @param baseName what it is called, for the window
     * @param plan     a sweep the loaded preset holds, to fill the boxes with; or null
     */
    public SweepViewModel(ExperimentConfig base, String baseName, Preset.SweepPlan plan) {
        this.base = base;
        this.baseName = baseName;
        if (plan != null) {
            firstVary.set(plan.vary().getFirst());
            secondVary.set(plan.vary().size() > 1 ? plan.vary().get(1) : "");
            cellSeconds.set(dev.backflow.units.Units.number(plan.cellSeconds()));
            target.set(plan.target());
        } else if (!base.hops().isEmpty()) {
            firstVary.set("capacity=1..100:log5");
        }
        target.subscribe(t -> {
            try {
                List<Target> ts = Target.parseAll(t);
                if (!ts.isEmpty() && !running.get()) {
                    figure.set(ts.getFirst().figure());
                }
            } catch (IllegalArgumentException ignored) {
                // said when the sweep starts
            }
        });
    }

    public StringProperty firstVaryProperty() { return firstVary; }
    public StringProperty secondVaryProperty() { return secondVary; }
    public StringProperty cellSecondsProperty() { return cellSeconds; }
    public StringProperty targetProperty() { return target; }
    public ObjectProperty<Figure> figureProperty() { return figure; }
    public ObjectProperty<SweepResult> resultProperty() { return result; }
    public StringProperty statusProperty() { return status; }
    public StringProperty messageProperty() { return message; }
    public DoubleProperty progressProperty() { return progress; }
    public BooleanProperty runningProperty() { return running; }

    /** "Base: Bufferbloat cured by CoDel". */
    public String baseText() {
        return "Base: " + baseName + " · seed " + base.seed();
    }

    /** The sweep the boxes describe. @throws IllegalArgumentException saying what is wrong */
    Sweep sweep() {
        List<Vary> axes = new ArrayList<>();
        axes.add(Vary.parse(firstVary.get(), base));
        if (secondVary.get() != null && !secondVary.get().isBlank()) {
            axes.add(Vary.parse(secondVary.get(), base));
        }
        double seconds = Sweep.CELL_SECONDS.parse(cellSeconds.get());
        return new Sweep(base, axes, seconds, Target.parseAll(target.get()));
    }

    /** Starts the sweep, or says why it cannot: nothing runs then. FX thread. */
    public boolean start() {
        if (running.get()) {
            return false;
        }
        Sweep sweep;
        try {
            sweep = sweep();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        message.set("");
        SweepRunner r = new SweepRunner(sweep, SweepRunner.defaultParallel());
        runner = r;
        running.set(true);
        progress.set(0);
        int total = sweep.columns() * sweep.rows();
        result.set(new SweepResult(sweep, sweep.cells(), false, SweepRunner.defaultParallel(), 0));
        status.set(String.format(Locale.ROOT, "0/%d cells · %d at once", total, SweepRunner.defaultParallel()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        finished = done;
        Thread.ofPlatform().daemon().name("backflow-sweep").start(() -> {
            try {
                SweepResult last = r.run((soFar, cell, left) -> pending.set(new Update(soFar, left, false, null)));
                pending.set(new Update(last, 0, true, null));
            } catch (Throwable e) {
                pending.set(new Update(null, 0, true, e.getMessage() == null ? e.toString() : e.getMessage()));
            } finally {
                done.complete(null);
            }
        });
        return true;
    }

    /** Stops the running cells; the finished ones stay. Any thread. */
    public void cancel() {
        SweepRunner r = runner;
        if (r != null) {
            r.cancel();
        }
    }

    /** Completes when the sweep's thread has ended (at once if none ran). */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Once per frame, FX thread: takes the runner's latest result. */
    public void poll() {
        Runnable file = fileDone.getAndSet(null);
        if (file != null) {
            file.run();
        }
        Update u = pending.getAndSet(null);
        if (u == null) {
            return;
        }
        if (u.failure() != null) {
            running.set(false);
            message.set("The sweep failed: " + u.failure());
            return;
        }
        SweepResult r = u.result();
        result.set(r);
        int total = r.sweep().columns() * r.sweep().rows();
        progress.set((double) r.done() / total);
        if (u.last()) {
            running.set(false);
            runner = null;
            status.set(String.format(Locale.ROOT, "%s: %d/%d cells in %s, %d at once", r.complete() ? "Done" : "Stopped",
                    r.done(), total, time(r.wallSeconds()), r.parallel()));
        } else {
            status.set(String.format(Locale.ROOT, "%d/%d cells · about %s left", r.done(), total, time(u.secondsLeft())));
        }
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    /** Saves the result shown, off the FX thread; the message says how it went. FX thread. */
    public void save(Path file) {
        SweepResult r = result.get();
        if (r == null) {
            message.set("Nothing to save yet: run a sweep first.");
            return;
        }
        Thread.ofPlatform().daemon().name("backflow-sweep-save").start(() -> {
            String said;
            try {
                SweepFile.save(r, file);
                said = "Saved " + file.getFileName() + ".";
            } catch (IOException e) {
                said = e.getMessage();
            }
            String text = said;
            fileDone.set(() -> message.set(text));
        });
    }

    /** Opens a saved sweep into the window (its boxes too), read off the FX thread; the message says why not. FX thread. */
    public void open(Path file) {
        if (running.get()) {
            message.set("A sweep is running: stop it before opening another.");
            return;
        }
        Thread.ofPlatform().daemon().name("backflow-sweep-open").start(() -> {
            try {
                SweepResult r = SweepFile.open(file);
                fileDone.set(() -> show(r, file));
            } catch (IOException e) {
                fileDone.set(() -> message.set(e.getMessage()));
            }
        });
    }

    private void show(SweepResult r, Path file) {
        firstVary.set(r.sweep().axes().getFirst().format());
        secondVary.set(r.sweep().axes().size() > 1 ? r.sweep().axes().get(1).format() : "");
        cellSeconds.set(dev.backflow.units.Units.number(r.sweep().cellSeconds()));
        target.set(Target.format(r.sweep().targets()));
        result.set(r);
        progress.set((double) r.done() / (r.sweep().columns() * r.sweep().rows()));
        status.set("Opened " + file.getFileName() + ": " + r.done() + " cells");
        message.set("");
    }
}
