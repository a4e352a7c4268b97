package dev.backflow.ui.pipeline;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.ui.common.LayoutFence;
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
public final class PipelineView extends HBox {

    /** A stage's state and a full slot, as pseudo-classes (:idle, :busy, :backpressured, :full). */
    static final javafx.css.PseudoClass IDLE = javafx.css.PseudoClass.getPseudoClass("idle");
    static final javafx.css.PseudoClass BUSY = javafx.css.PseudoClass.getPseudoClass("busy");
    public static final javafx.css.PseudoClass BACKPRESSURED = javafx.css.PseudoClass.getPseudoClass("backpressured");
    static final javafx.css.PseudoClass FULL = javafx.css.PseudoClass.getPseudoClass("full");

    /** Links up to this capacity show one cell per slot. */
    static final int MAX_CELLS = 16;
    /** A stage box's least width, px: short names still make a box a token can land on. */
    static final double MIN_STAGE_WIDTH = 100;
    /** Room between a stage and a link, where tokens fly. */
    static final double GAP = 14;

    private final List<StageBox> stages = new ArrayList<>();
    private final List<LinkBox> links = new ArrayList<>();
    private String shape = "";
    /** Picks the link the buffer panel and the parked lane show; only for two links or more. */
    private final ComboBox<String> detail = new ComboBox<>();
    private final Label detailLabel = new Label("Charts:");
    private final IntegerProperty detailLink = new SimpleIntegerProperty(0);
    private final Region spacer = new Region();
    private final Region lead = new Region();
    /** The animated valve, drawn over the boxes: tokens flying in and out, the gate, refusals. */
    private final ValveModel valve = new ValveModel();
    private final javafx.scene.canvas.Canvas canvas = new javafx.scene.canvas.Canvas();
    /** "1 in n items animated" when the valve samples. */
    private final Label sampled = new Label();
    private boolean drawnIdle = true;

