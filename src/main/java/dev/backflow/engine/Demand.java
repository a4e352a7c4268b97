package dev.backflow.engine;

import dev.backflow.units.Names;

/**
 * A demand link (Reactive Streams, {@link java.util.concurrent.Flow}): the consumer side requests
 * items, and a sender may put an item into the link only against outstanding demand. The link's
 * capacity is the <b>prefetch</b>: the consumer side requests that many when the run starts, and
 * once {@link #batch} of them have been taken it requests that many again. Reactor's operators do
 * the same with {@code limitRate(prefetch, lowTide)}: 32 and 75 % by default ({@code prefetch -
 * (prefetch >> 2)}), and a low tide of 0 (or the whole prefetch) for strict batches, where nothing
 * more is requested until every item of the batch has been taken.
 *
 * <p>So at any moment {@code outstanding + queued + taken since the last request = prefetch}: a
 * producer finds room only while the consumer side's request stands, and the outstanding demand
 * falls as items are sent and jumps by {@code batch} at each request: the replenish saw-tooth. The
 * link's send policy says what a sender without demand does: waits (block, timeout), drops the
 * item (drop-newest) or is refused (reject). Drop-oldest has no meaning here (the items in the link
 * were requested), and an unbounded link has no demand to wait for.
 *
 * @param percent the replenish point: request again once this share of the prefetch has been
 *                taken since the last request (Reactor: 75); 0 or 100 for strict batches
 */
public record Demand(int percent) {

    /** Reactor's default replenish point: 75 % of the prefetch. */
    public static final Demand REACTOR = new Demand(75);

    /** The link token of the pipeline grammar: {@code demand 32@75%}. */
    public static final String TOKEN = "demand";

    /** @throws IllegalArgumentException if the percent is outside 0-100 */
    public Demand {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a demand link replenishes at 0 % to 100 % of its prefetch (0 or 100: "
                    + "strict batches); got " + percent + " %");
        }
    }

    /** True if nothing more is requested before the whole batch has been taken. */
    public boolean strict() {
        return percent == 0 || percent == 100;
    }

    /** How many items the consumer side requests each time, for a prefetch of {@code prefetch}: at least 1. */
    public int batch(int prefetch) {
        if (strict()) {
            return prefetch;
        }
        return (int) Math.max(1, Math.min(prefetch, Math.round(prefetch * (percent / 100.0))));
    }

    /**
     * Reads {@code PREFETCH@PERCENT} ({@code 32@75%}, the % optional) or a prefetch alone
     * ({@code 32}: 75 %) into a prefetch and this.
     *
     * @return the prefetch (the link's capacity) and the replenish point
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        int at = t.indexOf('@');
        String prefetchText = at < 0 ? t : t.substring(0, at);
        if (prefetchText.isEmpty() || at == t.length() - 1) {
            throw new IllegalArgumentException("a demand link is PREFETCH@PERCENT, like \"demand 32@75%\" (75 % as Reactor) "
                    + "or \"demand 32@100%\" (strict batches); got " + Names.quote(t));
        }
        int prefetch = (int) Limits.CAPACITY.parseWhole(prefetchText);
        return new Parsed(prefetch, at < 0 ? REACTOR : parsePercent(t.substring(at + 1)));
    }

    /**
     * Reads a replenish point alone: {@code 75%}, {@code 75}, or {@code strict} (100 %).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Demand parsePercent(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("strict")) {
            return new Demand(100);
        }
        String digits = t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t;
        if (!digits.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("a demand link's replenish point is a whole percent of its prefetch, like "
                    + "75% (as Reactor) or 100% (strict batches); got " + Names.quote(t));
        }
        return new Demand(Integer.parseInt(digits));
    }

    /** What {@link #parsePercent} reads back: {@code 75%}. */
    public String format() {
        return percent + "%";
    }

    /** What {@link #parse} reads back for a link of this prefetch: {@code 32@75%}. */
    public String format(int prefetch) {
        return prefetch + "@" + format();
    }

    /** A prefetch and a replenish point, as {@link #parse} read them. */
    public record Parsed(int prefetch, Demand demand) {
    }

    /**
     * Why {@code policy} cannot be a demand link's, or null if it can.
     */
    public static String refusal(SendPolicy policy) {
        if (!policy.bounded()) {
            return "a demand link is bounded by its demand; it cannot be unbounded";
        }
        if (policy instanceof SendPolicy.DropOldest) {
            return "a demand link cannot drop the oldest: the items in it were requested; use drop-newest to drop "
                    + "what arrives without demand";
        }
        return null;
    }
}
