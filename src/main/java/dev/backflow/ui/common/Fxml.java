package dev.backflow.ui.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads the window's layouts. The FXML files and style sheets live together in one resource
 * folder, {@value #FOLDER}, so a layout can include another by its name whichever package its
 * controller is in.
 */
public final class Fxml {

    /** Where the layouts and style sheets are. */
    public static final String FOLDER = "/dev/backflow/ui/";
    /** The light style sheet (the dark one is laid over it). */
    public static final String STYLES = FOLDER + "backflow.css";
    /** The dark theme's additions. */
    public static final String DARK_STYLES = FOLDER + "backflow-dark.css";

    private Fxml() {
    }

    /**
     * Loads the layout {@code fxml} (a file name in {@link #FOLDER}), making each controller with
     * the supplier given for its class. The factory reaches every fx:include too: the layout and
     * each one it includes gets its controller from {@code controllers}.
     *
     * @throws IllegalStateException if the layout names a controller not given
     */
    public static Parent load(String fxml, Map<Class<?>, Supplier<Object>> controllers) {
        FXMLLoader loader = new FXMLLoader(Fxml.class.getResource(FOLDER + fxml));
        loader.setControllerFactory(type -> {
            Supplier<Object> make = controllers.get(type);
            if (make == null) {
                throw new IllegalStateException("no controller for " + type.getName());
            }
            return make.get();
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the window layout " + fxml + " could not be loaded", e);
        }
    }
}
