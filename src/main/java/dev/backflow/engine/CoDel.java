package dev.backflow.engine;

import dev.backflow.units.Units;
import dev.backflow.units.Units.Unit;

/**
 * CoDel, "Controlled Delay" active queue management (RFC 8289), as a link's dequeue-side check:
 * when the time items have spent in the queue (their sojourn) has stayed at or above
 * {@code target} for at least {@code interval}, it drops an item as it leaves, then the next one
 * {@code interval / √count} later, and so on, until the sojourn falls below the target. A big
 * buffer then stops being a big delay (bufferbloat), and the drops tell the senders to slow down.
 *
 * <p>This is the RFC's state machine ({@code ok_to_drop}, {@code dropping}, {@code count},
 * {@code lastcount}, {@code drop_next}, {@code first_above_time}) one item at a time: the RFC's
 * dequeue loop drops several packets in one call; here each item taken asks {@link #drop} once,
 * and a dropped item's taker simply takes the next one, which asks again. "The queue holds less
 * than an MTU" becomes "the queue is empty after this item".
 *
 * @param targetMs   the acceptable standing delay, ms (RFC: 5 ms)
 * @param intervalMs how long it must stand before CoDel acts, ms (RFC: 100 ms)
 */
public record CoDel(double targetMs, double intervalMs) {

    /** The RFC's (and Linux's) defaults: 5 ms over 100 ms. */
    public static final CoDel DEFAULT = new CoDel(5, 100);

    /** @throws IllegalArgumentException naming the first setting out of range */
    public CoDel {
        Limits.CODEL_MS.require(targetMs);
        Limits.CODEL_MS.require(intervalMs);
        if (intervalMs < targetMs) {
            throw new IllegalArgumentException("CoDel's interval (" + ms(intervalMs) + ") must be at least its target ("
                    + ms(targetMs) + ")");
        }
    }

    /**
     * Reads {@code TARGET/INTERVAL} ({@code 5ms/100ms}; ms if no unit).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static CoDel parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("CoDel is TARGET/INTERVAL, like 5ms/100ms; got "
                    + dev.backflow.units.Names.quote(t));
        }
        return new CoDel(Limits.CODEL_MS.parse(t.substring(0, slash)), Limits.CODEL_MS.parse(t.substring(slash + 1)));
    }

    /** What {@link #parse} reads back: {@code 5ms/100ms}. */
    public String format() {
        return ms(targetMs) + "/" + ms(intervalMs);
    }

    private static String ms(double v) {
        return Units.format(v, Unit.MILLISECONDS).replace(" ", "");
    }

    public long targetNanos() {
        return Math.round(targetMs * 1e6);
    }

    public long intervalNanos() {
        return Math.round(intervalMs * 1e6);
    }

    /** One link's CoDel state. Its takers call {@link #drop} under its own lock. */
    static final class State {
        private static final long NONE = Long.MIN_VALUE;
        private final long target;
        private final long interval;
        private long firstAboveTime = NONE;
        private long dropNext;
        private int count;
        private int lastCount;
        private boolean dropping;

        State(CoDel c) {
            this.target = c.targetNanos();
            this.interval = c.intervalNanos();
        }

        /**
         * Whether the item leaving now, after {@code sojourn} ns in the queue, is dropped.
         *
         * @param emptyAfter true if the queue is empty once it has left
         */
        synchronized boolean drop(long now, long sojourn, boolean emptyAfter) {
            boolean okToDrop = okToDrop(now, sojourn, emptyAfter);
            if (dropping) {
                if (!okToDrop) {
                    dropping = false; // the sojourn fell below the target: done dropping
                    return false;
                }
                if (now - dropNext >= 0) {
                    count++;
                    dropNext = controlLaw(dropNext, count);
                    return true;
                }
                return false;
            }
            if (okToDrop) {
                dropping = true;
                int delta = count - lastCount;
                // Back in dropping state soon after leaving it: resume near the old rate.
                count = delta > 1 && now - dropNext < 16 * interval ? delta : 1;
                dropNext = controlLaw(now, count);
                lastCount = count;
                return true;
            }
            return false;
        }

        private boolean okToDrop(long now, long sojourn, boolean emptyAfter) {
            if (sojourn < target || emptyAfter) {
                firstAboveTime = NONE;
                return false;
            }
            if (firstAboveTime == NONE) {
                firstAboveTime = now + interval;
                return false;
            }
            return now - firstAboveTime >= 0;
        }

        /** The RFC's control law: the next drop {@code interval / √count} after {@code t}. */
        private long controlLaw(long t, int n) {
            return t + Math.round(interval / Math.sqrt(n));
        }

        synchronized int count() {
            return count;
        }

        synchronized boolean dropping() {
            return dropping;
        }
    }
}
