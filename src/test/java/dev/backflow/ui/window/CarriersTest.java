package dev.backflow.ui.window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window leaves one core to itself, unless told otherwise. */
class CarriersTest {

    private String before;

    @BeforeEach
    void save() {
        before = System.getProperty(MainWindow.CARRIERS);
        System.clearProperty(MainWindow.CARRIERS);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(MainWindow.CARRIERS);
        } else {
            System.setProperty(MainWindow.CARRIERS, before);
        }
    }

    @Test
    void oneCarrierFewerThanCoresAndNeverNone() {
        assertEquals(1, MainWindow.reserveACoreForTheWindow(2));
        assertEquals("1", System.getProperty(MainWindow.CARRIERS));
        System.clearProperty(MainWindow.CARRIERS);
        assertEquals(7, MainWindow.reserveACoreForTheWindow(8));
        System.clearProperty(MainWindow.CARRIERS);
        assertEquals(1, MainWindow.reserveACoreForTheWindow(1));
    }

    @Test
    void aCountSetByThePersonIsKept() {
        System.setProperty(MainWindow.CARRIERS, "2");
        assertEquals(-1, MainWindow.reserveACoreForTheWindow(8));
        assertEquals("2", System.getProperty(MainWindow.CARRIERS));
    }
}
