package dev.backflow.ui.window;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

import java.util.Objects;

/** The key-figures strip: each value bound to {@link KeyFigures}; a tile lights up when its figure tells the story. */
public final class KeyFiguresController {

    private final KeyFigures figures;

    @FXML private Region fillTile;
    @FXML private Region parkedTile;
    @FXML private Region refusedTile;
    @FXML private Label fillValue;
    @FXML private Label parkedValue;
    @FXML private Label producedValue;
    @FXML private Label consumedValue;
    @FXML private Label refusedValue;
    @FXML private Label waitValue;
    @FXML private Label memoryValue;
    @FXML private Region goodputTile;
    @FXML private Region endToEndTile;
    @FXML private Region amplificationTile;
    @FXML private Region memoryTile;
    @FXML private Label memoryName;
    @FXML private Region producedTile;
    @FXML private Region waitTile;
    @FXML private Label goodputValue;
    @FXML private Label endToEndValue;
    @FXML private Label amplificationValue;

    KeyFiguresController(KeyFigures figures) {
        this.figures = Objects.requireNonNull(figures);
    }

    @FXML
    private void initialize() {
        show(fillValue, figures.fillProperty(), "Items in the buffer of its capacity, now.");
        show(parkedValue, figures.parkedProperty(), "Share of the producers' time spent parked on a full buffer, "
                + "over the last 3 s: backpressure at work.");
        show(producedValue, figures.producedProperty(), "Items the producers put into the buffer per second, last 3 s.");
        show(consumedValue, figures.consumedProperty(), "Items the consumers finished per second, last 3 s.");
        show(refusedValue, figures.refusedProperty(), "Items turned away in all: rejected, dropped or timed out at a full buffer, shed by CoDel, or refused by an adaptive limit.");
        show(waitValue, figures.waitP99Property(), "99 % of the items waited in the buffer at most this long.");
        show(memoryValue, figures.memoryProperty(), "What the queued items cost on the heap (an unbounded buffer's "
                + "budget is in the tile's name: past it, the run is killed as out of memory).");
        memoryName.textProperty().bind(figures.memoryNameProperty());
        show(goodputValue, figures.goodputProperty(), "Requests served while their caller still waited, per second, "
                + "last second: goodput. Below consumed/s, the server is working for callers that gave up.");
        show(endToEndValue, figures.endToEndP99Property(), "99 % of the succeeded requests took at most this long "
                + "from their first attempt: parked, queued, served and backing off, the caller's own latency.");
        show(amplificationValue, figures.amplificationProperty(), "Attempts per request since the start: how much "
                + "retries multiply the load the server sees.");
        for (Region tile : new Region[] {goodputTile, endToEndTile, amplificationTile}) {
            tile.visibleProperty().bind(figures.callersProperty());
            tile.managedProperty().bind(figures.callersProperty());
        }
        memoryTile.visibleProperty().bind(figures.memoryMattersProperty());
        memoryTile.managedProperty().bind(figures.memoryMattersProperty());
        // Seven tiles fit 1280 px: with callers, goodput and end to end replace produced and queue wait.
        for (Region tile : new Region[] {producedTile, waitTile}) {
            tile.visibleProperty().bind(figures.callersProperty().not());
            tile.managedProperty().bind(figures.callersProperty().not());
        }
        lightUp(fillTile, figures.fullProperty(), FULL);
        lightUp(parkedTile, figures.backpressuredProperty(), PARKED);
        lightUp(refusedTile, figures.refusingProperty(), REFUSED);
    }

    private static void show(Label value, ObservableStringValue text, String meaning) {
        value.textProperty().bind(text);
        Tooltip tip = new Tooltip();
        // Written as it opens, not at each change of the value (ten times a second, unseen).
        tip.setOnShowing(e -> tip.setText(text.get() + " — " + meaning));
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        value.setTooltip(tip);
        value.setMinWidth(Region.USE_PREF_SIZE); // a value is never cut: the tiles share what is left
    }

    /** A tile's states, as CSS pseudo-classes ({@code .bf-figure:full}). */
    static final javafx.css.PseudoClass FULL = javafx.css.PseudoClass.getPseudoClass("full");
    static final javafx.css.PseudoClass PARKED = javafx.css.PseudoClass.getPseudoClass("parked");
    static final javafx.css.PseudoClass REFUSED = javafx.css.PseudoClass.getPseudoClass("refused");

    /**
     * Lights the tile up while {@code on} holds. A pseudo-class, not a style class: a buffer at
     * its bound turns "full" on and off many times a second, and a style class changed makes
     * JavaFX build the tile's styles anew each time, where a pseudo-class only switches state.
     */
    private static void lightUp(Region tile, ObservableBooleanValue on, javafx.css.PseudoClass state) {
        on.subscribe(lit -> tile.pseudoClassStateChanged(state, lit));
    }
}
