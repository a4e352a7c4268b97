package dev.backflow.engine;

/**
 * A source of monotonic nanosecond timestamps, so tests can control time and the window can run
 * an experiment in slow motion.
 *
 * <p>Implementations must be thread-safe and monotonic (never go backwards).
 */
@FunctionalInterface
public interface NanoClock {

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** Current time in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /**
     * How many nanoseconds a thread must really wait (park, await) for {@code clockNanos} of this
     * clock's time to pass. The same number for a clock that runs at the speed of real time;
     * ten times as many for a clock slowed down ten times ({@link TimeScale}).
     */
    default long realNanos(long clockNanos) {
        return clockNanos;
    }
}