    public PipelineView() {
        getStyleClass().add("bf-pipeline");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(GAP);
        canvas.setManaged(false);
        canvas.setMouseTransparent(true);
        sampled.getStyleClass().add("bf-hint");
        sampled.setId("valveSample");
        sampled.setPadding(new javafx.geometry.Insets(0, 8, 2, 0));
        sampled.setMinWidth(Region.USE_PREF_SIZE);
        sampled.setTooltip(new Tooltip("Too many items move to draw each one: the valve shows a sample. "
                + "The counts and charts include every item."));
        setFillHeight(false);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(lead, Priority.ALWAYS); // the chain in the middle of the row
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
    public IntegerProperty detailLinkProperty() {
        return detailLink;
    }

    /** As {@link #show(Snapshot, ExperimentConfig, long)} at the system's time now. */
    public void show(Snapshot s, ExperimentConfig draft) {
        show(s, draft, System.nanoTime());
    }

    /** As {@link #show(Snapshot, ExperimentConfig, long, boolean)} with the texts brought up to date. */
    public void show(Snapshot s, ExperimentConfig draft, long wallNanos) {
        show(s, draft, wallNanos, true);
    }

    /**
     * Shows the newest snapshot (the running chain) or, before a run, the configured chain, and
     * moves the valve's animation on to {@code wallNanos}. The slots, colours and tokens follow
     * every frame; the stages' and links' texts only when {@code texts} is set (the window sets it
     * ten times a second: a changed text lays the view out again) or the chain changed.
     */
    public void show(Snapshot s, ExperimentConfig draft, long wallNanos, boolean texts) {
        boolean running = s != null && s.counts().runId() != 0 && !s.counts().links().isEmpty();
        List<String> names = new ArrayList<>();
        List<dev.backflow.engine.SendPolicy> policies = new ArrayList<>();
        if (running && s.counts().stages().size() == s.counts().links().size() + 1) {
            s.counts().stages().forEach(st -> names.add(st.name()));
        } else {
            names.add(draft.sourceName());
            draft.hops().forEach(h -> names.add(h.name()));
            names.add(draft.sinkName());
        }
        for (int l = 0; l < draft.links(); l++) {
            policies.add(draft.policyOf(l));
        }
        String newShape = String.join("|", names);
        if (!newShape.equals(shape)) {
            rebuild(names);
            shape = newShape;
            texts = true;
        }
        for (int i = 0; i < stages.size(); i++) {
            StageShare share = running && i < s.stageShares().size() ? s.stageShares().get(i) : null;
            // A stage holding more items than it has workers is a decoupled stage running ahead.
            long held = running && i < s.counts().stages().size() ? s.counts().stages().get(i).inService() : 0;
            int workers = running && i < s.counts().stages().size() ? s.counts().stages().get(i).workers() : 1;
            stages.get(i).show(share, held > workers ? held : 0, texts);
        }
        for (int l = 0; l < links.size(); l++) {
            LinkCounts lc = running && l < s.counts().links().size() ? s.counts().links().get(l) : null;
            int capacity = lc != null ? lc.capacity() : draft.capacityOf(l);
            // A demand link says what its consumer side has requested and not yet been sent, or its replenish point.
            dev.backflow.engine.Demand demand = l < draft.links() ? draft.demandOf(l) : null;
            String note = lc != null && lc.hasDemand() ? String.format(Locale.ROOT, "demand %,d", lc.demand())
                    : demand != null ? "demand @" + demand.format() : null;
            links.get(l).show(lc == null ? 0 : lc.fill(), capacity, l < policies.size() ? policies.get(l) : null, note, texts);
        }
        valve.advance(running ? s.counts() : null, wallNanos / 1e9);
        long oneIn = valve.oneIn();
        boolean sampling = running && oneIn > 1;
        // Two significant digits: the sample's thinness moves every frame, the note need not.
        if (texts) {
            setText(sampled, sampling ? String.format(Locale.ROOT, "▶ 1 in %,d items drawn", roughly(oneIn)) : "");
            sampled.setVisible(sampling);
        }
        draw(wallNanos / 1e9);
    }

    /** {@code n} to two significant digits (3,945 → 3,900; 57 → 57). */
    static long roughly(long n) {
        long scale = 1;
        while (n / scale >= 100) {
            scale *= 10;
        }
        return Math.round((double) n / scale) * scale;
    }

    /** "1 in n items drawn" while the valve samples; placed by the panel holding this view. */
    public Label sampleNote() {
        return sampled;
    }

    /** The valve's state, for tests. */
    public ValveModel valve() {
        return valve;
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (canvas.getParent() != this) {
            return;
        }
        canvas.relocate(0, 0);
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            drawnIdle = false;
        }
    }

    private static final javafx.scene.paint.Color ITEM = javafx.scene.paint.Color.web("#2f6fd6");
    private static final javafx.scene.paint.Color PARKED = javafx.scene.paint.Color.web("#e8590c");
    private static final javafx.scene.paint.Color REFUSED = javafx.scene.paint.Color.web("#e03131");
    private static final double R = 5.5;

