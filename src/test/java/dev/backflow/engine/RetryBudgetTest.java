package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC-style token bucket: which failure share it lets retry, and which it stops. */
class RetryBudgetTest {

    /** The share of failures allowed a retry over {@code n} attempts failing at share {@code f}, evenly spread. */
    private static double retriedShare(RetryBudget b, double f, int n) {
        RetryBudget.Bucket bucket = new RetryBudget.Bucket(b);
        long failures = 0;
        long retried = 0;
        double owed = 0;
        for (int i = 0; i < n; i++) {
            owed += f;
            if (owed >= 1) {
                owed -= 1;
                failures++;
                if (bucket.failureMayRetry()) {
                    retried++;
                } else {
                    bucket.denied();
                }
            } else {
                bucket.success();
            }
        }
        assertEquals(failures - retried, bucket.deniedCount());
        return retried / (double) failures;
    }

    @Test
    void belowTheStatedShareEveryFailureMayRetry() {
        RetryBudget b = new RetryBudget(10, 0.1); // threshold 0.1 / 1.1 = 9.1 %
        assertEquals(0.1 / 1.1, b.failureShareThreshold(), 1e-12);
        assertEquals(1.0, retriedShare(b, 0.08, 100_000));
    }

    @Test
    void aboveTheStatedShareRetriesAreDeniedAlmostAlways() {
        RetryBudget b = new RetryBudget(10, 0.1);
        double share = retriedShare(b, 0.2, 100_000);
        // At 20 % failures the bucket loses f − (1 − f)·r = 0.12 tokens an attempt: it drains
        // below half within the first few failures and never climbs back.
        assertTrue(share < 0.001, "retried share " + share);
        assertTrue(retriedShare(b, 0.5, 100_000) < 0.001);
    }

    @Test
    void theBucketNeverGoesBelowZeroAndRemembersItsLowest() {
        RetryBudget.Bucket bucket = new RetryBudget.Bucket(new RetryBudget(4, 0.5));
        for (int i = 0; i < 10; i++) {
            bucket.failureMayRetry();
        }
        assertEquals(0, bucket.tokensMin());
        bucket.success();
        assertEquals(0, bucket.tokensMin());
    }

    @Test
    void itReadsTokensSlashRatioAndRefusesNonsenseInOneLine() {
        assertEquals(new RetryBudget(10, 0.1), RetryBudget.parse("10/0.1"));
        assertEquals(new RetryBudget(10, 0.1), RetryBudget.parse(" 10 / 10% "));
        for (String bad : new String[]{"", "10", "/0.1", "10/", "10/0.1/2", "0/0.1", "10/2", "ten/0.1", "10/-1"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> RetryBudget.parse(bad), bad);
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
