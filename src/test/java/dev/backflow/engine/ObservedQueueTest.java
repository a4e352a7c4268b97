package dev.backflow.engine;

import dev.backflow.testing.Awaits;
import dev.backflow.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservedQueueTest {

    /** Records every callback as a line of text, and opens latches on parks. */
    static final class Recorder implements QueueObserver {
        final List<String> log = new ArrayList<>();
        final CountDownLatch producerParked = new CountDownLatch(1);
        final CountDownLatch consumerParked = new CountDownLatch(1);

        @Override
        public synchronized void producerParked(long at, int fill, int capacity) {
            log.add("P+ " + at + " " + fill + "/" + capacity);
            producerParked.countDown();
        }

        @Override
        public synchronized void producerUnparked(long at, long parked, int fill, boolean gotSpace) {
            log.add("P- " + at + " " + parked + " " + gotSpace);
        }

        @Override
        public synchronized void consumerParked(long at) {
            log.add("C+ " + at);
            consumerParked.countDown();
        }

        @Override
        public synchronized void consumerUnparked(long at, long parked, boolean gotItem) {
            log.add("C- " + at + " " + parked + " " + gotItem);
        }

        synchronized List<String> lines() {
            return List.copyOf(log);
        }
    }

    private static Thread start(String name, ThrowingRunnable r) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                r.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    interface ThrowingRunnable {
        void run() throws InterruptedException;
    }

    private static ObservedQueue<Integer> full(int capacity, QueueObserver o, ManualClock clock) {
        ObservedQueue<Integer> q = new ObservedQueue<>(capacity, o, clock);
        for (int i = 0; i < capacity; i++) {
            assertTrue(q.offer(i));
        }
        return q;
    }

    @Test
    void putBlocksWhenFullAndResumesOnTake() throws Exception {
        ObservedQueue<Integer> q = full(2, QueueObserver.NONE, new ManualClock());
        Thread producer = start("producer", () -> q.put(99));
        Awaits.parked(producer);
        assertEquals(Thread.State.WAITING, producer.getState());
        assertEquals(2, q.size());

        assertEquals(0, q.take());
        assertTrue(producer.join(Duration.ofSeconds(5)), "producer should finish once a slot frees");
        assertEquals(List.of(1, 99), new ArrayList<>(q));
    }

    @Test
    void takeBlocksWhenEmptyAndResumesOnPut() throws Exception {
        ObservedQueue<Integer> q = new ObservedQueue<>(3);
        AtomicReference<Integer> got = new AtomicReference<>();
        Thread consumer = start("consumer", () -> got.set(q.take()));
        Awaits.parked(consumer);
        q.put(7);
        assertTrue(consumer.join(Duration.ofSeconds(5)));
        assertEquals(7, got.get());
    }

    @Test
    void parkAndUnparkComeInMatchingPairsWithTheTimeParked() throws Exception {
        ManualClock clock = new ManualClock();
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(5, rec, clock);
        long t0 = clock.nanoTime();
        Thread producer = start("producer", () -> q.put(5));
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        Awaits.parked(producer);

        clock.advance(Duration.ofMillis(482));
        q.take();
        assertTrue(producer.join(Duration.ofSeconds(5)));

        long parked = Duration.ofMillis(482).toNanos();
        assertEquals(List.of("P+ " + t0 + " 5/5", "P- " + (t0 + parked) + " " + parked + " true"), rec.lines());
        QueueStats s = q.stats();
        assertEquals(1, s.producerParks());
        assertEquals(parked, s.producerParkedNanos());
        assertEquals(0, s.producersParked());
    }

    @Test
    void statsCountParkedTimeOfParksStillInProgress() throws Exception {
        ManualClock clock = new ManualClock();
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(1, rec, clock);
        Thread producer = start("producer", () -> q.put(1));
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        clock.advance(Duration.ofSeconds(3));

        QueueStats s = q.stats();
        assertEquals(1, s.producersParked());
        assertEquals(Duration.ofSeconds(3).toNanos(), s.producerParkedNanos());
        producer.interrupt();
        assertTrue(producer.join(Duration.ofSeconds(5)));
    }

    @Test
    void interruptedPutInsertsNothingAndStillReportsTheUnpark() throws Exception {
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(1, rec, new ManualClock());
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                q.put(2);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        producer.interrupt();
        assertTrue(producer.join(Duration.ofSeconds(5)));
        assertTrue(interrupted.get());
        assertEquals(1, q.size());
        assertEquals(2, rec.lines().size());
        assertTrue(rec.lines().get(1).endsWith("false"));
    }

    @Test
    void timedOfferGivesUpAfterItsTimeoutAndCountsARefusal() throws Exception {
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(1, rec, new ManualClock());
        assertFalse(q.offer(2, 20, TimeUnit.MILLISECONDS));
        assertFalse(q.offer(3));
        assertEquals(1, q.stats().timedOut());
        assertEquals(1, q.stats().refused());
        assertEquals(2, q.stats().attempts() - q.stats().puts());
        assertEquals(2, rec.lines().size(), "the timed offer parked and unparked once");
        assertTrue(rec.lines().get(1).endsWith("false"));
    }

    @Test
    void timedOfferSucceedsWhenSpaceFreesInTime() throws Exception {
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(1, rec, new ManualClock());
        AtomicBoolean result = new AtomicBoolean();
        Thread producer = start("producer", () -> result.set(q.offer(2, 1, TimeUnit.MINUTES)));
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        q.take();
        assertTrue(producer.join(Duration.ofSeconds(5)));
        assertTrue(result.get());
        assertEquals(List.of(2), new ArrayList<>(q));
    }

    @Test
    void consumerParksAreReportedInPairs() throws Exception {
        ManualClock clock = new ManualClock();
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = new ObservedQueue<>(4, rec, clock);
        Thread consumer = start("consumer", q::take);
        assertTrue(rec.consumerParked.await(5, TimeUnit.SECONDS));
        clock.advance(Duration.ofMillis(10));
        q.put(1);
        assertTrue(consumer.join(Duration.ofSeconds(5)));
        long t = clock.nanoTime();
        assertEquals(List.of("C+ " + (t - 10_000_000L), "C- " + t + " 10000000 true"), rec.lines());
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
        assertEquals(2, q.stats().consumerParks());
    }

    @Test
    void growingCapacityWakesEveryParkedProducerAtOnce() throws Exception {
        ObservedQueue<Integer> q = full(1, QueueObserver.NONE, new ManualClock());
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int v = 10 + i;
            producers.add(start("p" + i, () -> q.put(v)));
        }
        Awaits.until("three producers parked", () -> q.stats().producersParked() == 3);

        q.setCapacity(4);
        for (Thread p : producers) {
            assertTrue(p.join(Duration.ofSeconds(5)), p.getName() + " should be released by the larger capacity");
        }
        assertEquals(4, q.size());
        assertEquals(0, q.remainingCapacity());
    }

    @Test
    void shrinkingCapacityKeepsQueuedItemsAndParksProducersUntilBelowTheNewBound() throws Exception {
        ObservedQueue<Integer> q = full(5, QueueObserver.NONE, new ManualClock());
        q.setCapacity(2);
        assertEquals(5, q.size(), "shrinking never discards what is queued");
        assertEquals(0, q.remainingCapacity());
        assertFalse(q.offer(100));

        Thread producer = start("producer", () -> q.put(100));
        Awaits.parked(producer);
        q.take();
        q.take();
        q.take();
        assertEquals(2, q.size());
        Awaits.parked(producer);
        assertEquals(1, q.stats().producersParked(), "at the new bound the producer still waits");

        q.take();
        assertTrue(producer.join(Duration.ofSeconds(5)));
        assertEquals(List.of(4, 100), new ArrayList<>(q));
    }

    @Test
    void drainToMovesInOrderAndFreesSpace() throws Exception {
        ObservedQueue<Integer> q = full(4, QueueObserver.NONE, new ManualClock());
        Thread producer = start("producer", () -> q.put(4));
        Awaits.parked(producer);
        List<Integer> out = new ArrayList<>();
        assertEquals(3, q.drainTo(out, 3));
        assertEquals(List.of(0, 1, 2), out);
        assertTrue(producer.join(Duration.ofSeconds(5)));
        assertEquals(2, q.drainTo(out));
        assertEquals(List.of(0, 1, 2, 3, 4), out);
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        assertEquals(5, q.stats().takes());
    }

    @Test
    void iteratorWalksASnapshotAndRemovesThroughToTheQueue() {
        ObservedQueue<Integer> q = full(3, QueueObserver.NONE, new ManualClock());
        Iterator<Integer> it = q.iterator();
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        it.remove();
        q.offer(9);
        assertEquals(2, it.next());
        assertFalse(it.hasNext(), "later inserts are not seen by an existing iterator");
        assertEquals(List.of(0, 2, 9), new ArrayList<>(q));
        it.remove();
        assertEquals(List.of(0, 9), new ArrayList<>(q));
        assertThrows(IllegalStateException.class, it::remove, "remove twice without next");
    }

    @Test
    void behavesLikeACollection() {
        ObservedQueue<Integer> q = new ObservedQueue<>(3);
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(IllegalArgumentException.class, () -> new ObservedQueue<Integer>(0));
        assertThrows(IllegalArgumentException.class, () -> q.setCapacity(-1));
        q.add(1);
        q.add(2);
        assertTrue(q.contains(2));
        assertEquals(1, q.peek());
        assertEquals(1, q.remainingCapacity());
        assertTrue(q.remove(Integer.valueOf(1)));
        assertFalse(q.remove(Integer.valueOf(42)));
        q.add(3);
        q.add(4);
        assertThrows(IllegalStateException.class, () -> q.add(5), "add on a full queue throws, as in ArrayBlockingQueue");
        assertEquals("[2, 3, 4]", q.toString());
        q.clear();
        assertTrue(q.isEmpty());
        assertNull(q.poll());
    }

    @Test
    void everyInsertAndTakeIsStampedAndAnInsertThatWaitedWhenItGotSpace() throws Exception {
        ManualClock clock = new ManualClock();
        Recorder rec = new Recorder();
        java.util.Map<Integer, Long> in = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<Integer, Long> out = new java.util.concurrent.ConcurrentHashMap<>();
        ObservedQueue<Integer> q = new ObservedQueue<>(1, rec, clock, new ObservedQueue.Hooks<Integer>() {
            @Override
            public void entered(Integer e, long at) {
                in.put(e, at);
            }

            @Override
            public void left(Integer e, long at) {
                out.put(e, at);
            }
        });
        clock.advance(Duration.ofMillis(5));
        q.put(1);
        assertEquals(clock.nanoTime(), in.get(1), "stamped as it went in");
        Thread producer = start("producer", () -> q.put(2));
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        clock.advance(Duration.ofMillis(300));
        assertEquals(1, q.take());
        assertEquals(clock.nanoTime(), out.get(1), "stamped as it came out");
        assertTrue(producer.join(Duration.ofSeconds(5)));
        // The clock stood still, so the waking producer's stamps are raised past the take's.
        assertTrue(in.get(2) > out.get(1) && in.get(2) <= clock.nanoTime() + 5,
                "stamped when it got space, after the take that made room, not when it started waiting: " + in.get(2));
        assertEquals(2, q.poll());
        assertTrue(out.get(2) > in.get(2) && out.get(2) <= clock.nanoTime() + 5, "a poll is stamped too");
        assertEquals(2, out.size());
    }

    @Test
    void stampsRiseStrictlyInTheQueuesOrderEvenWhenTheClockStandsStill() throws Exception {
        ManualClock clock = new ManualClock();
        List<Long> stamps = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObservedQueue<Integer> q = new ObservedQueue<>(10, QueueObserver.NONE, clock, new ObservedQueue.Hooks<Integer>() {
            @Override
            public void stamp(Integer e, long at) {
                stamps.add(at);
            }

            @Override
            public void entered(Integer e, long at) {
                assertEquals(stamps.getLast(), at, "entered with the stamp it was given under the lock");
            }

            @Override
            public void left(Integer e, long at) {
                stamps.add(at);
            }
        });
        q.put(1);
        q.offer(2);
        assertEquals(1, q.take());
        q.offerEvictingOldest(3);
        assertEquals(2, q.poll());
        long t = clock.nanoTime();
        assertEquals(List.of(t, t + 1, t + 2, t + 3, t + 4), stamps);
        clock.advance(Duration.ofMillis(1));
        q.put(4);
        assertEquals(clock.nanoTime(), stamps.getLast(), "a later reading is taken as it is");
    }

    @Test
    void theHooksThatRecordRunAfterTheLockIsReleased() throws Exception {
        java.util.concurrent.atomic.AtomicInteger free = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<ObservedQueue<Integer>> queue = new AtomicReference<>();
        ThrowingRunnable otherThreadReadsTheQueue = () -> {
            CountDownLatch read = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                queue.get().size(); // waits for the lock if the hook's caller holds it
                read.countDown();
            });
            if (read.await(5, TimeUnit.SECONDS)) {
                free.incrementAndGet();
            }
        };
        queue.set(new ObservedQueue<>(4, QueueObserver.NONE, new ManualClock(), new ObservedQueue.Hooks<Integer>() {
            @Override
            public void entered(Integer e, long at) {
                run(otherThreadReadsTheQueue);
            }

            @Override
            public void left(Integer e, long at) {
                run(otherThreadReadsTheQueue);
            }
        }));
        ObservedQueue<Integer> q = queue.get();
        q.put(1);
        q.offer(2);
        q.offer(3, 1, TimeUnit.SECONDS);
        q.offerEvictingOldest(4);
        q.take();
        q.poll();
        q.poll(1, TimeUnit.SECONDS);
        assertEquals(7, free.get(), "every hook ran while another thread could take the lock");
    }

    private static void run(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readingStatsChangesNothingSoEveryReaderSeesThePeak() {
        ObservedQueue<Integer> q = full(5, QueueObserver.NONE, new ManualClock());
        q.poll();
        q.poll();
        assertEquals(5, q.stats().maxFill());
        assertEquals(5, q.stats().maxFill(), "a second reader must not steal the peak from the first");
        assertEquals(q.stats(), q.stats(), "two reads with nothing in between are equal");
    }

    // ---------------------------------------------------------------- closing and eviction

    @Test
    void dropReceiverDiscardsQueuedItemsAndCountsThem() {
        ObservedQueue<Integer> q = full(3, QueueObserver.NONE, new ManualClock());
        q.dropReceiver();
        QueueStats s = q.stats();
        assertEquals(0, s.fill());
        assertEquals(3, s.discardedOnClose());
        assertEquals(s.puts(), s.takes() + s.evicted() + s.discardedOnClose() + s.fill(), "fill = puts - takes - evicted - discarded");
    }

    @Test
    void dropReceiverWakesAParkedPutWhichThenThrowsReceiverDropped() throws Exception {
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = full(1, rec, new ManualClock());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                q.put(99);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        assertTrue(rec.producerParked.await(5, TimeUnit.SECONDS));
        Awaits.until("producer waiting on notFull", () -> producer.getState() == Thread.State.WAITING);
        q.dropReceiver();
        assertTrue(producer.join(Duration.ofSeconds(5)), "a dropped receiver releases a parked producer");
        QueueClosedException e = assertInstanceOf(QueueClosedException.class, thrown.get());
        assertEquals(QueueClosedException.Side.RECEIVER_DROPPED, e.side());
        QueueStats s = q.stats();
        assertEquals(1, s.closedRefusals());
        assertEquals(0, s.producersParked());
        assertEquals(s.attempts(), s.puts() + s.refused() + s.timedOut() + s.abandoned() + s.closedRefusals() + s.producersParked());
        assertTrue(rec.lines().getLast().startsWith("P- ") && rec.lines().getLast().endsWith(" false"),
                "the park ends, without space: " + rec.lines());
    }

    @Test
    void everyInsertAfterDropReceiverThrowsAndIsCounted() {
        ObservedQueue<Integer> q = new ObservedQueue<>(4);
        q.dropReceiver();
        assertThrows(QueueClosedException.class, () -> q.offer(1));
        assertThrows(QueueClosedException.class, () -> q.offerEvictingOldest(2));
        assertThrows(QueueClosedException.class, () -> q.put(3));
        assertThrows(QueueClosedException.class, () -> q.offer(4, 1, TimeUnit.SECONDS));
        QueueStats s = q.stats();
        assertEquals(4, s.attempts());
        assertEquals(4, s.closedRefusals());
        assertEquals(0, s.puts());
    }

    @Test
    void finishSendingLetsTakersDrainThenThrowSendersFinished() throws Exception {
        ObservedQueue<Integer> q = new ObservedQueue<>(4);
        q.put(1);
        q.put(2);
        q.finishSending();
        assertEquals(1, q.take());
        assertEquals(2, q.take());
        QueueClosedException e = assertThrows(QueueClosedException.class, q::take);
        assertEquals(QueueClosedException.Side.SENDERS_FINISHED, e.side());
        assertNull(q.poll(1, TimeUnit.SECONDS), "a timed poll on a finished, empty queue returns at once");
    }

    @Test
    void finishSendingWakesAParkedTaker() throws Exception {
        Recorder rec = new Recorder();
        ObservedQueue<Integer> q = new ObservedQueue<>(2, rec, new ManualClock());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                q.take();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        assertTrue(rec.consumerParked.await(5, TimeUnit.SECONDS));
        Awaits.until("consumer waiting on notEmpty", () -> consumer.getState() == Thread.State.WAITING);
        q.finishSending();
        assertTrue(consumer.join(Duration.ofSeconds(5)), "finishing the senders releases a parked taker");
        assertInstanceOf(QueueClosedException.class, thrown.get());
        assertEquals(0, q.stats().consumersParked());
    }

    @Test
    void offerEvictingOldestNeverWaitsAndEvictsTheHead() {
        ObservedQueue<Integer> q = new ObservedQueue<>(2);
        assertNull(q.offerEvictingOldest(1), "space: nothing evicted");
        assertNull(q.offerEvictingOldest(2));
        assertEquals(1, q.offerEvictingOldest(3), "full: the oldest goes");
        assertEquals(2, q.offerEvictingOldest(4));
        assertEquals(List.of(3, 4), List.copyOf(q));
        QueueStats s = q.stats();
        assertEquals(4, s.puts());
        assertEquals(2, s.evicted());
        assertEquals(0, s.producerParks(), "evicting never parks");
        assertEquals(2, s.fill());
    }

    @Test
    void offerEvictingOldestAfterAShrinkEvictsOneAndStaysOverTheNewBound() {
        ObservedQueue<Integer> q = full(4, QueueObserver.NONE, new ManualClock());
        q.setCapacity(2);
        assertEquals(0, q.offerEvictingOldest(10), "one in, one out: the fill never grows past what it was");
        assertEquals(4, q.size());
    }

    @Test
    void theTestsRunWithAssertionsSoTheLockPreconditionsAreChecked() {
        assertTrue(ObservedQueue.class.desiredAssertionStatus(),
                "surefire must run with -ea: ObservedQueue asserts that its helpers hold its lock");
    }
}
