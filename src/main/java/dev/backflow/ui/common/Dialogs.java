package dev.backflow.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The window's dialogs, owned by the main window: a clear message, never a stack trace.
 * FX thread only.
 */
public final class Dialogs {

    private final Supplier<Window> owner;

    public Dialogs(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    /** The window dialogs belong to (for file choosers too). */
    public Window owner() {
        return owner.get();
    }

    /** Asks for a line of text; empty if cancelled. */
    public Optional<String> ask(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        d.initOwner(owner.get());
        return d.showAndWait();
    }

    /** True if the person pressed OK. */
    public boolean confirm(String title, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.setTitle(title);
        a.setHeaderText(null);
        a.initOwner(owner.get());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** Shows a problem and waits for the person to read it. */
    public void error(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setTitle("Backflow");
        a.setHeaderText(null);
        a.getDialogPane().setMinWidth(520);
        a.initOwner(owner.get());
        a.showAndWait();
    }

    /** Shows information in a monospaced dialog without waiting. */
    public void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(owner.get());
        a.getDialogPane().setStyle("-fx-font-family: monospace;");
        a.show();
    }

    /**
     * Shows a page of prose (Help → Getting started) in a readable, proportional font, wrapped,
     * without waiting; the window can stay open beside the run.
     */
    public void page(String title, String text) {
        javafx.scene.control.Label body = new javafx.scene.control.Label(text);
        body.setWrapText(true);
        body.setMaxWidth(620);
        body.getStyleClass().add("bf-page");
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(title);
        a.setHeaderText(title);
        a.setGraphic(null);
        a.getDialogPane().setContent(body);
        a.getDialogPane().setPrefWidth(680);
        a.initModality(javafx.stage.Modality.NONE);
        a.initOwner(owner.get());
        a.show();
    }

    /** Puts {@code text} on the system clipboard (Copy as command). FX thread. */
    public static void copy(String text) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }
}
