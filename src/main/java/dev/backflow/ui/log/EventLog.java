package dev.backflow.ui.log;

import dev.backflow.telemetry.EventText;
import dev.backflow.telemetry.Sampler;
import dev.backflow.telemetry.TelemetryEvent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The event log in the tutorials' voice, capped in memory, pausable and filterable by kind.
 *
 * <p>Threading: {@link #offer} is called by the telemetry pump; {@link #drain} and the properties
 * belong to the FX thread. Between the two sits a bounded buffer: when events come faster than
 * a person could read them, the excess is counted and shown as one "not listed" line rather than
 * growing memory or flooding the FX thread.
 */
public final class EventLog {

    /** Lines kept at most (all shown once the log is paused). */
    public static final int MAX_LINES = 2_000;
    /**
     * Lines shown while the log follows the run: its newest, more than any screen shows. Kept at
     * a fixed count, each drain changes only the texts of the rows in sight (replacing 2,000
     * lines, ten times a second, was the costliest text job in a frame under load).
     */
    public static final int TAIL = 200;
    /** Lines handed from the pump to the FX thread per drain at most. */
    static final int MAX_PENDING = 500;

    /** Which events to show. */
    public enum Filter {
        ALL("All events"), PARKS("Parks and unparks"), ITEMS("Produced and consumed"),
        LOSSES("Rejected, dropped, timed out"), LIFECYCLE("Closes and run end");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        /** True if this filter shows {@code line}. */
        boolean accepts(Line line) {
            return this == ALL || this == line.shownUnder();
        }

        /**
         * The filter (other than ALL) under which an event is listed. An exhaustive switch over
         * the sealed event type: a new kind of event does not compile until it is placed here.
         */
        static Filter of(TelemetryEvent e) {
            return switch (e) {
                case TelemetryEvent.ProducerParked p -> PARKS;
                case TelemetryEvent.ProducerUnparked u -> PARKS;
                case TelemetryEvent.ConsumerParked c -> PARKS;
                case TelemetryEvent.ConsumerUnparked c -> PARKS;
                case TelemetryEvent.Produced p -> ITEMS;
                case TelemetryEvent.Consumed c -> ITEMS;
                case TelemetryEvent.ItemRejected r -> LOSSES;
                case TelemetryEvent.ItemDropped d -> LOSSES;
                case TelemetryEvent.ItemShed d -> LOSSES;
                case TelemetryEvent.ItemLimited d -> LOSSES;
                case TelemetryEvent.DemandRequested d -> PARKS;
                case TelemetryEvent.ItemTimedOut t -> LOSSES;
                case TelemetryEvent.ReceiverDropped r -> LIFECYCLE;
                case TelemetryEvent.ProducerFinished f -> LIFECYCLE;
                case TelemetryEvent.RunEnded r -> LIFECYCLE;
            };
        }
    }

    /**
     * One line: when, under which filter it is listed, and the text as listed ("   12.345 s  …"),
     * formatted where the line is made: on the pump thread, not in the FX thread's frame.
     */
    record Line(double seconds, Filter shownUnder, String listed) {
        /** A line of {@code text} at {@code seconds}, formatted for the list. */
        static Line of(double seconds, Filter shownUnder, String text) {
            return new Line(seconds, shownUnder, String.format(Locale.ROOT, "%9.3f s  %s", seconds, text));
        }
    }

    private final Object lock = new Object();
    private final ArrayDeque<Line> pending = new ArrayDeque<>();   // guarded by lock
    private long skipped;                                          // guarded by lock
    private boolean cleared;                                       // guarded by lock
    private long runStartNanos;                                    // pump thread only

    private final ArrayDeque<Line> history = new ArrayDeque<>();   // FX thread only
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);

    /** The run time a log line starts with, or NaN for a line without one. */
    public static double secondsOf(String line) {
        int s = line.indexOf(" s ");
        if (s < 0) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(line.substring(0, s).strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public EventLog() {
        filter.addListener((o, a, b) -> rebuild());
        paused.addListener((o, was, is) -> rebuild());
    }

    /** Takes a frame's events. Pump thread only. */
    public void offer(Sampler.Frame frame) {
        if (frame.newRun()) {
            runStartNanos = frame.snapshot().counts().startNanos();
        }
        List<TelemetryEvent> events = frame.events();
        List<String> stageNames = frame.snapshot().counts().stageNames();
        synchronized (lock) {
            if (frame.newRun()) {
                pending.clear();
                skipped = 0;
                cleared = true;
            }
            for (TelemetryEvent e : events) {
                if (pending.size() >= MAX_PENDING) {
                    skipped++;
                    continue;
                }
                pending.add(Line.of((e.atNanos() - runStartNanos) / 1e9, Filter.of(e), EventText.describe(e, stageNames)));
            }
        }
    }

    /** Moves what the pump handed over into the visible list. FX thread, once per frame. */
    public void drain() {
        List<Line> batch;
        long notListed;
        boolean clear;
        synchronized (lock) {
            if (pending.isEmpty() && skipped == 0 && !cleared) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
            notListed = skipped;
            skipped = 0;
            clear = cleared;
            cleared = false;
        }
        if (clear) {
            history.clear();
            lines.clear();
        }
        if (notListed > 0) {
            double t = batch.isEmpty() ? 0 : batch.getLast().seconds();
            batch.add(Line.of(t, Filter.LIFECYCLE, String.format(Locale.ROOT,
                    "… %,d more events were too many to list (the counters include them)", notListed)));
        }
        for (Line l : batch) {
            history.addLast(l);
            if (history.size() > MAX_LINES) {
                history.removeFirst();
            }
        }
        if (paused.get()) {
            return;
        }
        List<String> shown = batch.stream().filter(l -> filter.get().accepts(l)).map(Line::listed).toList();
        if (shown.isEmpty()) {
            return;
        }
        if (lines.size() + shown.size() <= TAIL) {
            lines.addAll(shown);
        } else {
            // The newest TAIL lines, in one change that keeps the count: the list then only
            // writes its visible cells' texts. A change of count makes it rebuild every cell,
            // and lines shifting by an odd number restyle every cell (odd and even rows).
            List<String> next = new ArrayList<>(TAIL);
            int keep = Math.min(lines.size(), Math.max(0, TAIL - shown.size()));
            next.addAll(lines.subList(lines.size() - keep, lines.size()));
            next.addAll(shown.subList(Math.max(0, shown.size() - TAIL), shown.size()));
            lines.setAll(next);
        }
    }

    /** The list anew from the history: all of it when paused, its newest {@link #TAIL} lines when following. */
    private void rebuild() {
        List<String> all = history.stream().filter(l -> filter.get().accepts(l)).map(Line::listed).toList();
        lines.setAll(paused.get() ? all : all.subList(Math.max(0, all.size() - TAIL), all.size()));
    }

    /**
     * The lines to show, oldest first: while the log follows the run, the newest {@link #TAIL}
     * (it is scrolled to its end anyway); once paused, every line kept, to scroll back through.
     */
    public ObservableList<String> lines() {
        return lines;
    }

    /** While true, the visible list stops changing (history keeps recording, capped). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }
}
