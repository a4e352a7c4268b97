package dev.backflow.ui.settings;

import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/**
 * Keeps a text box in step with one per-run setting: Enter (or leaving the box) submits the text
 * to the view model, which applies it or explains why not; the box shows the error style until
 * corrected, and Escape restores the current value. FX thread only.
 */
public final class RunFieldBinding {

    private RunFieldBinding() {
    }

    static void bind(TextField box, RunField field, MainViewModel vm) {
        Runnable show = () -> {
            box.setText(vm.show(field));
            box.getStyleClass().remove("bf-invalid");
        };
        show.run();
        vm.draftProperty().addListener((o, a, b) -> {
            if (!box.isFocused() || a == null || !field.show(a).equals(field.show(b))) {
                show.run();
            }
        });
        editable(box, () -> vm.show(field), text -> vm.submit(field, text));
    }

    /**
     * The editing contract every typed box shares: Enter or leaving the box submits its text
     * (unless unchanged), a refused text stays in the error style until corrected, and Escape
     * restores what {@code shown} says.
     */
    public static void editable(TextField box, java.util.function.Supplier<String> shown, java.util.function.Predicate<String> submit) {
        Runnable commit = () -> {
            if (box.getText().equals(shown.get())) {
                box.getStyleClass().remove("bf-invalid");
            } else if (submit.test(box.getText())) {
                box.setText(shown.get());
                box.getStyleClass().remove("bf-invalid");
            } else if (!box.getStyleClass().contains("bf-invalid")) {
                box.getStyleClass().add("bf-invalid");
            }
        };
        box.setOnAction(e -> commit.run());
        box.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit.run();
            }
        });
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                box.setText(shown.get());
                box.getStyleClass().remove("bf-invalid");
                e.consume();
            }
        });
    }

    /**
     * Submits the box's text to {@code field}: on success the box shows the applied value, on
     * failure it keeps the text in the error style (the view model says why).
     */
    static void commit(TextField box, RunField field, MainViewModel vm) {
        if (box.getText().equals(vm.show(field))) {
            box.getStyleClass().remove("bf-invalid");
        } else if (vm.submit(field, box.getText())) {
            box.setText(vm.show(field));
            box.getStyleClass().remove("bf-invalid");
        } else if (!box.getStyleClass().contains("bf-invalid")) {
            box.getStyleClass().add("bf-invalid");
        }
    }
}
