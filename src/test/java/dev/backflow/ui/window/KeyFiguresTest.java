package dev.backflow.ui.window;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key figures' texts stay short enough for the strip at 1280 px. */
class KeyFiguresTest {

    private static Snapshot snapshot(Counts c) {
        return new Snapshot(c, 6.0, 2_000, 20, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, Double.NaN, Snapshot.WaitPercentiles.NONE);
    }

    /** Unbounded, the memory tile names its budget and its value is the memory alone. */
    @Test
    void anUnboundedBuffersBudgetIsInTheMemoryTilesName() {
        KeyFigures figures = new KeyFigures();
        figures.refresh(snapshot(Counts.builder().runId(1).atNanos(6_000_000_000L).producers(1).consumers(1)
                .capacity(Integer.MAX_VALUE).fill(12_158).memoryBytes(48L << 20).memoryBudgetBytes(64L << 20).build()));
        assertEquals("Memory of 64.0 MiB", figures.memoryNameProperty().get());
        assertEquals("48.0 MiB", figures.memoryProperty().get());
        assertEquals("12,158 / ∞", figures.fillProperty().get());

        figures.refresh(snapshot(Counts.builder().runId(2).atNanos(6_000_000_000L).producers(1).consumers(1)
                .capacity(5).fill(5).memoryBytes(5 * 1024).build()));
        assertEquals("Memory", figures.memoryNameProperty().get(), "bounded: no budget");
        assertEquals("5.0 KiB", figures.memoryProperty().get());
        figures.refresh(null);
        assertEquals("Memory", figures.memoryNameProperty().get());
    }
}