    /** Draws the tokens and gates; clears once when nothing moves. */
    private void draw(double now) {
        javafx.scene.canvas.GraphicsContext g = canvas.getGraphicsContext2D();
        if (!valve.active()) {
            if (!drawnIdle) {
                g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
                drawnIdle = true;
            }
            return;
        }
        drawnIdle = false;
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (int l = 0; l < links.size() && l + 1 < stages.size(); l++) {
            if (valve.parked(l)) {
                Geometry at = geometry(l);
                // The valve shut: a bar across the link's mouth, a sender waiting in front of it.
                g.setFill(PARKED);
                g.fillRoundRect(at.gateX - 2, at.y - at.half - 3, 4, 2 * at.half + 6, 2, 2);
                g.setGlobalAlpha(0.55 + 0.45 * Math.abs(Math.sin(now * 5)));
                g.fillOval(at.waitX - R, at.y - R, 2 * R, 2 * R);
                g.setGlobalAlpha(1);
            }
        }
        for (ValveModel.Token t : valve.tokens()) {
            if (t.link() >= links.size() || t.link() + 1 >= stages.size()) {
                continue;
            }
            Geometry at = geometry(t.link());
            double age = Math.max(0, t.age(now));
            switch (t.kind()) {
                case IN -> {
                    double f = ease(age / ValveModel.FLIGHT_SECONDS);
                    double x0 = t.fromGate() ? at.waitX : at.fromX;
                    token(g, ITEM, x0 + (at.inX - x0) * f, at.y, 1);
                }
                case OUT -> {
                    double f = ease(age / ValveModel.FLIGHT_SECONDS);
                    token(g, ITEM, at.outX + (at.toX - at.outX) * f, at.y, 1 - Math.max(0, f - 0.7) / 0.3);
                }
                case REFUSED -> {
                    double f = Math.min(1, age / ValveModel.REFUSED_SECONDS);
                    double x;
                    double y = at.y;
                    if (f < 0.4) {
                        x = at.fromX + (at.gateX - R - 2 - at.fromX) * ease(f / 0.4);
                    } else {
                        double b = (f - 0.4) / 0.6;
                        x = at.gateX - R - 2 - 10 * b;
                        y = at.y + 22 * b * b;
                    }
                    double alpha = f < 0.4 ? 1 : 1 - (f - 0.4) / 0.6;
                    token(g, REFUSED, x, y, alpha);
                    g.setGlobalAlpha(Math.max(0, alpha));
                    g.setStroke(javafx.scene.paint.Color.WHITE);
                    g.setLineWidth(1.4);
                    g.strokeLine(x - 2.2, y - 2.2, x + 2.2, y + 2.2);
                    g.strokeLine(x - 2.2, y + 2.2, x + 2.2, y - 2.2);
                    g.setGlobalAlpha(1);
                }
            }
        }
    }

    private static void token(javafx.scene.canvas.GraphicsContext g, javafx.scene.paint.Color c, double x, double y, double alpha) {
        g.setGlobalAlpha(Math.max(0, Math.min(1, alpha)));
        g.setFill(c);
        g.fillOval(x - R, y - R, 2 * R, 2 * R);
        g.setGlobalAlpha(1);
    }

    private static double ease(double f) {
        double x = Math.max(0, Math.min(1, f));
        return 1 - (1 - x) * (1 - x);
    }

    /** Where link {@code l}'s tokens fly, in this view's coordinates. */
    private record Geometry(double y, double half, double fromX, double gateX, double waitX, double inX,
                            double outX, double toX) { }

    private Geometry geometry(int l) {
        LinkBox link = links.get(l);
        javafx.geometry.Bounds lb = link.getBoundsInParent();
        javafx.geometry.Bounds slots = link.slotsBounds();
        double left = lb.getMinX() + slots.getMinX();
        double right = lb.getMinX() + slots.getMaxX();
        double y = lb.getMinY() + slots.getCenterY();
        double from = stages.get(l).getBoundsInParent().getMaxX() + R + 1;
        double to = stages.get(l + 1).getBoundsInParent().getMinX() - R + 1; // lands on the stage's edge
        double gate = left - 3;
        double free = link.freeEnd(); // 0..1 along the slots: where the next item lands
        double in = Math.max(left + R, left + (right - left) * free - R);
        return new Geometry(y, slots.getHeight() / 2, from, gate, Math.max(from, gate - R - 3), in, right - R, to);
    }

    private void rebuild(List<String> names) {
        stages.clear();
        links.clear();
        List<Node> children = new ArrayList<>();
        children.add(lead);
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
        children.add(spacer);
        if (linkNames.size() > 1) {
            children.add(detailLabel);
            children.add(detail);
        }
        children.add(canvas);
        getChildren().setAll(children);
        drawnIdle = false;
    }

    /** The stage boxes, source first: for tests. */
    public List<StageBox> stages() {
        return List.copyOf(stages);
    }

