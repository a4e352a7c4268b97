package dev.backflow.engine;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * A run's scheduled changes ({@link Change}) and the thread that brings them in and out on time.
 * While a change is in force, every worker reads the engine's config with the change over it
 * ({@link #over}); a setting someone moves meanwhile is kept underneath and is back in force when
 * the change ends. Times are the run's own (engine clock from its start), so slow motion slows
 * them too.
 */
final class Changes {

    private final Run run;
    private final List<Change> list;
    private final LiveSetting[] settings;
    final Thread thread;
    /** Bit {@code i} set while change {@code i} is in force. */
    private volatile int inForce;
    private volatile Overlay overlay;

    /** {@code base} with the changes of {@code mask} over it. */
    private record Overlay(ExperimentConfig base, int mask, ExperimentConfig value) {
    }

    Changes(Run run, List<Change> list) {
        this.run = run;
        this.list = List.copyOf(list);
        this.settings = new LiveSetting[list.size()];
        for (int i = 0; i < settings.length; i++) {
            settings[i] = list.get(i).setting(run.started);
        }
        this.thread = run.builder.name("backflow-changes").unstarted(run.guarded(this::drive));
    }

    /** {@code base} with every change in force over it; {@code base} itself while none is. Any thread. */
    ExperimentConfig over(ExperimentConfig base) {
        int mask = inForce;
        if (mask == 0) {
            return base;
        }
        Overlay o = overlay;
        if (o != null && o.base == base && o.mask == mask) {
            return o.value;
        }
        ExperimentConfig c = base;
        if (base.links() == run.started.links()) {
            for (int i = 0; i < settings.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    c = settings[i].write(c, list.get(i).value());
                }
            }
        }
        overlay = new Overlay(base, mask, c);
        return c;
    }

    /** Which changes are in force {@code at} ns after the start. */
    private int maskAt(long at) {
        int mask = 0;
        for (int i = 0; i < settings.length; i++) {
            Change ch = list.get(i);
            if (at >= ch.atNanos() && at < ch.untilNanos()) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    private void drive() {
        TreeSet<Long> moments = new TreeSet<>();
        for (Change ch : list) {
            moments.add(ch.atNanos());
            moments.add(ch.untilNanos());
        }
        NanoClock clock = run.clock;
        for (long moment : moments) {
            long due = run.startNanos + moment;
            while (true) {
                if (run.stopping || Thread.currentThread().isInterrupted()) {
                    return;
                }
                long left = due - clock.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, clock.realNanos(left));
            }
            int before = inForce;
            int after = maskAt(moment);
            inForce = after;
            for (int i = 0; i < settings.length; i++) {
                if (((before ^ after) & (1 << i)) != 0) {
                    run.applyScheduled(settings[i]);
                }
            }
        }
    }
}
