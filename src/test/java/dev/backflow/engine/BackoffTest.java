package dev.backflow.engine;

import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each backoff law's waits, seeded, against the AWS article's formulas. */
class BackoffTest {

    private static final long BASE = 10;
    private static final long CAP = 1_000;

    private static long expo(int n) {
        return Math.min(CAP, BASE * (1L << (n - 1)));
    }

    private static Backoff law(Backoff.Law l) {
        return new Backoff(l, BASE, CAP);
    }

    @Test
    void noneRetriesAtOnceAndFixedWaitsTheBase() {
        for (int n = 1; n <= 12; n++) {
            assertEquals(0, law(Backoff.Law.NONE).delayMillis(n, null));
            assertEquals(BASE, law(Backoff.Law.FIXED).delayMillis(n, null));
        }
    }

    @Test
    void exponentialDoublesFromTheBaseUpToTheCap() {
        long[] expected = {10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000};
        for (int n = 1; n <= expected.length; n++) {
            assertEquals(expected[n - 1], law(Backoff.Law.EXPONENTIAL).delayMillis(n, null), "retry " + n);
        }
        assertEquals(CAP, law(Backoff.Law.EXPONENTIAL).delayMillis(200, null), "no overflow far past the cap");
    }

    @Test
    void resilience4jsOwnFunctionsGiveTheSameWaitsForFixedAndExponential() {
        IntervalFunction fixed = law(Backoff.Law.FIXED).intervalFunction();
        IntervalFunction expo = law(Backoff.Law.EXPONENTIAL).intervalFunction();
        for (int n = 1; n <= 12; n++) {
            assertEquals(BASE, fixed.apply(n));
            assertEquals(expo(n), expo.apply(n), "retry " + n);
        }
    }

    @Test
    void fullJitterDrawsUniformlyFromZeroToTheExponentialWait() {
        Backoff b = law(Backoff.Law.FULL_JITTER);
        Backoff.Draws draws = new Backoff.Draws(new SplittableRandom(7));
        SplittableRandom replica = new SplittableRandom(7);
        for (int n = 1; n <= 10; n++) {
            for (int k = 0; k < 200; k++) {
                long wait = b.delayMillis(n, draws);
                assertEquals(replica.nextLong(expo(n) + 1), wait, "the formula's own draw");
                assertTrue(wait >= 0 && wait <= expo(n));
            }
        }
        // Uniform: the mean of many draws at retry 8 (capped at 1 s) is near 500 ms.
        double sum = 0;
        for (int k = 0; k < 20_000; k++) {
            sum += b.delayMillis(8, draws);
        }
        assertEquals(500, sum / 20_000, 10);
    }

    @Test
    void equalJitterKeepsHalfAndDrawsTheOtherHalf() {
        Backoff b = law(Backoff.Law.EQUAL_JITTER);
        Backoff.Draws draws = new Backoff.Draws(new SplittableRandom(11));
        SplittableRandom replica = new SplittableRandom(11);
        for (int n = 1; n <= 10; n++) {
            long half = expo(n) / 2;
            for (int k = 0; k < 200; k++) {
                long wait = b.delayMillis(n, draws);
                assertEquals(half + replica.nextLong(half + 1), wait);
                assertTrue(wait >= half && wait <= 2 * half);
            }
        }
    }

    @Test
    void decorrelatedDrawsFromTheBaseToThreeTimesItsPreviousWaitCapped() {
        Backoff b = law(Backoff.Law.DECORRELATED);
        Backoff.Draws draws = new Backoff.Draws(new SplittableRandom(3));
        SplittableRandom replica = new SplittableRandom(3);
        long previous = BASE;
        for (int n = 1; n <= 500; n++) {
            long high = Math.max(BASE, Math.min(CAP, previous * 3));
            long expected = Math.min(CAP, BASE + replica.nextLong(high - BASE + 1));
            long wait = b.delayMillis(n, draws);
            assertEquals(expected, wait, "retry " + n);
            assertTrue(wait >= BASE && wait <= CAP);
            previous = wait;
        }
    }

    @ParameterizedTest
    @EnumSource(Backoff.Law.class)
    void theSameSeedGivesTheSameWaits(Backoff.Law l) {
        Backoff b = law(l);
        Backoff.Draws one = new Backoff.Draws(new SplittableRandom(42));
        Backoff.Draws two = new Backoff.Draws(new SplittableRandom(42));
        for (int n = 1; n <= 50; n++) {
            assertEquals(b.delayMillis(n, one), b.delayMillis(n, two));
        }
    }

    @Test
    void aCapBelowTheBaseOrAnUnknownLawIsRefusedInOneLine() {
        var cap = assertThrows(IllegalArgumentException.class, () -> new Backoff(Backoff.Law.EXPONENTIAL, 100, 10));
        assertTrue(cap.getMessage().contains("cap"), cap.getMessage());
        var name = assertThrows(IllegalArgumentException.class, () -> Backoff.Law.parse("expo"));
        assertTrue(name.getMessage().contains("full-jitter"), name.getMessage());
        assertEquals(Backoff.Law.FULL_JITTER, Backoff.Law.parse("Full_Jitter"));
    }
}
