package dev.backflow.bench;

import dev.backflow.engine.NanoClock;
import dev.backflow.engine.ObservedQueue;
import dev.backflow.engine.QueueObserver;
import dev.backflow.telemetry.EventSlots;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one put and one take on one thread, with no contention and no parking: what each
 * part of a link's telemetry adds to a hand-off, measured apart from the scheduling noise of
 * {@link QueueHandoffBenchmark}. {@code plain}: an ObservedQueue without stamps; {@code clock}:
 * stamps, hooks that do nothing; {@code stamped}: stamps and an event per insert and per take,
 * as the app's links; {@code array}: ArrayBlockingQueue. {@link #clockRead} is the price of the
 * one {@code System.nanoTime()} each stamp costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class QueueOpCostBenchmark {

    @Param({"plain", "clock", "stamped", "array"})
    public String queue;

    private BlockingQueue<Long> q;
    private EventSlots slots;
    private final Long item = 42L;

    @Setup(Level.Iteration)
    public void setUp() {
        slots = new EventSlots(1 << 16);
        q = switch (queue) {
            case "plain" -> new ObservedQueue<>(1024, QueueObserver.NONE, NanoClock.SYSTEM);
            case "clock" -> new ObservedQueue<>(1024, QueueObserver.NONE, NanoClock.SYSTEM, QueueHandoffBenchmark.NO_RECORDING);
            case "stamped" -> new ObservedQueue<>(1024, QueueObserver.NONE, NanoClock.SYSTEM, QueueHandoffBenchmark.recordingInto(slots));
            case "array" -> new ArrayBlockingQueue<>(1024);
            default -> throw new IllegalArgumentException(queue);
        };
    }

    /** One put and one take; the event ring is emptied now and then, off the measured path's average. */
    @Benchmark
    public Long putThenTake() throws InterruptedException {
        q.put(item);
        Long e = q.take();
        if (slots.size() > 1 << 14) {
            slots.drain(x -> { }, Integer.MAX_VALUE);
        }
        return e;
    }

    /** One read of the clock every stamp is taken from (the same whatever {@code queue} says). */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }
}
