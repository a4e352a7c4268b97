package dev.backflow.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

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
        for (SendPolicy p : SendPolicy.KINDS) {
            ObservedQueue<Integer> q = new ObservedQueue<>(2);
            SendPolicy.Sent<Integer> first = p.send(q, 7);
            assertEquals(SendPolicy.Outcome.SENT, first.outcome(), p.cliName());
            assertSame(first, p.send(q, 8), p + ": a plain result is a shared constant");
            assertEquals(List.of(7, 8), List.copyOf(q));
        }
    }

    @Test
    void whenFullEachPolicyHasItsOutcome() throws Exception {
        assertEquals(SendPolicy.Outcome.REJECTED, SendPolicy.REJECT.send(full(), 3).outcome());
        assertEquals(SendPolicy.Outcome.DROPPED_NEWEST, SendPolicy.DROP_NEWEST.send(full(), 3).outcome());
        assertEquals(SendPolicy.Outcome.TIMED_OUT, new SendPolicy.Timeout(1).send(full(), 3).outcome());
        ObservedQueue<Integer> q = full();
        SendPolicy.Sent<Integer> evicting = SendPolicy.DROP_OLDEST.send(q, 3);
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
            assertThrows(InterruptedException.class, () -> SendPolicy.BLOCK.send(q, 3));
        });
        dev.backflow.testing.Awaits.parked(sender);
        assertEquals(1, q.stats().producersParked());
        sender.interrupt();
        sender.join();
        assertEquals(1, q.stats().abandoned(), "an interrupted send inserts nothing and is counted");
    }

    @Test
    void aTimeoutWaitsOutItsOwnDeadlineNotAnotherLinks() throws Exception {
        ObservedQueue<Integer> q = full();
        SendPolicy.Timeout short1 = new SendPolicy.Timeout(1);
        SendPolicy.Timeout long1 = new SendPolicy.Timeout(60_000);
        assertEquals(1_000_000L, short1.nanos());
        assertEquals(SendPolicy.Outcome.TIMED_OUT, short1.send(q, 3).outcome());
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                long1.send(q, 4);
            } catch (InterruptedException expected) {
                // the test ends the long wait
            }
        });
        dev.backflow.testing.Awaits.parked(sender);
        assertEquals(Thread.State.TIMED_WAITING, sender.getState(), "a 60 s deadline is still waiting");
        assertEquals(1, q.poll(), "a slot frees");
        sender.join();
        assertEquals(List.of(2, 4), List.copyOf(q), "space freed before its own deadline: the long timeout sent");
    }

    @Test
    void eachPolicySaysWhatAFullBufferMeansAndWhichSendsFoundItFull() {
        dev.backflow.telemetry.Counts c = dev.backflow.telemetry.Counts.builder().producerParks(7).rejected(5).timedOut(3)
                .dropped(2).build();
        assertEquals(7, SendPolicy.BLOCK.fullSends(c));
        assertEquals(5, SendPolicy.REJECT.fullSends(c));
        assertEquals(3, new SendPolicy.Timeout(250).fullSends(c));
        assertEquals(2, SendPolicy.DROP_NEWEST.fullSends(c));
        assertEquals(2, SendPolicy.DROP_OLDEST.fullSends(c));
        assertEquals(0, SendPolicy.UNBOUNDED.fullSends(c));
        assertEquals(SendPolicy.Full.WAITS, SendPolicy.BLOCK.whenFull());
        assertEquals(SendPolicy.Full.NEVER, SendPolicy.UNBOUNDED.whenFull());
        for (SendPolicy p : List.of(SendPolicy.REJECT, SendPolicy.TIMEOUT, SendPolicy.DROP_NEWEST, SendPolicy.DROP_OLDEST)) {
            assertEquals(SendPolicy.Full.TURNS_AWAY, p.whenFull(), p.cliName());
        }
        assertEquals(null, SendPolicy.REJECT.lossModelNote(), "M/M/c/K is exact for reject");
        assertTrue(SendPolicy.TIMEOUT.lossModelNote().contains("timed-out"));
    }

    @Test
    void aPolicyParsesAndFormatsWithItsParameters() {
        assertEquals(new SendPolicy.Timeout(250), SendPolicy.parse("timeout", 250));
        assertEquals(SendPolicy.TIMEOUT, SendPolicy.parse("TIMEOUT"));
        assertEquals(SendPolicy.DROP_OLDEST, SendPolicy.parse("drop_oldest"));
        assertEquals("timeout 250ms", new SendPolicy.Timeout(250).format());
        assertEquals("timeout 1500ms", new SendPolicy.Timeout(1500).format());
        assertEquals("block", SendPolicy.BLOCK.format());
        assertSame(SendPolicy.TIMEOUT, new SendPolicy.Timeout(3).kind(), "a picker shows the kind");
        assertTrue(new SendPolicy.Timeout(3).sameKind(SendPolicy.TIMEOUT));
        assertTrue(!SendPolicy.REJECT.sameKind(SendPolicy.DROP_NEWEST));
        assertThrows(IllegalArgumentException.class, () -> new SendPolicy.Timeout(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SendPolicy.parse("wait"));
        assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }
}
