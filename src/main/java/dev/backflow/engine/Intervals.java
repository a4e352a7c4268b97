package dev.backflow.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durations recorded by any number of workers and drained by one reader at a time: an
 * HdrHistogram {@link Recorder} with the interval histogram it recycles. Every duration the
 * engine hands to telemetry (queue waits per link and end to end, wake-up latency, service
 * times) goes through one of these, so each is drained the same way.
 */
final class Intervals {

    private final Recorder recorder = new Recorder(3);
    private Histogram interval;

    /** Records one duration, ns. Any thread, wait-free. */
    void record(long nanos) {
        recorder.recordValue(nanos);
    }

    /** Adds what was recorded since the previous call to {@code into}. One caller at a time. */
    synchronized void drainInto(Histogram into) {
        interval = recorder.getIntervalHistogram(interval);
        into.add(interval);
    }
}
