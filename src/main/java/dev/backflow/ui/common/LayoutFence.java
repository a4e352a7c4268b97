package dev.backflow.ui.common;

import javafx.beans.DefaultProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Region;

/**
 * Keeps the once-per-frame changes of a live part of the window (a counter's text, a chart's
 * data, a link's slots) from laying out the whole window again.
 *
 * <p>In JavaFX a node that asks for a layout asks its parent too, up to the scene's root, and on
 * the next pulse every parent on that way lays out its children afresh: the sidebar's scroll pane
 * re-measures every control in it (a combo box measures every item of its list), although only a
 * number changed. A fence holds one part as its content, <em>unmanaged</em>, which makes the
 * content a layout root: its requests stop there, and the pulse lays out that part alone.
 *
 * <p>The fence still takes the content's size as its own: it asks the content's min, pref and
 * max sizes. In {@link Sizing#HEIGHT} mode (a part in a column, whose width the column gives) it
 * also notices when the content's preferred height changes (a font grows in presentation mode, a
 * row appears): whenever the content has asked for a layout, the fence compares, before the
 * pulse's layout pass, the content's preferred height at the fence's width with what it last
 * reported, and asks its own parent for a layout only if they differ. In {@link Sizing#GIVEN}
 * mode (a part whose size its container decides, such as a split pane's item) it compares only
 * the content's least height, which its container must still respect (a chart panel appearing
 * makes the charts' part need more room).
 *
 * <p>FX thread only.
 */
@DefaultProperty("content")
public final class LayoutFence extends Region {

    /** Whether the fence follows its content's preferred height as it changes. */
    public enum Sizing {
        /** Re-measures the content's height after it asked for a layout; reports a change to its parent. */
        HEIGHT,
        /** Its container gives it its size; only a change of the content's least height is reported. */
        GIVEN
    }

    private final ObjectProperty<Node> content = new SimpleObjectProperty<>(this, "content");
    private final ObjectProperty<Sizing> sizing = new SimpleObjectProperty<>(this, "sizing", Sizing.HEIGHT);
    /** The content asked for a layout since the last check. */
    private boolean contentDirty;
    private double reportedPrefHeight = Double.NaN;
    private double reportedMinHeight = Double.NaN;
    private final Runnable check = this::checkContentSize;
    private final ChangeListener<Boolean> dirtyListener = (o, was, is) -> {
        if (is) {
            contentDirty = true;
        }
    };

    /** An empty fence; its content is set later (as FXML does). */
    public LayoutFence() {
        getStyleClass().add("bf-layout-fence");
        content.addListener((o, old, now) -> {
            if (old != null) {
                old.setManaged(true);
                if (old instanceof Parent p) {
                    p.needsLayoutProperty().removeListener(dirtyListener);
                }
            }
            if (now == null) {
                getChildren().clear();
            } else {
                now.setManaged(false);
                getChildren().setAll(now);
                if (now instanceof Parent p) {
                    p.needsLayoutProperty().addListener(dirtyListener);
                }
            }
            remeasure();
        });
        sceneProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(check);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(check);
            }
        });
    }

    /** A fence around {@code content}, following its preferred height. */
    public LayoutFence(Node content) {
        this();
        setContent(content);
    }

    /** A fence around {@code content} with the given sizing. */
    public LayoutFence(Node content, Sizing sizing) {
        this(content);
        setSizing(sizing);
    }

    public ObjectProperty<Node> contentProperty() {
        return content;
    }

    public Node getContent() {
        return content.get();
    }

    public void setContent(Node node) {
        content.set(node);
    }

    public ObjectProperty<Sizing> sizingProperty() {
        return sizing;
    }

    public Sizing getSizing() {
        return sizing.get();
    }

    public void setSizing(Sizing value) {
        sizing.set(value == null ? Sizing.HEIGHT : value);
    }

    /** Reads the content's size afresh at the next pulse, and lets the parent lay this fence out again. */
    public void remeasure() {
        reportedPrefHeight = Double.NaN;
        reportedMinHeight = Double.NaN;
        requestLayout();
    }

    /** Before a pulse's layout: has the content's preferred size moved since it was reported? */
    private void checkContentSize() {
        Node c = managedContent();
        if (!contentDirty || c == null) {
            contentDirty = false;
            return;
        }
        contentDirty = false;
        // At the fence's width only if the content's height depends on its width; otherwise at -1,
        // which lets the parts of the content that did not change answer from their caches.
        double width = innerWidth(getWidth());
        double at = c.getContentBias() == javafx.geometry.Orientation.HORIZONTAL && width > 0 ? width : -1;
        boolean moved = sizing.get() == Sizing.HEIGHT
                ? c.prefHeight(at) != reportedPrefHeight
                : c.minHeight(at) != reportedMinHeight;
        if (moved) {
            requestLayout(); // the parent measures this fence again (which reports the new sizes)
        }
    }

    private Node managedContent() {
        Node c = content.get();
        return c != null && c.isVisible() ? c : null;
    }

    @Override
    protected double computeMinWidth(double height) {
        return contentWidth(height, false);
    }

    @Override
    protected double computeMinHeight(double width) {
        return contentHeight(width, false);
    }

    @Override
    protected double computePrefWidth(double height) {
        return contentWidth(height, true);
    }

    /** The content's preferred (or least) width at {@code height}, plus the insets. */
    private double contentWidth(double height, boolean pref) {
        Node c = managedContent();
        double inner = innerHeight(height);
        return inset(true) + (c == null ? 0 : pref ? c.prefWidth(inner) : c.minWidth(inner));
    }

    @Override
    protected double computePrefHeight(double width) {
        return contentHeight(width, true);
    }

    /**
     * The content's preferred (or least) height at {@code width}, plus the insets; remembered as
     * what checkContentSize compares with when asked at the width this fence has (or at -1).
     */
    private double contentHeight(double width, boolean pref) {
        Node c = managedContent();
        double inner = innerWidth(width);
        double h = c == null ? 0 : pref ? c.prefHeight(inner) : c.minHeight(inner);
        if (width == -1 || inner == innerWidth(getWidth())) {
            if (pref) {
                reportedPrefHeight = h;
            } else {
                reportedMinHeight = h;
            }
        }
        return inset(false) + h;
    }

    @Override
    protected double computeMaxWidth(double height) {
        Node c = managedContent();
        return c == null ? Double.MAX_VALUE : inset(true) + c.maxWidth(innerHeight(height));
    }

    @Override
    protected double computeMaxHeight(double width) {
        Node c = managedContent();
        return c == null ? Double.MAX_VALUE : inset(false) + c.maxHeight(innerWidth(width));
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        Node c = content.get();
        return c == null ? null : c.getContentBias();
    }

    @Override
    protected void layoutChildren() {
        Node c = content.get();
        if (c == null) {
            return;
        }
        Insets in = getInsets();
        double w = Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.max(0, getHeight() - snappedTopInset() - snappedBottomInset());
        c.resizeRelocate(snapPositionX(in.getLeft()), snapPositionY(in.getTop()), w, h);
        // The pulse then lays the content out (Parent.layout goes on to the children).
    }

    private double inset(boolean horizontal) {
        return horizontal ? snappedLeftInset() + snappedRightInset() : snappedTopInset() + snappedBottomInset();
    }

    private double innerWidth(double width) {
        return width < 0 ? -1 : Math.max(0, width - inset(true));
    }

    private double innerHeight(double height) {
        return height < 0 ? -1 : Math.max(0, height - inset(false));
    }
}
