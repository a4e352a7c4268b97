package dev.backflow.ui.common;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Whether a part of the window can be seen now. FX thread. */
public final class OnScreen {

    private OnScreen() {
    }

    /**
     * True when some of {@code node} is in its showing window: it and every parent are visible,
     * and it is not scrolled out of any scroll pane around it. A part that cannot be seen need
     * not have its texts changed ten times a second: each change costs a layout.
     */
    public static boolean seen(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        Bounds own = node.localToScene(node.getLayoutBounds());
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
            // A scroll pane's own bounds are its viewport on screen; its content moves under it.
            if (n != node && n instanceof ScrollPane pane && !pane.localToScene(pane.getLayoutBounds()).intersects(own)) {
                return false;
            }
        }
        return true;
    }
}
