package dev.backflow.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the person sees when code on the FX thread fails unexpectedly: a dialog with one readable
 * line, where the details were saved, the details themselves (collapsed) and a "Copy details"
 * button, instead of a stack trace vanishing into standard error. Installed as the FX thread's
 * uncaught-exception handler. A failure while the dialog is up is only recorded, never stacked.
 */
public final class CrashDialog implements Thread.UncaughtExceptionHandler {

    private final Supplier<Window> owner;
    private final BiFunction<String, Throwable, String> record;
    private final Function<Throwable, String> summary;
    private boolean showing;

    /**
     * @param owner   the window the dialog belongs to (may give null)
     * @param record  saves the details; returns the sentence saying where
     * @param summary one line for a person
     */
    public CrashDialog(Supplier<Window> owner, BiFunction<String, Throwable, String> record, Function<Throwable, String> summary) {
        this.owner = Objects.requireNonNull(owner);
        this.record = Objects.requireNonNull(record);
        this.summary = Objects.requireNonNull(summary);
    }

    /** Makes this the FX thread's handler. FX thread. */
    public void install() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("install on the FX thread");
        }
        Thread.currentThread().setUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        String where = record.apply("uncaught on " + thread.getName(), failure);
        if (showing || !Platform.isFxApplicationThread()) {
            return;
        }
        showing = true;
        try {
            show("Something went wrong: " + summary.apply(failure) + ".", where, details(failure));
        } catch (RuntimeException dialogFailed) {
            record.apply("the error dialog failed", dialogFailed);
        } finally {
            showing = false;
        }
    }

    static String details(Throwable failure) {
        StringWriter w = new StringWriter();
        failure.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private void show(String line, String where, String details) {
        ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
        Alert a = new Alert(Alert.AlertType.ERROR, line + "\n\nBackflow carries on; if something looks wrong, "
                + "Reset the run. " + where, copy, ButtonType.CLOSE);
        a.setTitle("Backflow");
        a.setHeaderText(null);
        a.getDialogPane().setMinWidth(560);
        TextArea text = new TextArea(details);
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(14);
        text.setStyle("-fx-font-family: monospace;");
        a.getDialogPane().setExpandableContent(text);
        // "Copy details" copies and leaves the dialog open.
        a.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(line + "\n" + where + "\n\n" + details);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
        }
        a.showAndWait();
    }
}
