package dev.backflow.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Producer threads for the ring tests: they wait at one gate, then offer their items in order. */
final class GatedProducers {

    /** Offers item {@code item} of producer {@code producer}; false if the ring was full. */
    @FunctionalInterface
    interface Offer {
        boolean offer(int producer, int item);
    }

    private GatedProducers() {
    }

    /**
     * Starts producers {@code firstId} to {@code firstId + producers - 1}; once {@code go} opens,
     * each offers items 0 to {@code perProducer - 1}, retrying while the ring is full (these tests
     * check ordering, not dropping).
     */
    static List<Thread> start(CountDownLatch go, int firstId, int producers, int perProducer, Offer offer) {
        List<Thread> threads = new ArrayList<>();
        for (int p = firstId; p < firstId + producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    while (!offer.offer(id, i)) {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        return threads;
    }
}
