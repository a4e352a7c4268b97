package dev.backflow.telemetry;

/**
 * Turns a growing counter into a per-second rate over a sliding time window.
 *
 * <p>Feed it {@code (time, counter)} samples in time order; {@link #rate()} is the counter's
 * increase over the last window divided by the time the samples actually cover, so a rate is
 * true from the first samples on (it does not ramp up over the first window). Over a very short
 * span a rate is true but jumpy; callers mark the first moments of a run as warming up
 * ({@link Snapshot#warmingUp()}).
 * Memory is fixed: samples are kept in a ring sized for the window at the expected sample rate;
 * if samples come faster, the window shortens instead of growing.
 *
 * <p>Not thread-safe: one sampler owns it.
 */
public final class RateMeter {

    private final long windowNanos;
    private final long[] times;
    private final double[] values;
    private int head;   // oldest sample
    private int size;

    /**
     * @param windowNanos      how far back the rate looks
     * @param maxSamples       ring size; at least the samples expected in one window
     */
    public RateMeter(long windowNanos, int maxSamples) {
        if (windowNanos <= 0 || maxSamples < 2) {
            throw new IllegalArgumentException("window and samples must be positive");
        }
        this.windowNanos = windowNanos;
        this.times = new long[maxSamples];
        this.values = new double[maxSamples];
    }

    /** Adds a sample; samples older than the window (except one to anchor it) are forgotten. */
    public void add(long atNanos, double counter) {
        if (size == times.length) {
            head = (head + 1) % times.length;
            size--;
        }
        int tail = (head + size) % times.length;
        times[tail] = atNanos;
        values[tail] = counter;
        size++;
        // Keep exactly one sample at or before the window start, so the span covers the window.
        while (size > 2 && times[(head + 1) % times.length] <= atNanos - windowNanos) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    /** Increase per second over the window; 0 with fewer than two samples. */
    public double rate() {
        if (size < 2) {
            return 0;
        }
        int last = (head + size - 1) % times.length;
        long span = times[last] - times[head];
        return span <= 0 ? 0 : (values[last] - values[head]) * 1e9 / span;
    }

    /** Forgets all samples. */
    public void clear() {
        head = 0;
        size = 0;
    }
}
