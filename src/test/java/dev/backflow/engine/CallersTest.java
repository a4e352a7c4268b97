package dev.backflow.engine;

import dev.backflow.telemetry.CallerCounts;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.testing.Awaits;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callers that wait for their requests, give up at a deadline and retry: their books close. */
class CallersTest {

    private Engine engine;

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static ExperimentConfig config(String pipeline, Callers callers, long items) {
        return PipelineSpec.apply(ExperimentConfig.DEFAULT.toBuilder().callers(callers).build(), pipeline)
                .toBuilder().items(items).build();
    }

    private Counts runToCompletion(ExperimentConfig c) throws InterruptedException {
        engine = new Engine(c);
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(30)), "the run ends");
        assertTrue(engine.awaitTermination(Duration.ofSeconds(10)), "every worker and caller ends");
        assertEquals(RunOutcome.COMPLETED, engine.outcome(), engine.outcomeReason());
        Counts n = engine.counts();
        assertBalanced(n);
        return n;
    }

    /** Every item and every attempt is in exactly one place. */
    private static void assertBalanced(Counts n) {
        assertEquals(0, n.unaccounted(), () -> "the items do not balance: " + n);
        for (LinkCounts l : n.links()) {
            assertEquals(0, l.unaccounted(), () -> "link " + l.index() + " does not balance: " + l);
        }
        CallerCounts k = n.calls();
        assertNotNull(k, "a closed-loop run has callers' books");
        assertTrue(k.inFlight() >= 0, () -> "more attempts ended than started: " + k);
        assertTrue(k.active() >= 0, () -> "more requests ended than started: " + k);
        assertTrue(k.attempts() - k.retries() <= k.requests(), () -> "a first attempt per request at most: " + k);
    }

    @Test
    void anOpenLoopRunHasNoCallersBooks() throws InterruptedException {
        engine = new Engine(ExperimentConfig.DEFAULT.toBuilder().consumerDelayMs(0).items(20).build());
        engine.start();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(10)));
        assertNull(engine.counts().calls());
    }

    @Test
    void aRejectedCallerRetriesAfterItsBackoffUntilItsAttemptsAreUsedUp() throws InterruptedException {
        // One slot, a 200 ms sink and 100 requests/s: most first attempts are rejected; each caller
        // tries up to 3 times, 5 ms apart.
        Callers callers = new Callers(0, 2, new Backoff(Backoff.Law.FIXED, 5, 5), null, false);
        Counts n = runToCompletion(config("source 100/s | 1 reject | sink 200ms", callers, 30));
        CallerCounts k = n.calls();
        assertEquals(30, k.requests());
        assertEquals(0, k.inFlight());
        assertEquals(0, k.active());
        assertEquals(k.requests(), k.succeeded() + k.failed());
        assertEquals(k.good(), k.succeeded(), "without a deadline every served attempt is good");
        assertEquals(0, k.late());
        assertEquals(n.rejected(), k.refused(), "each rejected item is a refused attempt");
        assertTrue(k.retries() > 0 && k.failed() > 0, k::toString);
        assertEquals(3, k.maxAttempts());
        assertEquals(n.offered(), k.attempts(), "every item is an attempt");
        // resilience4j planned those retries: its metrics say the same.
        Retry.Metrics m = engine.run().callers.retry().getMetrics();
        assertEquals(k.succeeded(), m.getNumberOfSuccessfulCallsWithoutRetryAttempt() + m.getNumberOfSuccessfulCallsWithRetryAttempt());
        assertEquals(k.failed(), m.getNumberOfFailedCallsWithRetryAttempt() + m.getNumberOfFailedCallsWithoutRetryAttempt());
    }

    @Test
    void aCallerGivesUpAtItsDeadlineAndTheItemIsServedLate() throws InterruptedException {
        // A 60 ms sink and a 20 ms deadline: every caller gives up while its item waits or is
        // served; the sink still does the work (late: wasted).
        Callers callers = new Callers(20, 0, Backoff.NONE, null, false);
        Counts n = runToCompletion(config("source 50/s | 100 block | sink 60ms", callers, 10));
        CallerCounts k = n.calls();
        assertEquals(10, k.attempts());
        assertEquals(0, k.good());
        assertEquals(10, k.late(), k::toString);
        assertEquals(10, k.failed());
        assertEquals(10, n.consumed(), "the sink served every one, for nobody");
    }

    @Test
    void aSinkThatChecksDeadlinesSkipsWhatItCannotFinishInTime() throws InterruptedException {
        // A 60 ms service never ends inside a 20 ms deadline: the sink skips every item (expired,
        // no work done) instead of serving all ten late as above.
        Callers callers = new Callers(20, 0, Backoff.NONE, null, false);
        Counts n = runToCompletion(config("source 50/s | 100 block | sink 60ms check-deadlines", callers, 10));
        CallerCounts k = n.calls();
        assertEquals(10, k.expired(), k::toString);
        assertEquals(0, k.late());
        assertEquals(10, n.expired(), "the items' books and the callers' agree");
        assertEquals(0, n.consumed());
    }

    @Test
    void aSinkThatChecksDeadlinesServesWhatItCanFinishInTime() throws InterruptedException {
        Callers callers = new Callers(200, 0, Backoff.NONE, null, false);
        Counts n = runToCompletion(config("source 50/s | 100 block | sink 5ms check-deadlines", callers, 10));
        assertEquals(10, n.calls().good());
        assertEquals(0, n.expired());
    }

    @Test
    void aMiddleStageThatChecksDeadlinesSkipsToo() throws InterruptedException {
        Callers callers = new Callers(15, 0, Backoff.NONE, null, false);
        Counts n = runToCompletion(config("source 50/s | 100 block | parse 40ms check-deadlines | 4 block | sink 1ms",
                callers, 10));
        assertEquals(10, n.expired(), n::toString);
        assertEquals(0, n.stages().get(1).processed());
        assertEquals(10, n.calls().expired());
    }

    @Test
    void aBlockedCallerWithADeadlineWaitsAtTheDoorOnlyUntilItsDeadline() throws InterruptedException {
        // One slot and a 500 ms sink: the second caller parks on the full link and gives up after
        // its 30 ms there: the send times out, the attempt expired.
        Callers callers = new Callers(30, 0, Backoff.NONE, null, false);
        Counts n = runToCompletion(config("source 20/s | 1 block | sink 500ms", callers, 4));
        CallerCounts k = n.calls();
        assertTrue(n.timedOut() >= 1, n::toString);
        assertEquals(n.timedOut(), k.expired(), "a time-out at the door is an expired attempt");
        assertTrue(n.producerParkedNanos() > 0, "the callers parked in the send");
    }

    @Test
    void attemptsBalanceUnderRandomReconfigurationOfEveryPolicy() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        List<String> links = List.of("3 block", "3 reject", "3 drop-newest", "3 drop-oldest", "3 timeout 5ms", "unbounded",
                "5 block codel 1ms/10ms");
        for (int round = 0; round < 6; round++) {
            String first = links.get(random.nextInt(links.size()));
            String second = links.get(random.nextInt(links.size()));
            Callers callers = new Callers(random.nextInt(2) == 0 ? 0 : 5 + random.nextInt(30), 1 + random.nextInt(3),
                    new Backoff(Backoff.Law.values()[random.nextInt(Backoff.Law.values().length)], 1, 20),
                    random.nextBoolean() ? new RetryBudget(10, 0.1) : null, random.nextBoolean());
            ExperimentConfig c = config("source 400/s x2 | " + first + " | mid 2ms check-deadlines | " + second
                    + " | sink 3ms x2", callers, 0);
            engine = new Engine(c);
            engine.start();
            for (int step = 0; step < 25; step++) {
                ExperimentConfig now = engine.config();
                engine.reconfigure(now.toBuilder().producerRate(50 + random.nextInt(800))
                        .consumerDelayMs(random.nextInt(8)).capacity(1 + random.nextInt(5)).build());
                long offered = engine.counts().offered();
                Awaits.until("the run moves on", () -> engine.counts().offered() > offered);
                assertBalanced(engine.counts());
            }
            engine.stop();
            assertTrue(engine.awaitTermination(Duration.ofSeconds(10)), "every caller ends at stop");
            Counts end = engine.counts();
            assertBalanced(end);
            engine.close();
            engine = null;
        }
    }
}
