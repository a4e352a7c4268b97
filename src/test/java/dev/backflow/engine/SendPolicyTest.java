package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each policy decides, in one place, what a full buffer does to a send. */
class SendPolicyTest {

    private static ObservedQueue<Integer> full() {
        ObservedQueue<Integer> q = new ObservedQueue<>(2);
        q.offer(1);
        q.offer(2);
        return q;
    }

    @Test
    void withSpaceEveryPolicySendsWithoutAllocating() throws Exception {
        for (SendPolicy p : SendPolicy.values()) {
            ObservedQueue<Integer> q = new ObservedQueue<>(2);
            SendPolicy.Sent<Integer> first = p.send(q, 7, 0);
            assertEquals(SendPolicy.Outcome.SENT, first.outcome(), p.name());
            assertSame(first, p.send(q, 8, 0), p + ": a plain result is a shared constant");
            assertEquals(List.of(7, 8), List.copyOf(q));
        }
    }

    @Test
    void whenFullEachPolicyHasItsOutcome() throws Exception {
        assertEquals(SendPolicy.Outcome.REJECTED, SendPolicy.REJECT.send(full(), 3, 0).outcome());
        assertEquals(SendPolicy.Outcome.DROPPED_NEWEST, SendPolicy.DROP_NEWEST.send(full(), 3, 0).outcome());
        assertEquals(SendPolicy.Outcome.TIMED_OUT, SendPolicy.TIMEOUT.send(full(), 3, TimeUnit.MILLISECONDS.toNanos(1)).outcome());
        ObservedQueue<Integer> q = full();
        SendPolicy.Sent<Integer> evicting = SendPolicy.DROP_OLDEST.send(q, 3, 0);
        assertEquals(SendPolicy.Outcome.SENT_EVICTING_OLDEST, evicting.outcome());
        assertEquals(1, evicting.evicted());
        assertEquals(List.of(2, 3), List.copyOf(q));
        assertTrue(SendPolicy.REJECT.refusalsAreRejections());
        assertTrue(!SendPolicy.DROP_NEWEST.refusalsAreRejections());
    }

    @Test
    void blockParksUntilThereIsSpaceAndStopsOnInterrupt() throws Exception {
        ObservedQueue<Integer> q = full();
        Thread sender = Thread.ofVirtual().start(() -> {
            assertThrows(InterruptedException.class, () -> SendPolicy.BLOCK.send(q, 3, 0));
        });
        dev.backflow.testing.Awaits.parked(sender);
        assertEquals(1, q.stats().producersParked());
        sender.interrupt();
        sender.join();
        assertEquals(1, q.stats().abandoned(), "an interrupted send inserts nothing and is counted");
    }
}
