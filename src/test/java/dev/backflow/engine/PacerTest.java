package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void deadlinesAreAbsoluteSoLateWakeUpsDoNotDrift() {
        Pacer p = new Pacer(10 * MS, 0);
        // Each item is emitted 3 ms late; the schedule stays on the 10 ms grid.
        for (int k = 0; k < 100; k++) {
            assertEquals(k * 10 * MS, p.nextDue());
            p.emitted(k * 10 * MS + 3 * MS);
        }
    }

    @Test
    void aLateWorkerCatchesUpButNeverBurstsMoreThanTheCatchUpWindow() {
        Pacer p = new Pacer(MS, 0);
        p.emitted(5 * Pacer.CATCH_UP_NANOS);
        assertEquals(4 * Pacer.CATCH_UP_NANOS, p.nextDue());
    }

    @Test
    void theOfferedScheduleIgnoresLatenessAndPausesButFollowsTheDrawsAndTheRate() {
        Pacer p = new Pacer(MS, 0);
        p.emitted(5 * Pacer.CATCH_UP_NANOS, 2.0); // very late: the deadline jumps, the offer does not
        assertEquals(4 * Pacer.CATCH_UP_NANOS, p.nextDue());
        assertEquals(2 * MS, p.offered());
        p.restartAt(100 * Pacer.CATCH_UP_NANOS);
        assertEquals(2 * MS, p.offered(), "a pause is not part of the workload");
        p.changePeriod(2 * MS);
        assertEquals(4 * MS, p.offered(), "a new rate reschedules the waiting item on both");
        p.deferOfferedTo(10 * MS);
        p.deferOfferedTo(3 * MS);
        assertEquals(10 * MS, p.offered(), "a burst's start only ever defers");
    }

    @Test
    void aNewPeriodAppliesToTheItemAlreadyWaiting() {
        Pacer p = new Pacer(10_000 * MS, 0);
        p.emitted(0);
        assertEquals(10_000 * MS, p.nextDue());
        p.changePeriod(MS);
        assertEquals(MS, p.nextDue(), "due one new period after the previous item");
        p.changePeriod(20_000 * MS);
        assertEquals(20_000 * MS, p.nextDue());
    }

    @Test
    void restartForgetsLateness() {
        Pacer p = new Pacer(MS, 0);
        p.restartAt(42 * MS);
        assertEquals(42 * MS, p.nextDue());
        assertThrows(IllegalArgumentException.class, () -> p.changePeriod(0));
    }
}
