package dev.backflow;

import javafx.application.Application;

/**
 * Plain entry point (not an {@link Application} subclass), so the app starts from a class path
 * without the JavaFX launcher's module checks.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}
