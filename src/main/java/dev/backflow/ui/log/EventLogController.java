package dev.backflow.ui.log;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;

import java.util.Objects;

/** The event log pane: the list, its filter and its pause button, bound to {@link EventLog}. */
public final class EventLogController {

    private final EventLog eventLog;

    @FXML private ComboBox<EventLog.Filter> logFilterBox;
    @FXML private ToggleButton logPauseButton;
    @FXML private ListView<String> logList;

    /** Height of one event line, px: the monospace font at 0.9 em and a pixel above and below. */
    public static final double LINE_HEIGHT = 19;

    public EventLogController(EventLog eventLog) {
        this.eventLog = Objects.requireNonNull(eventLog);
    }

    /** Follows the run again (a new run is always followed from its start). FX thread. */
    public void follow() {
        eventLog.pausedProperty().set(false);
    }

    /**
     * Shows the first line at or after run time {@code seconds}, selected, and pauses the log so
     * it stays there (Pause log is shown pressed; press it again to follow the run). FX thread.
     *
     * @return the line's index, or -1 if the log holds nothing that late
     */
    public int showTime(double seconds) {
        // Paused first: a following log shows only its newest lines, a paused one all it keeps.
        boolean wasPaused = eventLog.pausedProperty().get();
        eventLog.pausedProperty().set(true);
        pauseAtEnd = false; // this pause shows the moment asked for, not the end
        java.util.List<String> lines = eventLog.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (EventLog.secondsOf(lines.get(i)) >= seconds) {
                logList.getSelectionModel().select(i);
                logList.scrollTo(Math.max(0, i - 2));
                return i;
            }
        }
        eventLog.pausedProperty().set(wasPaused);
        return -1;
    }

    /** True while a scroll to the newest line is waiting for the list's next layout. */
    private boolean followPending;

    /**
     * Keeps the newest line in sight. The scroll waits until the list has laid out the lines
     * just added: scrolled at once, from inside the change, the list still counted the old lines
     * and stopped a screenful short of the end. At most one is pending (one per drain, never one
     * per event). FX thread.
     */
    private void followEnd() {
        if (followPending || eventLog.pausedProperty().get() || eventLog.lines().isEmpty() || atEndAlready()) {
            return;
        }
        followPending = true;
        javafx.application.Platform.runLater(() -> {
            followPending = false;
            if (!eventLog.pausedProperty().get() && !eventLog.lines().isEmpty()) {
                toNewestLine();
                followedCount = eventLog.lines().size();
            }
        });
    }

    /**
     * Whether the list already shows its newest line at the bottom and keeps as many lines as
     * when it last got there: a following log, once full, holds the newest {@link EventLog#TAIL}
     * lines at one count, so the newest line stays where it was. Scrolling to it again would
     * lay out every visible row afresh, ten times a second.
     */
    private boolean atEndAlready() {
        if (eventLog.lines().size() != followedCount) {
            return false;
        }
        javafx.scene.control.skin.VirtualFlow<?> flow = flow(); // a lookup: once per drain
        return flow != null && flow.getPosition() >= 1;
    }

    /**
     * Scrolls the list to its end, the newest line whole at the bottom. Once the list has counted
     * the lines it holds, its end is position 1: {@code ListView.scrollTo} puts a line at the top
     * and leaves the list where that lands, and with a full log that was a line short, the newest
     * line just below the bottom edge. Before it has counted them (the first lines of a run)
     * only {@code scrollTo} knows the new count. A pause does not come here: see
     * {@link #stayAtEndOnPause}.
     */
    private void toNewestLine() {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        int count = eventLog.lines().size();
        if (flow != null && flow.getCellCount() == count) {
            flow.setPosition(1);
        } else {
            logList.scrollTo(count - 1);
        }
    }

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        return logList.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> f ? f : null;
    }

    /** How many lines the list held when it last scrolled to its newest one. */
    private int followedCount = -1;

    /** Set while a pause keeps the newest line in sight (a jump to a moment cancels it). */
    private boolean pauseAtEnd;

    /** Pulses a pause waits at most for its newest line to show whole (a second at 60 a second). */
    static final int SETTLE_PULSES = 60;

    /** Layouts a pause has looked at so far for its newest line. */
    private int settlePulses;

    /** The scene whose layouts {@link #settleAtEnd} looks at, once registered there. */
    private javafx.scene.Scene settleScene;

    /**
     * A pause brings in every line kept, the newest still in sight at the bottom, where the
     * following log showed it; older lines are a scroll away. The list counts the lines just
     * brought in at its next layout, and how it places them then depends on what that layout
     * finds (scrolled before it counted them, or after: CI once saw the newest line left out of
     * sight). So the pause does not scroll once and hope: after each layout it looks at the
     * list's bottom cell, and scrolls until the newest line shows whole there.
     */
    private void stayAtEndOnPause() {
        javafx.scene.Scene scene = logList.getScene();
        if (scene == null) {
            return;
        }
        if (scene != settleScene) {
            // Registered once and left there (removing a listener while the scene runs them is
            // not allowed); it does nothing unless a pause is settling.
            scene.addPostLayoutPulseListener(this::settleAtEnd);
            settleScene = scene;
        }
        pauseAtEnd = true;
        settlePulses = 0;
        logList.requestLayout(); // a pulse to look at, even with nothing else moving
    }

    /** After a layout: one step of a pause bringing its newest line into sight. FX thread. */
    private void settleAtEnd() {
        if (!pauseAtEnd || logList.getScene() != settleScene) {
            return;
        }
        int count = eventLog.lines().size();
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (!eventLog.pausedProperty().get() || count == 0 || settlePulses++ >= SETTLE_PULSES) {
            pauseAtEnd = false;
        } else if (flow == null || flow.getCellCount() != count) {
            logList.requestLayout(); // not counted yet: look again after the next layout
        } else if (newestLineWhole(flow, count)) {
            pauseAtEnd = false;
        } else {
            flow.scrollTo(count - 1); // the bottom cell's own place, whatever the position says
            logList.requestLayout();
        }
    }

    /** Whether the list shows its line at {@code count - 1} whole, inside its own bounds. */
    private static boolean newestLineWhole(javafx.scene.control.skin.VirtualFlow<?> flow, int count) {
        javafx.scene.control.IndexedCell<?> cell = flow.getLastVisibleCell();
        if (cell == null || cell.getIndex() != count - 1) {
            return false;
        }
        javafx.geometry.Bounds view = flow.localToScene(flow.getLayoutBounds());
        javafx.geometry.Bounds line = cell.localToScene(cell.getLayoutBounds());
        return line.getMinY() >= view.getMinY() - 0.5 && line.getMaxY() <= view.getMaxY() + 0.5;
    }

    /**
     * A line of the log, never wider than the list: a long line (the run's end, say) ends in
     * "..." and shows whole in its tooltip, instead of giving the list a horizontal scroll bar,
     * which would appear just as the line is added and cover the newest line the list scrolled to.
     */
    public static final class LogCell extends javafx.scene.control.ListCell<String> {
        /** Lines longer than this may not fit a narrow log; they get the whole text as a tooltip. */
        public static final int LONG_LINE = 48;
        private final javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();

        LogCell() {
            setPrefWidth(0); // the list sizes cells to its own width, so it never scrolls sideways
            setMinWidth(0);
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            setText(empty ? null : line);
            boolean longLine = !empty && line != null && line.length() > LONG_LINE;
            if (longLine) {
                whole.setText(line);
            }
            if ((getTooltip() != null) != longLine) {
                setTooltip(longLine ? whole : null);
            }
        }
    }

    @FXML
    private void initialize() {
        logList.setItems(eventLog.lines());
        // One line per event at a fixed height: compact to read, and the list never has to
        // measure cells (which, at thousands of events a second, flooded the log with
        // VirtualFlow "index exceeds maxCellCount" warnings).
        logList.setFixedCellSize(LINE_HEIGHT);
        logList.setCellFactory(list -> new LogCell());
        logFilterBox.getItems().setAll(EventLog.Filter.values());
        logFilterBox.valueProperty().bindBidirectional(eventLog.filterProperty());
        logPauseButton.selectedProperty().bindBidirectional(eventLog.pausedProperty());
        // The pause is always visible for what it is, with the way back on the same button.
        logPauseButton.textProperty().bind(eventLog.pausedProperty().map(p -> p ? "Paused: follow run" : "Pause log"));
        eventLog.lines().addListener((ListChangeListener<String>) c -> followEnd());
        eventLog.pausedProperty().addListener((o, was, paused) -> {
            if (paused) {
                stayAtEndOnPause();
            }
        });
    }
}
