package dev.backflow.bench;

import dev.backflow.engine.NanoClock;
import dev.backflow.engine.ObservedQueue;
import dev.backflow.engine.QueueObserver;
import dev.backflow.telemetry.EventRing;
import dev.backflow.telemetry.EventSlots;
import dev.backflow.telemetry.TelemetryEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Queue cost: items per second handed from producers to consumers through a bounded queue, all
 * on virtual threads, for ObservedQueue (telemetry on: parks recorded into an event ring that a
 * drainer empties, as in the app) against ArrayBlockingQueue and LinkedBlockingQueue.
 *
 * <p>Each invocation moves {@link #ITEMS} items with {@code producers} x {@code consumers}
 * virtual threads through one queue of {@code capacity}, then joins them; the score is items/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QueueHandoffBenchmark {

    static final int ITEMS = 200_000;

    /**
     * observed: parks recorded, as before issue #11; stamped: also every item stamped and its
     * entry and exit recorded, as the app's links do since #11 (causal event order; since #13 the
     * clock is read before the lock and the events recorded after it). Both record into
     * primitive slots ({@link EventSlots}), as the app does since #13; stamped-objects records
     * the same as stamped into a ring of event records, as before #13. stamped-clock stamps but
     * records no item events; stamped-noclock is the same with a clock that returns 0 at once:
     * the two apart show what the clock reads cost.
     */
    @Param({"observed", "stamped", "stamped-clock", "stamped-noclock", "stamped-objects", "array", "linked"})
    public String queue;

    @Param({"1x1", "4x4"})
    public String workers;

    @Param({"5", "1024"})
    public int capacity;

    private EventRing<TelemetryEvent> ring;
    private EventSlots slots;
    private Thread drainer;
    private volatile boolean draining;

    @Setup(Level.Trial)
    public void startDrainer() {
        ring = new EventRing<>(1 << 16);
        slots = new EventSlots(1 << 16);
        draining = true;
        drainer = Thread.ofPlatform().daemon().start(() -> {
            while (draining) {
                ring.drain(e -> { }, Integer.MAX_VALUE);
                slots.drain(e -> { }, Integer.MAX_VALUE);
                LockSupport.parkNanos(1_000_000L); // the app's pump drains 60 times a second; this is faster
            }
        });
    }

    @TearDown(Level.Trial)
    public void stopDrainer() throws InterruptedException {
        draining = false;
        drainer.join();
    }

    private BlockingQueue<Long> newQueue() {
        return switch (queue) {
            case "observed" -> new ObservedQueue<>(capacity, slotObserver(), NanoClock.SYSTEM);
            case "stamped" -> new ObservedQueue<>(capacity, slotObserver(), NanoClock.SYSTEM, recordingInto(slots));
            case "stamped-clock" -> new ObservedQueue<>(capacity, slotObserver(), NanoClock.SYSTEM, NO_RECORDING);
            case "stamped-noclock" -> new ObservedQueue<>(capacity, slotObserver(), () -> 0L, NO_RECORDING);
            case "stamped-objects" -> new ObservedQueue<>(capacity, observer(), NanoClock.SYSTEM, new ObservedQueue.Hooks<Long>() {
                @Override
                public void entered(Long e, long t) {
                    ring.offer(new TelemetryEvent.Produced(t, 1, e, 0));
                }

                @Override
                public void left(Long e, long t) {
                    ring.offer(new TelemetryEvent.Consumed(t, 1, e, 0, 0));
                }
            });
            case "array" -> new ArrayBlockingQueue<>(capacity);
            case "linked" -> new LinkedBlockingQueue<>(capacity);
            default -> throw new IllegalArgumentException(queue);
        };
    }

    /** Stamps, and records nothing: what the clock reads cost alone. */
    static final ObservedQueue.Hooks<Long> NO_RECORDING = new ObservedQueue.Hooks<>() {
        @Override
        public void entered(Long e, long t) { }

        @Override
        public void left(Long e, long t) { }
    };

    /** Records every item's entry and exit into {@code slots}, as the app's links do. */
    static ObservedQueue.Hooks<Long> recordingInto(EventSlots slots) {
        return new ObservedQueue.Hooks<>() {
            @Override
            public void entered(Long e, long t) {
                slots.offer(EventSlots.Kind.PRODUCED, t, 1, e, 0, 0, false);
            }

            @Override
            public void left(Long e, long t) {
                slots.offer(EventSlots.Kind.CONSUMED, t, 1, e, 0, 0, false);
            }
        };
    }

    /** Records parks into primitive slots, as the app's observers do since #13. */
    private QueueObserver slotObserver() {
        return new QueueObserver() {
            @Override
            public void producerParked(long at, int fill, int cap) {
                slots.offer(EventSlots.Kind.PRODUCER_PARKED, at, 1, fill, cap, 0, false);
            }

            @Override
            public void producerUnparked(long at, long parked, int fill, boolean gotSpace) {
                slots.offer(EventSlots.Kind.PRODUCER_UNPARKED, at, 1, parked, 0, 0, gotSpace);
            }

            @Override
            public void consumerParked(long at) {
                slots.offer(EventSlots.Kind.CONSUMER_PARKED, at, 1, 0, 0, 0, false);
            }

            @Override
            public void consumerUnparked(long at, long parked, boolean gotItem) {
                slots.offer(EventSlots.Kind.CONSUMER_UNPARKED, at, 1, parked, 0, 0, gotItem);
            }
        };
    }

    /** Records parks into a ring of event records, as the app's observers did before #13. */
    private QueueObserver observer() {
        return new QueueObserver() {
            @Override
            public void producerParked(long at, int fill, int cap) {
                ring.offer(new TelemetryEvent.ProducerParked(at, 1, fill, cap));
            }

            @Override
            public void producerUnparked(long at, long parked, int fill, boolean gotSpace) {
                ring.offer(new TelemetryEvent.ProducerUnparked(at, 1, parked, gotSpace));
            }

            @Override
            public void consumerParked(long at) {
                ring.offer(new TelemetryEvent.ConsumerParked(at, 1));
            }

            @Override
            public void consumerUnparked(long at, long parked, boolean gotItem) {
                ring.offer(new TelemetryEvent.ConsumerUnparked(at, 1, parked, gotItem));
            }
        };
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long handoff() throws InterruptedException {
        int n = workers.equals("1x1") ? 1 : 4;
        BlockingQueue<Long> q = newQueue();
        int perProducer = ITEMS / n;
        long[] sums = new long[n];
        List<Thread> threads = new ArrayList<>(2 * n);
        for (int c = 0; c < n; c++) {
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                long sum = 0;
                try {
                    for (int i = 0; i < perProducer; i++) {
                        sum += q.take();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sums[id] = sum;
            }));
        }
        for (int p = 0; p < n; p++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (long i = 0; i < perProducer; i++) {
                        q.put(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long s : sums) {
            total += s;
        }
        return total;
    }
}
