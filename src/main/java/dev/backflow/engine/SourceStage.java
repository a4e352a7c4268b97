package dev.backflow.engine;

import dev.backflow.telemetry.EventSlots;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The first stage: producers that send paced items into the first link. Each keeps its first
 * offered arrival times, so two runs can be shown to offer the same arrivals.
 */
final class SourceStage extends Stage {

    /** How many offered arrival times the run keeps in all (see {@link #arrivalSchedule()}). */
    static final int ARRIVAL_LOG = 4096;
    /** The most a single producer keeps. */
    static final int MAX_ARRIVALS_PER_PRODUCER = 256;

    final int producers;
    final Link out;
    final AtomicLong sequence = new AtomicLong();
    private final AtomicLong tickets = new AtomicLong();
    private final int arrivalsPerProducer;
    /**
     * Producer {@code p}'s first offered arrival times, ns after the start, at
     * {@code [p * arrivalsPerProducer, ...)}; each producer writes only its own slots.
     */
    private final long[] arrivalLog;
    /** How many of its slots each producer has written (written by that producer only). */
    private final AtomicIntegerArray arrivalsLogged;

    SourceStage(Run run, ExperimentConfig c, Link out, SplittableRandom seeds) {
        super(run, 0, c.sourceName(), c.producers());
        this.producers = c.producers();
        this.out = out;
        this.arrivalsPerProducer = Math.max(1, Math.min(MAX_ARRIVALS_PER_PRODUCER, ARRIVAL_LOG / producers));
        this.arrivalLog = new long[producers * arrivalsPerProducer];
        this.arrivalsLogged = new AtomicIntegerArray(producers);
        java.util.List<Thread> hired = new java.util.ArrayList<>(producers);
        for (int i = 1; i <= producers; i++) {
            int number = i;
            SplittableRandom random = seeds.split();
            hired.add(worker("producer-" + i, i, false, () -> produce(number, random)));
        }
        hire(hired);
    }

    /** Mean gap between two items of one producer under {@code c}. */
    private long meanGap(ExperimentConfig c) {
        double rate = run.started.arrivals() instanceof Distribution.Bursty b ? b.burstRate() : c.producerRate();
        return Math.max(1L, Math.round(1e9 * producers / rate));
    }

    private void produce(int worker, java.util.random.RandomGenerator.SplittableGenerator random) {
        ExperimentConfig started = run.started;
        NanoClock clock = run.clock;
        long startNanos = run.startNanos;
        ExperimentConfig seen = run.live();
        Distribution arrivals = started.arrivals();
        long gap = meanGap(seen);
        Pacer pacer = new Pacer(gap, startNanos + gap * (worker - 1) / producers);
        long endNanos = started.durationSeconds() > 0
                ? startNanos + Math.round(started.durationSeconds() * 1e9) : Long.MAX_VALUE;
        try {
            while (!run.stopping) {
                if (run.paused) {
                    if (!run.awaitRunning()) {
                        return;
                    }
                    pacer.restartAt(clock.nanoTime());
                }
                ExperimentConfig c = run.live();
                if (c != seen) {
                    pacer.changePeriod(meanGap(c));
                    seen = c;
                }
                if (arrivals instanceof Distribution.Bursty b) {
                    pacer.deferTo(startNanos + b.nextOnTime(pacer.nextDue() - startNanos));
                    pacer.deferOfferedTo(startNanos + b.nextOnTime(pacer.offered() - startNanos));
                }
                long now = clock.nanoTime();
                if (pacer.nextDue() >= endNanos && now >= endNanos - 1) {
                    return; // a timed run is over for this producer
                }
                long wait = Math.min(pacer.nextDue(), endNanos) - now;
                if (wait > 0) {
                    run.pace(clock.realNanos(wait));
                    continue; // re-check stop, pause and the live config after every wake-up
                }
                if (started.items() > 0 && tickets.getAndIncrement() >= started.items()) {
                    return; // a finite run's items are all claimed
                }
                logArrival(worker, pacer.offered());
                if (run.callers != null) {
                    run.callers.call(worker, random.split()); // a caller of its own sends it, waits, retries
                } else {
                    run.send(out, c.policy(), worker, new Item(sequence.getAndIncrement(), worker));
                }
                pacer.emitted(clock.nanoTime(), arrivals.factor(random));
            }
        } catch (InterruptedException stopRequested) {
            // Stop interrupts parked producers; the item being sent was not inserted.
        } catch (QueueClosedException receiverGone) {
            run.slots.offer(EventSlots.Kind.RECEIVER_DROPPED, clock.nanoTime(), worker, 0, 0, 0, false);
        } finally {
            if (!run.stopping) {
                run.slots.offer(EventSlots.Kind.PRODUCER_FINISHED, clock.nanoTime(), worker, 0, 0, 0, false);
            }
            if (left.decrementAndGet() == 0) {
                if (run.callers != null) {
                    run.callers.producersDone(); // the source ends with its last caller
                } else {
                    run.sourceEnded();
                }
            }
        }
    }

    /** Keeps producer {@code worker}'s offered arrival time, while it has slots left. Its own thread only. */
    private void logArrival(int worker, long offeredNanos) {
        int p = worker - 1;
        int n = arrivalsLogged.getPlain(p);
        if (n < arrivalsPerProducer) {
            arrivalLog[p * arrivalsPerProducer + n] = offeredNanos - run.startNanos;
            arrivalsLogged.setRelease(p, n + 1);
        }
    }

    /**
     * Each producer's first offered arrival times (at most {@value #ARRIVAL_LOG} in all), ns
     * after the start: when it meant to send each item on the workload's own schedule, before
     * any wait for space and apart from pauses. They depend only on the seed, the producers,
     * the rate and the arrival distribution, so two runs that share those offer the same
     * arrivals whatever their buffers, policies or consumers. Any thread.
     */
    long[][] arrivalSchedule() {
        long[][] schedule = new long[producers][];
        for (int p = 0; p < producers; p++) {
            int n = arrivalsLogged.getAcquire(p);
            schedule[p] = java.util.Arrays.copyOfRange(arrivalLog, p * arrivalsPerProducer, p * arrivalsPerProducer + n);
        }
        return schedule;
    }

    @Override
    long workerNanos(long until) {
        return producers * Math.max(0, until - run.startNanos);
    }
}
