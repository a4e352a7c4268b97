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

class EventRingTest {

    @Test
    void aFullRingDropsNewEventsAndCountsThem() {
        EventRing<Integer> ring = new EventRing<>(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(4));
        assertFalse(ring.offer(5));
        assertEquals(2, ring.lost());
        List<Integer> out = new ArrayList<>();
        assertEquals(3, ring.drain(out::add, 3));
        assertEquals(List.of(0, 1, 2), out);
        assertTrue(ring.offer(6), "draining makes room again");
        ring.drain(out::add, 10);
        assertEquals(List.of(0, 1, 2, 3, 6), out);
        assertEquals(0, ring.size());
    }

    @Test
    void capacityRoundsUpToAPowerOfTwo() {
        assertEquals(8, new EventRing<>(5).capacity());
        assertEquals(8, new EventRing<>(8).capacity());
        assertThrows(IllegalArgumentException.class, () -> new EventRing<>(1));
    }

    @Test
    void manyProducersLoseNothingWhileThereIsRoomAndKeepEachProducersOrder() throws Exception {
        int producers = 8;
        int perProducer = 20_000;
        EventRing<long[]> ring = new EventRing<>(1 << 10);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = GatedProducers.start(go, 0, producers, perProducer,
                (id, i) -> ring.offer(new long[] {id, i}));
        long[] nextExpected = new long[producers];
        int[] received = {0};
        go.countDown();
        while (received[0] < producers * perProducer) {
            ring.drain(e -> {
                int id = (int) e[0];
                assertEquals(nextExpected[id], e[1], "events of one producer arrive in order");
                nextExpected[id]++;
                received[0]++;
            }, 256);
        }
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(10)));
        }
        for (long n : nextExpected) {
            assertEquals(perProducer, n);
        }
    }
}
