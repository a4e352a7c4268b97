package dev.backflow.ui;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.Hop;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.Snapshot;
import dev.backflow.telemetry.StageShare;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chain at a glance, above the charts: each stage a box coloured by what its workers did over
 * the last second (busy, idle, or backpressured: parked on a full output), each link its slots
 * filling and emptying (one cell per slot up to {@value #MAX_CELLS}, a fill bar beyond). A
 * classic run is the two-stage, one-link chain.
 *
 * <p>FX thread only. {@link #show} is called once per frame and changes only what changed.
 */
final class PipelineView extends HBox {

    /** A stage's state and a full slot, as pseudo-classes (:idle, :busy, :backpressured, :full). */
    static final javafx.css.PseudoClass IDLE = javafx.css.PseudoClass.getPseudoClass("idle");
    static final javafx.css.PseudoClass BUSY = javafx.css.PseudoClass.getPseudoClass("busy");
    static final javafx.css.PseudoClass BACKPRESSURED = javafx.css.PseudoClass.getPseudoClass("backpressured");
    static final javafx.css.PseudoClass FULL = javafx.css.PseudoClass.getPseudoClass("full");

    /** Links up to this capacity show one cell per slot. */
    static final int MAX_CELLS = 16;

    private final List<StageBox> stages = new ArrayList<>();
    private final List<LinkBox> links = new ArrayList<>();
    private String shape = "";
    /** Picks the link the buffer panel and the parked lane show; only for two links or more. */
    private final ComboBox<String> detail = new ComboBox<>();
    private final Label detailLabel = new Label("Charts:");
    private final IntegerProperty detailLink = new SimpleIntegerProperty(0);
    private final Region spacer = new Region();

    PipelineView() {
        getStyleClass().add("bf-pipeline");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        setFillHeight(false);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        detail.setId("detailLinkBox");
        detail.setPrefWidth(92); // "link 1" and the arrow; the list below is as wide as it needs
        detail.setMinWidth(Region.USE_PREF_SIZE);
        // Chosen, it shows "link 1" (the drawing above says which link that is); the list below
        // names the stages on either side ("link 1: client → reader").
        detail.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.contains(":") ? item.substring(0, item.indexOf(':')) : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        detail.setTooltip(new Tooltip("Which link the buffer panel and the parked lane below show"));
        detailLabel.getStyleClass().add("bf-hint");
        detailLabel.setMinWidth(Region.USE_PREF_SIZE);
        detail.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                detailLink.set(b.intValue());
            }
        });
    }

    /** The link the detail charts show (0: next to the source). FX thread. */
    IntegerProperty detailLinkProperty() {
        return detailLink;
    }

    /** Shows the newest snapshot (the running chain) or, before a run, the configured chain. */
    void show(Snapshot s, ExperimentConfig draft) {
        boolean running = s != null && s.counts().runId() != 0 && !s.counts().links().isEmpty();
        List<String> names = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        if (running && s.counts().stages().size() == s.counts().links().size() + 1) {
            s.counts().stages().forEach(st -> names.add(st.name()));
        } else {
            names.add(draft.sourceName());
            draft.hops().forEach(h -> names.add(h.name()));
            names.add(draft.sinkName());
        }
        policies.add(draft.policy().cliName());
        draft.hops().forEach(h -> policies.add(h.policy().cliName()));
        String newShape = String.join("|", names);
        if (!newShape.equals(shape)) {
            rebuild(names);
            shape = newShape;
        }
        for (int i = 0; i < stages.size(); i++) {
            StageShare share = running && i < s.stageShares().size() ? s.stageShares().get(i) : null;
            // A stage holding more items than it has workers is a decoupled stage running ahead.
            long held = running && i < s.counts().stages().size() ? s.counts().stages().get(i).inService() : 0;
            int workers = running && i < s.counts().stages().size() ? s.counts().stages().get(i).workers() : 1;
            stages.get(i).show(share, held > workers ? held : 0);
        }
        for (int l = 0; l < links.size(); l++) {
            LinkCounts lc = running && l < s.counts().links().size() ? s.counts().links().get(l) : null;
            int capacity = lc != null ? lc.capacity() : capacityOf(draft, l);
            links.get(l).show(lc == null ? 0 : lc.fill(), capacity, l < policies.size() ? policies.get(l) : "");
        }
    }

    private static int capacityOf(ExperimentConfig c, int link) {
        if (link == 0) {
            return c.effectiveCapacity();
        }
        Hop h = c.hops().get(link - 1);
        return h.effectiveCapacity();
    }

    private void rebuild(List<String> names) {
        stages.clear();
        links.clear();
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                LinkBox link = new LinkBox();
                links.add(link);
                children.add(link);
            }
            StageBox stage = new StageBox(names.get(i));
            stages.add(stage);
            children.add(stage);
        }
        List<String> linkNames = new ArrayList<>();
        for (int i = 0; i + 1 < names.size(); i++) {
            linkNames.add("link " + (i + 1) + ": " + names.get(i) + " → " + names.get(i + 1));
        }
        detail.getItems().setAll(linkNames);
        // The default is the link next to the source; a pick survives while the link exists.
        int keep = detailLink.get() < linkNames.size() ? detailLink.get() : 0;
        detail.getSelectionModel().select(keep);
        detailLink.set(keep);
        if (linkNames.size() > 1) {
            children.add(spacer);
            children.add(detailLabel);
            children.add(detail);
        }
        getChildren().setAll(children);
    }

    /** The stage boxes, source first: for tests. */
    List<StageBox> stages() {
        return List.copyOf(stages);
    }

    private static void setText(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    /** One stage: its name, and what it mostly did over the last second. */
    static final class StageBox extends VBox {
        private final Label state = new Label("–");
        private final Tooltip tip = new Tooltip();
        private StageShare.State shown;

        StageBox(String name) {
            getStyleClass().add("bf-stage");
            pseudoClassStateChanged(IDLE, true);
            Label title = new Label(name);
            title.getStyleClass().add("bf-stage-name");
            state.getStyleClass().add("bf-stage-state");
            state.setMinWidth(Region.USE_PREF_SIZE);
            title.setMinWidth(Region.USE_PREF_SIZE);
            setPrefWidth(Region.USE_COMPUTED_SIZE);
            getChildren().addAll(title, state);
            setAlignment(Pos.CENTER);
            setMinWidth(Region.USE_PREF_SIZE);
            Tooltip.install(this, tip);
            setAccessibleText(name);
        }

        void show(StageShare share, long holding) {
            StageShare.State now = share == null ? null : share.dominant();
            if (now != shown) {
                // Pseudo-classes, not style classes: a state change restyles the node in place
                // instead of looking its styles up afresh (which, once per frame, cost the FX thread).
                pseudoClassStateChanged(IDLE, now == null || now == StageShare.State.IDLE);
                pseudoClassStateChanged(BUSY, now == StageShare.State.BUSY);
                pseudoClassStateChanged(BACKPRESSURED, now == StageShare.State.BACKPRESSURED);
                shown = now;
            }
            if (share == null) {
                setText(state, "–");
                return;
            }
            double pct = switch (now) {
                case BUSY -> share.busy();
                case IDLE -> share.idle();
                case BACKPRESSURED -> share.backpressured();
            };
            setText(state, String.format(Locale.ROOT, "%s %.0f %%", now.name().toLowerCase(Locale.ROOT), pct * 100)
                    + (holding > 0 ? String.format(Locale.ROOT, " · holds %,d", holding) : ""));
            String text = String.format(Locale.ROOT, "Last second: busy %.0f %%, idle %.0f %%, backpressured %.0f %%",
                    share.busy() * 100, share.idle() * 100, share.backpressured() * 100);
            if (!text.equals(tip.getText())) {
                tip.setText(text);
            }
        }

        /** The state shown now (null before a run): for tests. */
        StageShare.State shown() {
            return shown;
        }
    }

    /** One link: its slots (or a fill bar) and "fill / capacity · policy". */
    static final class LinkBox extends VBox {
        private final HBox cells = new HBox(1);
        private final ProgressBar bar = new ProgressBar(0);
        private final Label text = new Label();
        private int capacity = -1;

        LinkBox() {
            getStyleClass().add("bf-link");
            setAlignment(Pos.CENTER);
            setMinWidth(Region.USE_PREF_SIZE);
            setSpacing(2);
            bar.setPrefWidth(90);
            text.getStyleClass().add("bf-link-text");
            text.setMinWidth(Region.USE_PREF_SIZE);
        }

        void show(int fill, int cap, String policy) {
            boolean unbounded = cap == Integer.MAX_VALUE;
            if (cap != capacity) {
                capacity = cap;
                if (!unbounded && cap <= MAX_CELLS) {
                    List<Node> slots = new ArrayList<>(cap);
                    for (int i = 0; i < cap; i++) {
                        Region slot = new Region();
                        slot.getStyleClass().add("bf-slot");
                        slots.add(slot);
                    }
                    cells.getChildren().setAll(slots);
                    getChildren().setAll(cells, text);
                } else {
                    getChildren().setAll(bar, text);
                }
            }
            if (!unbounded && cap <= MAX_CELLS) {
                for (int i = 0; i < cells.getChildren().size(); i++) {
                    Node slot = cells.getChildren().get(i);
                    boolean full = i < fill;
                    if (full != slot.getPseudoClassStates().contains(FULL)) {
                        slot.pseudoClassStateChanged(FULL, full);
                    }
                }
            } else {
                double progress = unbounded ? Math.min(1, fill / 10_000.0) : (double) fill / cap;
                if (progress != bar.getProgress()) {
                    bar.setProgress(progress);
                }
            }
            setText(text, (unbounded ? String.format(Locale.ROOT, "%,d", fill) : String.format(Locale.ROOT, "%,d / %,d", fill, cap))
                    + " · " + policy);
        }
    }
}
