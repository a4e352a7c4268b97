package dev.backflow.ui.window;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's text updates take turns, one per frame, each near its period. */
class TextCadenceTest {

    private static final long FRAME = 16_666_667L;
    private static final long PERIOD = 100_000_000L;

    @Test
    void atMostOneJobRunsPerFrameAndEachKeepsItsPeriodWithinAFrame() {
        List<String> ran = new ArrayList<>();
        TextCadence cadence = new TextCadence();
        for (String name : List.of("counters", "figures", "log", "pipeline")) {
            cadence.every(PERIOD, name, () -> ran.add(name));
        }
        cadence.every(250_000_000L, "theory", () -> ran.add("theory"));
        java.util.Map<String, List<Long>> times = new java.util.HashMap<>();
        for (long frame = 0; frame < 600; frame++) { // ten seconds at 60 frames a second
            int before = ran.size();
            String name = cadence.tick(frame * FRAME);
            assertTrue(ran.size() - before <= 1, "one job a frame at most");
            if (name != null) {
                assertEquals(name, ran.getLast());
                times.computeIfAbsent(name, k -> new ArrayList<>()).add(frame * FRAME);
            }
        }
        for (var e : times.entrySet()) {
            long period = e.getKey().equals("theory") ? 250_000_000L : PERIOD;
            List<Long> t = e.getValue();
            for (int i = 1; i < t.size(); i++) {
                long gap = t.get(i) - t.get(i - 1);
                assertTrue(gap >= period && gap <= period + 2 * FRAME, e.getKey() + " ran after " + gap / 1e6 + " ms");
            }
            assertTrue(t.size() >= 10_000_000_000L / (period + 2 * FRAME), e.getKey() + " ran " + t.size() + " times");
        }
    }

    @Test
    void runAllRunsEveryJobAtOnceAndStartsTheirPeriodsAfresh() {
        List<String> ran = new ArrayList<>();
        TextCadence cadence = new TextCadence().every(PERIOD, "a", () -> ran.add("a")).every(PERIOD, "b", () -> ran.add("b"));
        cadence.runAll(0);
        assertEquals(List.of("a", "b"), ran);
        assertNull(cadence.tick(FRAME), "nothing due a frame later");
        assertEquals("a", cadence.tick(PERIOD));
        assertEquals("b", cadence.tick(PERIOD + FRAME));
    }

    @Test
    void theLongestOverdueGoesFirst() {
        List<String> ran = new ArrayList<>();
        TextCadence cadence = new TextCadence().every(PERIOD, "a", () -> ran.add("a")).every(PERIOD / 2, "b", () -> ran.add("b"));
        cadence.runAll(0);
        assertEquals("b", cadence.tick(PERIOD), "b was due at 50 ms, a only now");
        assertEquals("a", cadence.tick(PERIOD + FRAME));
    }

    /**
     * A frame that draws charts is busy: a job due then waits for a frame without charts, unless
     * it has waited half its period past its time; so the texts land mostly in the other frames,
     * and none waits more than half a period longer than it would have.
     */
    @Test
    void aBusyFrameRunsOnlyAJobHalfAPeriodOverdue() {
        List<String> ran = new ArrayList<>();
        TextCadence cadence = new TextCadence().every(PERIOD, "a", () -> ran.add("a"));
        cadence.runAll(0);
        assertNull(cadence.tick(PERIOD, true), "due, but the frame draws charts");
        assertNull(cadence.tick(PERIOD + PERIOD / 2 - 1, true), "not yet half a period late");
        assertEquals("a", cadence.tick(PERIOD + PERIOD / 2, true), "half a period late: it runs even in a busy frame");
        assertNull(cadence.tick(2 * PERIOD + PERIOD / 2 - 1, true));
        assertEquals("a", cadence.tick(2 * PERIOD + PERIOD / 2, false), "a free frame runs it as soon as it is due");

        // Frames alternating busy and free: every job runs in a free frame, a frame late at most.
        TextCadence alternating = new TextCadence();
        List<Long> busyRuns = new ArrayList<>();
        for (String name : List.of("counters", "figures")) {
            alternating.every(PERIOD, name, () -> { });
        }
        for (long frame = 0; frame < 600; frame++) {
            boolean busy = frame % 2 == 0;
            if (alternating.tick(frame * FRAME, busy) != null && busy) {
                busyRuns.add(frame);
            }
        }
        assertTrue(busyRuns.size() <= 1, "jobs run in busy frames: " + busyRuns); // the very first, never run before
    }

    @Test
    void aPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TextCadence().every(0, "x", () -> { }));
    }
}
