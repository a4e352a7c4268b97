package dev.backflow.ui.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Spreads the window's periodic text updates over frames, at most one per frame: the counters,
 * the key figures, the event log and the theory panel each change a few labels ten (or four)
 * times a second, and each change lays its part of the window out again. Done in the same frame,
 * they made that frame several times as slow as the others (the frame budget's p99); one per
 * frame, each frame carries at most one.
 *
 * <p>Each frame, {@link #tick} runs the job that is due and has waited longest past its time.
 * At 60 frames a second a 100 ms period has six frames to share, so four jobs keep their periods
 * within a frame. {@link #runAll} runs every job at once, for the moments that must show
 * everything in the same frame (a new run, a new state, the run's end). FX thread only.
 */
final class TextCadence {

    private static final class Job {
        final String name;
        final long periodNanos;
        final Runnable action;
        long lastRun = Long.MIN_VALUE;

        Job(String name, long periodNanos, Runnable action) {
            this.name = name;
            this.periodNanos = periodNanos;
            this.action = action;
        }

        /** How long past due at {@code now}, ns (negative: not due yet; never run: most overdue). */
        long overdue(long now) {
            return lastRun == Long.MIN_VALUE ? Long.MAX_VALUE : now - lastRun - periodNanos;
        }
    }

    private final List<Job> jobs = new ArrayList<>();

    /** Adds a job run about every {@code periodNanos}. */
    TextCadence every(long periodNanos, String name, Runnable action) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        jobs.add(new Job(Objects.requireNonNull(name), periodNanos, Objects.requireNonNull(action)));
        return this;
    }

    /** Runs the most overdue job, if one is due; returns its name, or null when none ran. */
    String tick(long now) {
        return tick(now, false);
    }

    /**
     * As {@link #tick(long)}, in a frame that is already {@code busy} (it draws charts): then a
     * job runs only once it has waited half its period past its time, so the texts mostly change
     * in the frames that draw no chart and a busy frame seldom carries both costs.
     */
    String tick(long now, boolean busy) {
        Job pick = null;
        long most = -1;
        for (Job j : jobs) {
            long o = j.overdue(now);
            if (o >= (busy ? j.periodNanos / 2 : 0) && o > most) {
                most = o;
                pick = j;
            }
        }
        if (pick == null) {
            return null;
        }
        pick.lastRun = now;
        pick.action.run();
        return pick.name;
    }

    /** Runs every job now, and starts their periods afresh from here. */
    void runAll(long now) {
        for (Job j : jobs) {
            j.lastRun = now;
            j.action.run();
        }
    }
}
