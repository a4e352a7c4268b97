package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CoDel's control law (RFC 8289) on a clock the test moves. */
class CoDelTest {

    private static final long MS = 1_000_000L;

    /** Times (ms) at which items leaving every {@code stepMs} with a standing sojourn are dropped. */
    private static List<Long> drops(CoDel.State s, long fromMs, long toMs, long stepMs, long sojournMs) {
        List<Long> out = new ArrayList<>();
        for (long t = fromMs; t <= toMs; t += stepMs) {
            if (s.drop(t * MS, sojournMs * MS, false)) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void nothingIsDroppedWhileTheSojournStaysUnderTheTarget() {
        CoDel.State s = new CoDel.State(CoDel.DEFAULT);
        assertTrue(drops(s, 0, 10_000, 1, 4).isEmpty());
        assertFalse(s.dropping());
    }

    @Test
    void aStandingDelayIsDroppedAfterOneIntervalThenAtIntervalOverRootCount() {
        CoDel.State s = new CoDel.State(CoDel.DEFAULT); // 5 ms over 100 ms
        List<Long> at = drops(s, 0, 1_000, 1, 20);
        // First above the target at 0: the first drop one interval later, at 100 ms (count 1);
        // each next one interval/√count after the previous one's due time: 100/√1, 100/√2, ...
        List<Long> expected = new ArrayList<>();
        double t = 100;
        expected.add(100L);
        for (int n = 1; t + 100 / Math.sqrt(n) <= 1_000; n++) {
            t += 100 / Math.sqrt(n);
            expected.add((long) Math.ceil(t - 1e-6));
        }
        assertEquals(expected, at);
        assertEquals(expected.size(), s.count());
    }

    @Test
    void itStopsWhenTheSojournFallsAndResumesNearItsOldRateSoonAfter() {
        CoDel.State s = new CoDel.State(CoDel.DEFAULT);
        List<Long> first = drops(s, 0, 600, 1, 20);
        int countBefore = s.count();
        assertTrue(countBefore >= 5, "count " + countBefore);
        assertFalse(s.drop(601 * MS, 1 * MS, false), "under the target: no drop");
        assertFalse(s.dropping(), "and out of the dropping state");
        // Above the target again at once: one more interval, then dropping resumes with
        // count = the drops of the last episode (delta = count − lastcount), not 1.
        long firstAgain = -1;
        for (long t = 602; t <= 800 && firstAgain < 0; t++) {
            if (s.drop(t * MS, 20 * MS, false)) {
                firstAgain = t;
            }
        }
        assertEquals(702L, firstAgain, "one interval after the sojourn rose again");
        assertEquals(countBefore - 1, s.count());
        List<Long> next = drops(s, 703, 900, 1, 20);
        assertEquals(702 + (long) Math.ceil(100 / Math.sqrt(countBefore - 1) - 1e-6), next.getFirst(),
                "the next drop comes at the old rate, not a whole interval later");
        assertEquals(100L, first.getFirst());
    }

    @Test
    void anEmptyQueueResetsTheClock() {
        CoDel.State s = new CoDel.State(CoDel.DEFAULT);
        for (long t = 0; t < 1_000; t++) {
            assertFalse(s.drop(t * MS, 20 * MS, t % 50 == 0), "emptied every 50 ms, the interval never completes");
        }
    }

    @Test
    void itReadsTargetSlashIntervalAndRefusesNonsense() {
        assertEquals(new CoDel(50, 500), CoDel.parse("50ms/500ms"));
        assertEquals(CoDel.DEFAULT, CoDel.parse(CoDel.DEFAULT.format()));
        for (String bad : new String[]{"", "5ms", "5ms/", "/100ms", "5/100/3", "0/100", "200ms/100ms", "x/100"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> CoDel.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
