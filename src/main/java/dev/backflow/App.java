package dev.backflow;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.ui.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The Backflow desktop application. */
public final class App extends Application {

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow(new Engine(ExperimentConfig.DEFAULT));
        stage.setTitle("Backflow — a lab for backpressure");
        stage.setScene(window.scene());
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();
    }

    @Override
    public void stop() throws Exception {
        if (window != null) {
            window.close();
        }
    }

    public static void main(String[] args) {
        launch(App.class, args);
    }
}
