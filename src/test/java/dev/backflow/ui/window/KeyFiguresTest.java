package dev.backflow.ui.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key figures' texts stay short enough for the strip at 1280 px. */
class KeyFiguresTest {

    @Test
    void memoryOfItsBudgetSaysASharedUnitOnce() {
        assertEquals("47.0 / 64.0 MiB", KeyFigures.ofBudget("47.0 MiB", "64.0 MiB"));
        assertEquals("512 B / 64.0 MiB", KeyFigures.ofBudget("512 B", "64.0 MiB"));
    }
}
