package dev.backflow.ui.pipeline;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the animated valve shows, worked out from the counters once per frame: items flying into a
 * link and out of it to the next stage, senders parked in front of a full link, and refused items
 * turned away. Pure logic, no drawing (the {@link PipelineView} draws it), so tests can drive it.
 *
 * <p>The counters, not the event stream, decide what moves: events can be lost under load, the
 * counters cannot. At human rates every item gets its token; above {@link #TOKENS_PER_SECOND} per
 * link and kind the valve shows a sample and {@link #oneIn()} says how thin it is.
 *
 * <p>FX thread only (or one thread).
 */
public final class ValveModel {

    /** What a token does. */
    public enum Kind {
        /** From the upstream stage into the link's free end. */
        IN,
        /** From the link's full end into the downstream stage. */
        OUT,
        /** Towards the link, turned away at its mouth, and falling out of the picture. */
        REFUSED
    }

    /** A token in flight: which link, what it does, and when it set off (wall seconds). */
    public record Token(int link, Kind kind, double born, boolean fromGate) {
        double age(double now) {
            return now - born;
        }
    }

    /** Most tokens set off per second for one link and kind; beyond this the valve samples. */
    static final double TOKENS_PER_SECOND = 12;
    /** How long a token flies into or out of a link, wall seconds. */
    static final double FLIGHT_SECONDS = 0.35;
    /** How long a refused token takes to bounce off and fall away, wall seconds. */
    static final double REFUSED_SECONDS = 0.7;
    /** Tokens a link and kind may set off at once (a burst at the start shows whole). */
    static final double BURST = 8;
    /** A link counts as holding a parked sender when, on average over the frame, this many were parked. */
    static final double PARKED_THRESHOLD = 0.5;

    private final List<Token> tokens = new ArrayList<>();
    private long runId = -1;
    private double lastWall = Double.NaN;
    private long lastAt;
    private long[] entered = new long[0];
    private long[] taken = new long[0];
    private long[] refused = new long[0];
    private long[] parkedNanos = new long[0];
    private double[][] credit = new double[0][];
    private boolean[] parked = new boolean[0];
    private boolean[] wasParked = new boolean[0];
    /** Items that moved and items that got a token, over about the last two seconds, for the "1 in n" note. */
    private double moved;
    private double shown;
    private long totalShown;
    private final long[] shownByKind = new long[Kind.values().length];

    /**
     * Moves the picture on to the counters {@code c} seen at {@code wallSeconds}. A new run
     * starts from nothing; an ended run lets its tokens land and shows no sender parked.
     */
    public void advance(Counts c, double wallSeconds) {
        if (c == null || c.runId() == 0 || c.links().isEmpty()) {
            clear();
            lastWall = wallSeconds;
            return;
        }
        List<LinkCounts> links = c.links();
        int n = links.size();
        if (c.runId() != runId || entered.length != n) {
            clear();
            runId = c.runId();
            entered = new long[n];
            taken = new long[n];
            refused = new long[n];
            parkedNanos = new long[n];
            credit = new double[n][Kind.values().length];
            for (double[] perKind : credit) {
                java.util.Arrays.fill(perKind, BURST);
            }
            parked = new boolean[n];
            wasParked = new boolean[n];
            for (int l = 0; l < n; l++) {
                LinkCounts lc = links.get(l);
                entered[l] = 0;
                taken[l] = 0;
                refused[l] = 0;
                parkedNanos[l] = lc.parkedNanos();
            }
            lastAt = c.startNanos();
        }
        double dt = Double.isNaN(lastWall) ? 0 : Math.max(0, wallSeconds - lastWall);
        lastWall = wallSeconds;
        long dAt = c.atNanos() - lastAt;
        lastAt = c.atNanos();
        double decay = Math.exp(-dt / 2.0);
        moved *= decay;
        shown *= decay;
        for (int l = 0; l < n; l++) {
            LinkCounts lc = links.get(l);
            long in = lc.entered() - entered[l];
            long out = lc.taken() - taken[l];
            long turned = lc.rejected() + lc.timedOut() + lc.dropped() - refused[l];
            long parkedFor = lc.parkedNanos() - parkedNanos[l];
            entered[l] = lc.entered();
            taken[l] = lc.taken();
            refused[l] = lc.rejected() + lc.timedOut() + lc.dropped();
            parkedNanos[l] = lc.parkedNanos();
            wasParked[l] = parked[l];
            // Mean senders parked on this link over the frame; the run's end freezes the clock, so
            // an ended run shows none.
            parked[l] = c.outcome() == null && dAt > 0 && (double) parkedFor / dAt >= PARKED_THRESHOLD;
            spawn(l, Kind.IN, in, dt, wallSeconds, wasParked[l]);
            spawn(l, Kind.OUT, out, dt, wallSeconds, false);
            spawn(l, Kind.REFUSED, turned, dt, wallSeconds, false);
        }
        for (Iterator<Token> it = tokens.iterator(); it.hasNext(); ) {
            Token t = it.next();
            if (t.age(wallSeconds) > (t.kind() == Kind.REFUSED ? REFUSED_SECONDS : FLIGHT_SECONDS)) {
                it.remove();
            }
        }
    }

    private void spawn(int link, Kind kind, long count, double dt, double now, boolean fromGate) {
        if (count <= 0) {
            credit[link][kind.ordinal()] = Math.min(BURST, credit[link][kind.ordinal()] + dt * TOKENS_PER_SECOND);
            return;
        }
        double[] budget = credit[link];
        budget[kind.ordinal()] = Math.min(BURST, budget[kind.ordinal()] + dt * TOKENS_PER_SECOND);
        long show = Math.min(count, (long) Math.floor(budget[kind.ordinal()]));
        budget[kind.ordinal()] = Math.max(0, budget[kind.ordinal()] - show);
        moved += count;
        shown += show;
        totalShown += show;
        shownByKind[kind.ordinal()] += show;
        for (long i = 0; i < show; i++) {
            // Several in one frame set off a little apart, so they read as several.
            tokens.add(new Token(link, kind, now - i * 0.06, fromGate && i == 0));
        }
    }

    private void clear() {
        tokens.clear();
        runId = -1;
        entered = new long[0];
        taken = new long[0];
        refused = new long[0];
        parkedNanos = new long[0];
        credit = new double[0][];
        parked = new boolean[0];
        wasParked = new boolean[0];
        moved = 0;
        shown = 0;
        totalShown = 0;
        java.util.Arrays.fill(shownByKind, 0);
    }

    /** Tokens in flight now. */
    public List<Token> tokens() {
        return tokens;
    }

    /** Whether a sender is parked in front of link {@code l} now. */
    public boolean parked(int l) {
        return l >= 0 && l < parked.length && parked[l];
    }

    /**
     * How thin the sample is: 1 when every item moving lately got its token, n when about one in
     * n did.
     */
    public long oneIn() {
        return shown < 1e-9 ? 1 : Math.max(1, Math.round(moved / shown));
    }

    /** Tokens set off since the run began (for tests). */
    public long totalShown() {
        return totalShown;
    }

    /** Tokens of {@code kind} set off since the run began (for tests). */
    public long shown(Kind kind) {
        return shownByKind[kind.ordinal()];
    }

    /** Whether anything is moving or parked, so the picture needs drawing. */
    public boolean active() {
        if (!tokens.isEmpty()) {
            return true;
        }
        for (boolean p : parked) {
            if (p) {
                return true;
            }
        }
        return false;
    }
}
