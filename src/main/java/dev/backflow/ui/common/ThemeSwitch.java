package dev.backflow.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.backflow.preset.PresetStore;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Light or dark: AtlantaFX's Primer Light or Primer Dark, with Backflow's own colours for each.
 * The first launch follows the system's setting; a choice made in View → Dark theme is remembered
 * (in the presets folder, read and written on the file thread). FX thread.
 */
public final class ThemeSwitch {

    private static final String DARK_CSS = Objects.requireNonNull(
            ThemeSwitch.class.getResource(Fxml.DARK_STYLES)).toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final PresetStore store;
    private final Executor files;
    private Scene scene;
    private boolean restoring;

    public ThemeSwitch(PresetStore store, Executor files) {
        this.store = Objects.requireNonNull(store);
        this.files = Objects.requireNonNull(files);
        dark.set(systemIsDark());
        apply(dark.get());
        dark.addListener((o, was, is) -> {
            apply(is);
            if (!restoring) {
                String theme = is ? "dark" : "light";
                files.execute(() -> store.rememberTheme(theme));
            }
        });
    }

    /** Styles {@code s} for the current theme, and from now on; then restores the remembered choice. */
    public void attach(Scene s, Executor fx) {
        scene = s;
        apply(dark.get());
        files.execute(() -> store.theme().ifPresent(t -> fx.execute(() -> {
            restoring = true;
            try {
                dark.set("dark".equals(t));
            } finally {
                restoring = false;
            }
        })));
    }

    /** True for the dark theme; bind View → Dark theme to it. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    private void apply(boolean isDark) {
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (scene != null) {
            if (isDark && !scene.getStylesheets().contains(DARK_CSS)) {
                scene.getStylesheets().add(DARK_CSS);
            } else if (!isDark) {
                scene.getStylesheets().remove(DARK_CSS);
            }
        }
    }

    private static boolean systemIsDark() {
        try {
            return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        } catch (RuntimeException | LinkageError e) {
            return false; // a platform that cannot say: light
        }
    }
}
