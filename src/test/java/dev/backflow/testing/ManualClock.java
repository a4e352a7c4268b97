package dev.backflow.testing;

import dev.backflow.engine.NanoClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. */
public final class ManualClock implements NanoClock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward. */
    public void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
