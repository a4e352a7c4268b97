package dev.backflow.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events kept as primitives: every kind comes back as the record it stands for, in order, and a full ring counts what it drops. */
class EventSlotsTest {

    @Test
    void everyKindComesBackAsItsRecord() {
        EventSlots ring = new EventSlots(16);
        ring.offer(EventSlots.Kind.PRODUCED, 10, 3, 77, 0, 2, false);
        ring.offer(EventSlots.Kind.CONSUMED, 11, 4, 77, 5_000, 7, false);
        ring.offer(EventSlots.Kind.PRODUCER_PARKED, 12, 3, 5, 5, 1, false);
        ring.offer(EventSlots.Kind.PRODUCER_UNPARKED, 13, 3, 900, 0, 1, true);
        ring.offer(EventSlots.Kind.CONSUMER_PARKED, 14, 4, 0, 0, 0, false);
        ring.offer(EventSlots.Kind.CONSUMER_UNPARKED, 15, 4, 800, 0, 0, false);
        ring.offer(EventSlots.Kind.REJECTED, 16, 20_000, 78, 0, 0, false);
        ring.offer(EventSlots.Kind.TIMED_OUT, 17, 2, 79, 0, 3, false);
        ring.offer(EventSlots.Kind.DROPPED, 18, 2, 60, 0, 0, true);
        ring.offer(EventSlots.Kind.RECEIVER_DROPPED, 19, 1, 0, 0, 0, false);
        ring.offer(EventSlots.Kind.PRODUCER_FINISHED, 20, 1, 0, 0, 0, false);
        List<TelemetryEvent> out = new ArrayList<>();
        assertEquals(11, ring.drain(out::add, 100));
        assertEquals(List.of(
                new TelemetryEvent.Produced(10, 3, 77, 2),
                new TelemetryEvent.Consumed(11, 4, 77, 5_000, 7),
                new TelemetryEvent.ProducerParked(12, 3, 5, 5, 1),
                new TelemetryEvent.ProducerUnparked(13, 3, 900, true, 1),
                new TelemetryEvent.ConsumerParked(14, 4, 0),
                new TelemetryEvent.ConsumerUnparked(15, 4, 800, false, 0),
                new TelemetryEvent.ItemRejected(16, 20_000, 78, 0),
                new TelemetryEvent.ItemTimedOut(17, 2, 79, 3),
                new TelemetryEvent.ItemDropped(18, 2, 60, true, 0),
                new TelemetryEvent.ReceiverDropped(19, 1),
                new TelemetryEvent.ProducerFinished(20, 1)), out);
    }

    @Test
    void recordingAParkAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        EventSlots ring = new EventSlots(1 << 14);
        long self = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < 5_000; i++) {
            ring.offer(EventSlots.Kind.PRODUCER_PARKED, i, 1, 5, 5, 0, false);
            ring.offer(EventSlots.Kind.PRODUCER_UNPARKED, i, 1, 1_000, 0, 0, true);
        }
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        // An event record is at least 24 bytes: 10,000 of them would be 240,000 bytes.
        assertTrue(allocated < 2_000, "10,000 park events allocated " + allocated + " bytes");
        assertEquals(10_000, ring.size());
    }

    @Test
    void aFullRingDropsNewEventsAndCountsThem() {
        EventSlots ring = new EventSlots(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(EventSlots.Kind.PRODUCED, i, 1, i, 0, 0, false));
        }
        assertFalse(ring.offer(EventSlots.Kind.PRODUCED, 4, 1, 4, 0, 0, false));
        assertFalse(ring.offer(EventSlots.Kind.PRODUCED, 5, 1, 5, 0, 0, false));
        assertEquals(2, ring.lost());
        List<TelemetryEvent> out = new ArrayList<>();
        assertEquals(3, ring.drain(out::add, 3));
        assertTrue(ring.offer(EventSlots.Kind.PRODUCED, 6, 1, 6, 0, 0, false), "draining makes room again");
        ring.drain(out::add, 10);
        assertEquals(List.of(0L, 1L, 2L, 3L, 6L), out.stream().map(e -> ((TelemetryEvent.Produced) e).sequence()).toList());
        assertEquals(0, ring.size());
    }

    @Test
    void capacityRoundsUpToAPowerOfTwo() {
        assertEquals(8, new EventSlots(5).capacity());
        assertEquals(8, new EventSlots(8).capacity());
        assertThrows(IllegalArgumentException.class, () -> new EventSlots(1));
    }

    @Test
    void manyProducersLoseNothingWhileThereIsRoomAndKeepEachProducersOrder() throws Exception {
        int producers = 8;
        int perProducer = 20_000;
        EventSlots ring = new EventSlots(1 << 10);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = GatedProducers.start(go, 1, producers, perProducer,
                (id, i) -> ring.offer(EventSlots.Kind.PRODUCED, i, id, i, 0, id % 3, false));
        long[] nextExpected = new long[producers + 1];
        int[] received = {0};
        go.countDown();
        while (received[0] < producers * perProducer) {
            ring.drain(e -> {
                TelemetryEvent.Produced p = (TelemetryEvent.Produced) e;
                assertEquals(nextExpected[p.producer()], p.sequence(), "events of one producer arrive in order");
                assertEquals(p.sequence(), p.atNanos(), "the words of one event stay together");
                assertEquals(p.producer() % 3, p.link());
                nextExpected[p.producer()]++;
                received[0]++;
            }, 256);
        }
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(10)));
        }
        for (int p = 1; p <= producers; p++) {
            assertEquals(perProducer, nextExpected[p]);
        }
    }
}
