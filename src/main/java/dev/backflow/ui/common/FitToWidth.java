package dev.backflow.ui.common;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Orientation;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Shows a drawing as large as the width it is given allows, up to {@link #maxZoomProperty()}:
 * the content is laid out at its own preferred size and scaled as a whole (type, boxes, the
 * tokens drawn on its canvas), so nothing in it needs to know. With a max zoom of 1 (the default)
 * it is the content as it is. Narrower than the content's preferred width it does not shrink
 * the content below 1 either; its container may scroll it.
 *
 * <p>Presentation mode uses it to make the valve fill the width a projector gives it. FX thread.
 */
public final class FitToWidth extends Region {

    private final Region content;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty maxZoom = new SimpleDoubleProperty(this, "maxZoom", 1);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);

    public FitToWidth(Region content) {
        this.content = content;
        content.getTransforms().add(scale);
        getChildren().add(content);
        maxZoom.addListener((o, was, is) -> requestLayout());
        getStyleClass().add("bf-fit-to-width");
    }

    /** How large the content may grow, as a factor (1: never). */
    public DoubleProperty maxZoomProperty() {
        return maxZoom;
    }

    /** The factor the content is drawn at now. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** The zoom at {@code width}: as much as fills it, between 1 and the max. */
    double zoomFor(double width) {
        double natural = content.prefWidth(-1);
        if (width <= 0 || natural <= 0 || maxZoom.get() <= 1) {
            return 1;
        }
        return Math.max(1, Math.min(maxZoom.get(), width / natural));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL; // its height follows from the width it is given
    }

    @Override
    protected double computeMinWidth(double height) {
        return content.minWidth(-1);
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1);
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(-1) * zoomFor(width);
    }

    @Override
    protected double computeMinHeight(double width) {
        return content.minHeight(-1) * zoomFor(width);
    }

    @Override
    protected void layoutChildren() {
        double z = zoomFor(getWidth());
        scale.setX(z);
        scale.setY(z);
        content.resizeRelocate(0, 0, getWidth() / z, getHeight() / z);
        zoom.set(z);
    }
}
