package dev.backflow.engine;

import dev.backflow.testing.Awaits;
import dev.backflow.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A demand link's queue: no item in without outstanding demand, and demand renewed at the replenish point. */
class DemandTest {

    /** Records each request the taking side makes. */
    private static final class Requests implements QueueObserver {
        final List<Long> sizes = new CopyOnWriteArrayList<>();

        @Override
        public void demandRequested(long atNanos, long n, long outstanding) {
            sizes.add(n);
        }
    }

    private static ObservedQueue<Integer> demandQueue(int prefetch, int percent, QueueObserver o, ManualClock clock) {
        ObservedQueue<Integer> q = new ObservedQueue<>(prefetch, o, clock, new ObservedQueue.Hooks<Integer>() {
            @Override
            public void entered(Integer e, long at) {
            }

            @Override
            public void left(Integer e, long at) {
            }
        });
        q.useDemand(new Demand(percent));
        return q;
    }

    @ParameterizedTest
    @CsvSource({"32,75,24", "32,100,32", "32,0,32", "32,50,16", "10,75,8", "1,75,1", "1,1,1", "1000,1,10"})
    void theBatchIsTheReplenishShareOfThePrefetch(int prefetch, int percent, int batch) {
        assertEquals(batch, new Demand(percent).batch(prefetch));
    }

    @Test
    void noItemGoesInWithoutDemandAndTheRequestComesAtTheReplenishPoint() {
        Requests requests = new Requests();
        ObservedQueue<Integer> q = demandQueue(32, 75, requests, new ManualClock());
        assertEquals(List.of(32L), requests.sizes, "the taking side requests the prefetch at once");
        for (int i = 0; i < 32; i++) {
            assertTrue(q.offer(i), "item " + i + " against demand");
        }
        assertFalse(q.offer(99), "no demand left: refused");
        for (int i = 0; i < 23; i++) {
            q.poll();
        }
        assertEquals(9, q.size());
        assertEquals(0, q.remainingCapacity(), "room in the buffer, but no demand");
        assertFalse(q.offer(99), "23 taken is short of the replenish point (24): still refused");
        assertEquals(List.of(32L), requests.sizes);
        q.poll();
        assertEquals(List.of(32L, 24L), requests.sizes, "the 24th take requests 24 more");
        for (int i = 0; i < 24; i++) {
            assertTrue(q.offer(100 + i));
        }
        assertFalse(q.offer(999));
        QueueStats s = q.stats();
        assertEquals(56, s.requested());
        assertEquals(56, s.puts(), "every item against demand");
        assertEquals(0, s.demand());
        assertEquals(32, s.fill(), "8 left and 24 new");
        assertEquals(2, s.requests());
    }

    @Test
    void strictBatchesRequestOnlyOnceTheWholeBatchIsTaken() {
        Requests requests = new Requests();
        ObservedQueue<Integer> q = demandQueue(8, 100, requests, new ManualClock());
        for (int i = 0; i < 8; i++) {
            assertTrue(q.offer(i));
        }
        for (int i = 0; i < 7; i++) {
            q.poll();
            assertFalse(q.offer(99), "after " + (i + 1) + " taken the buffer has room but no demand");
        }
        q.poll();
        assertEquals(List.of(8L, 8L), requests.sizes);
        assertEquals(8, q.remainingCapacity());
    }

    @Test
    void aBlockedSenderParksOnMissingDemandAndGoesInWhenTheRequestComes() throws Exception {
        ObservedQueue<Integer> q = demandQueue(4, 75, QueueObserver.NONE, new ManualClock());
        for (int i = 0; i < 4; i++) {
            q.put(i);
        }
        q.poll();
        q.poll(); // 2 taken of a batch of 3: room for 2, demand for none
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                q.put(42);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Awaits.parked(sender);
        assertEquals(1, q.stats().producersParked(), "parked with room in the buffer: out of demand");
        q.poll(); // the third take requests 3
        assertTrue(sender.join(Duration.ofSeconds(5)), "the request woke the sender");
        assertEquals(List.of(3, 42), new java.util.ArrayList<>(q));
        assertEquals(2, q.stats().demand(), "3 requested, 1 used");
    }

    @Test
    void theOutstandingDemandIsIntegratedOverTimeAndItsLowestKept() {
        ManualClock clock = new ManualClock();
        ObservedQueue<Integer> q = demandQueue(10, 50, QueueObserver.NONE, clock);
        clock.advance(Duration.ofSeconds(1)); // 10 outstanding for 1 s
        for (int i = 0; i < 10; i++) {
            q.offer(i);
        }
        clock.advance(Duration.ofSeconds(2)); // 0 for 2 s
        for (int i = 0; i < 5; i++) {
            q.poll(); // the fifth requests 5
        }
        clock.advance(Duration.ofSeconds(1)); // 5 for 1 s
        QueueStats s = q.stats();
        assertEquals(15.0, s.demandItemSeconds(), 1e-6);
        assertEquals(0, s.demandMin());
        assertEquals(5, s.demand());
        assertEquals(15, s.requested());
    }

    @Test
    void theSubscriptionFollowsReactiveStreamsRules() {
        ObservedQueue<Integer> q = demandQueue(4, 75, QueueObserver.NONE, new ManualClock());
        assertThrows(IllegalArgumentException.class, () -> q.subscription().request(0), "rule 3.9: n must be positive");
        q.subscription().request(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, q.stats().demand(), "rule 3.17: demand saturates at Long.MAX_VALUE");
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(i));
        }
        assertFalse(q.offer(5), "demand without room is still no room");
        q.subscription().cancel();
        assertThrows(QueueClosedException.class, () -> q.offer(6), "cancel: the receiver is gone");
    }

    @Test
    void aPrefetchMovedLiveRequestsTheDifferenceOrWithdrawsUnusedDemand() {
        ObservedQueue<Integer> q = demandQueue(8, 75, QueueObserver.NONE, new ManualClock());
        for (int i = 0; i < 3; i++) {
            q.offer(i);
        }
        q.setCapacity(12);
        assertEquals(9, q.stats().demand(), "5 outstanding and 4 more requested");
        q.setCapacity(4);
        assertEquals(1, q.stats().demand(), "down to what 4 leaves after the 3 queued");
        assertEquals(1, q.remainingCapacity());
    }

    @Test
    void demandIsRefusedWhereItHasNoMeaning() {
        ObservedQueue<Integer> unbounded = new ObservedQueue<>(ObservedQueue.UNBOUNDED);
        assertThrows(IllegalStateException.class, () -> unbounded.useDemand(Demand.REACTOR));
        ObservedQueue<Integer> q = demandQueue(4, 75, QueueObserver.NONE, new ManualClock());
        assertThrows(IllegalStateException.class, () -> q.offerEvictingOldest(1), "its items were requested");
        assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.DEFAULT.toBuilder()
                .policy(SendPolicy.DROP_OLDEST).demand(Demand.REACTOR).build());
        assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.DEFAULT.toBuilder()
                .policy(SendPolicy.UNBOUNDED).demand(Demand.REACTOR).build());
    }
}