    private static void setText(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    /** One stage: its name, and what it mostly did over the last second. */
    public static final class StageBox extends VBox {
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

        void show(StageShare share, long holding, boolean texts) {
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
            if (!texts) {
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
        /** At least {@value #MIN_STAGE_WIDTH} px wide, and never narrower than its text. */
        @Override
        protected double computePrefWidth(double height) {
            return Math.max(MIN_STAGE_WIDTH, super.computePrefWidth(height));
        }

        @Override
        protected double computeMinWidth(double height) {
            return computePrefWidth(height);
        }

        public StageShare.State shown() {
            return shown;
        }
    }

    /** One link: its slots (or a fill bar) and "fill / capacity · policy". */
    public static final class LinkBox extends VBox {
        private final HBox cells = new HBox(1);
        private final ProgressBar bar = new ProgressBar(0);
        /**
         * The bar behind a fence: a bar asks for a layout at every new fill (many times a
         * second), and unfenced that laid out the whole pipeline view and its scroll pane again.
         */
        private final LayoutFence barFence = new LayoutFence(bar);
        private final Label text = new Label();
        private int capacity = -1;
        private int fill;

        LinkBox() {
            getStyleClass().add("bf-link");
            setAlignment(Pos.CENTER);
            setMinWidth(Region.USE_PREF_SIZE);
            setSpacing(2);
            bar.setPrefWidth(80);
            bar.setPrefHeight(24);
            bar.setRotate(180); // items pile up against the consumer's end, as in the slots
            text.getStyleClass().add("bf-link-text");
            text.setMinWidth(Region.USE_PREF_SIZE);
        }

        /** The slots' (or the bar's) bounds in this box. */
        javafx.geometry.Bounds slotsBounds() {
            return getChildren().isEmpty() ? getLayoutBounds() : getChildren().getFirst().getBoundsInParent();
        }

        /** How far along the slots the free end reaches (0..1): the next item lands just before it. */
        double freeEnd() {
            if (capacity <= 0 || capacity == Integer.MAX_VALUE) {
                return capacity == Integer.MAX_VALUE ? Math.max(0.1, 1 - Math.min(1, fill / 10_000.0)) : 1;
            }
            return Math.max(0, 1 - (double) fill / capacity);
        }

        /** The policy the text and tooltip were made for. */
        private dev.backflow.engine.SendPolicy shownPolicy;

        void show(int fill, int cap, dev.backflow.engine.SendPolicy policy, String note, boolean texts) {
            boolean reshaped = cap != capacity || policy != null && !policy.equals(shownPolicy);
            if (policy != null && !policy.equals(shownPolicy)) {
                // The label stays short (the chain must fit at 1280 px); the tooltip gives the
                // policy whole, a timeout link's own deadline included.
                shownPolicy = policy;
                text.setTooltip(new javafx.scene.control.Tooltip(policy.format() + ": " + policy.description()));
            }
            this.fill = fill;
            boolean unbounded = cap == Integer.MAX_VALUE;
            if (cap != capacity) {
                capacity = cap;
                if (!unbounded && cap <= MAX_CELLS) {
                    List<Node> slots = new ArrayList<>(cap);
                    // A short link gets wide slots, so an item's way in and out is long enough to watch.
                    double w = Math.max(6, Math.min(22, 100.0 / Math.max(1, cap)));
                    for (int i = 0; i < cap; i++) {
                        Region slot = new Region();
                        slot.getStyleClass().add("bf-slot");
                        slot.setMinWidth(w);
                        slot.setPrefWidth(w);
                        slots.add(slot);
                    }
                    cells.getChildren().setAll(slots);
                    getChildren().setAll(cells, text);
                } else {
                    getChildren().setAll(barFence, text);
                }
            }
            if (!unbounded && cap <= MAX_CELLS) {
                for (int i = 0; i < cells.getChildren().size(); i++) {
                    Node slot = cells.getChildren().get(i);
                    boolean full = i >= cells.getChildren().size() - fill; // the full end faces the consumer
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
            if (texts || reshaped) {
                setText(text, (unbounded ? String.format(Locale.ROOT, "%,d", fill) : String.format(Locale.ROOT, "%,d / %,d", fill, cap))
                        + (policy == null ? "" : " · " + policy.cliName()) + (note == null ? "" : " · " + note));
            }
        }
    }
}
