package dev.backflow.ui.settings;

import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.function.BiPredicate;

/**
 * Keeps a log-scale slider, an exact-value text field and a view-model property in step.
 *
 * <p>Dragging the slider sets the property to a rounded value; typing a value and pressing
 * Enter (or leaving the field) submits the text, which the view model applies or rejects with a
 * message; a rejected entry is shown in error style until corrected. Escape restores the
 * current value. FX thread only.
 */
public final class SettingBinding {

    private final Setting setting;
    private final Slider slider;
    private final TextField field;
    private final DoubleProperty value;
    private final BiPredicate<Setting, String> submit;
    private boolean syncing;

    private SettingBinding(Setting setting, Slider slider, TextField field, DoubleProperty value,
                           BiPredicate<Setting, String> submit) {
        this.setting = setting;
        this.slider = slider;
        this.field = field;
        this.value = value;
        this.submit = submit;
    }

    /** Wires the three together. {@code submit} applies typed text and says whether it was accepted. */
    public static void bind(Setting setting, Slider slider, TextField field, DoubleProperty value,
                     BiPredicate<Setting, String> submit) {
        new SettingBinding(setting, slider, field, value, submit).wire();
    }

    private void wire() {
        slider.setMin(setting.scale().minPosition());
        slider.setMax(setting.scale().maxPosition());
        slider.setBlockIncrement((slider.getMax() - slider.getMin()) / 40);
        Tooltip tip = new Tooltip(setting.tooltip() + "\nRange: " + Setting.rangeText(setting)
                + ". Type an exact value in the box and press Enter.");
        tip.setShowDelay(Duration.millis(400));
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        slider.setTooltip(tip);
        field.setTooltip(tip);

        show(value.get());
        value.addListener((o, a, b) -> show(b.doubleValue()));
        slider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                double v = setting.valueAt(b.doubleValue());
                if (v != value.get()) {
                    value.set(v);
                }
            }
        });
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                commit();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                show(value.get());
                e.consume();
            }
        });
    }

    private void commit() {
        String text = field.getText();
        if (text.equals(setting.format(value.get()))) {
            field.getStyleClass().remove("bf-invalid");
            return;
        }
        if (submit.test(setting, text)) {
            field.getStyleClass().remove("bf-invalid");
            show(value.get());
        } else if (!field.getStyleClass().contains("bf-invalid")) {
            field.getStyleClass().add("bf-invalid");
        }
    }

    private void show(double v) {
        syncing = true;
        try {
            slider.setValue(setting.scale().toPosition(v));
            field.setText(setting.format(v));
            field.getStyleClass().remove("bf-invalid");
        } finally {
            syncing = false;
        }
    }
}
