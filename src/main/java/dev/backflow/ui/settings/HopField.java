package dev.backflow.ui.settings;

import dev.backflow.engine.Hop;
import dev.backflow.engine.Limits;
import dev.backflow.engine.SendPolicy;
import dev.backflow.units.Units;

/** A setting of one middle stage (and its output link) typed into a box: how it reads and how it is shown. */
public enum HopField {
    NAME, SERVICE_MS, WORKERS, CAPACITY, TIMEOUT_MS,
    /** CoDel on the stage's output link, {@code TARGET/INTERVAL}; empty for none. */
    CODEL,
    /** The output link as a demand link: its replenish point ({@code 75%}, {@code strict}); empty for a plain buffer. */
    DEMAND,
    /** An adaptive concurrency limit in front of the stage ({@code gradient2}); empty for none. */
    LIMIT;

    /**
     * {@code h} with this field set from typed text.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    Hop apply(Hop h, String text) {
        return switch (this) {
            case NAME -> h.withName(text == null ? "" : text.strip());
            case SERVICE_MS -> h.withServiceMs(Limits.CONSUMER_DELAY_MS.parse(text));
            case WORKERS -> h.withWorkers((int) Limits.PRODUCERS.parseWhole(text));
            case CAPACITY -> h.withCapacity((int) Limits.CAPACITY.parseWhole(text));
            case TIMEOUT_MS -> h.withPolicy(new SendPolicy.Timeout(Limits.TIMEOUT_MS.parse(text)));
            case CODEL -> h.withCodel(text == null || text.isBlank() ? null : dev.backflow.engine.CoDel.parse(text));
            case DEMAND -> h.withDemand(text == null || text.isBlank() ? null : dev.backflow.engine.Demand.parsePercent(text));
            case LIMIT -> h.withLimit(text == null || text.isBlank() ? null : dev.backflow.engine.AdaptiveLimit.parse(text.strip()));
        };
    }

    /** The text its box shows for {@code h} ("" for a deadline the link does not have). */
    String show(Hop h) {
        return switch (this) {
            case NAME -> h.name();
            case SERVICE_MS -> Units.number(h.serviceMs());
            case WORKERS -> Units.number(h.workers());
            case CAPACITY -> Units.number(h.capacity());
            case TIMEOUT_MS -> h.policy() instanceof SendPolicy.Timeout t ? Units.number(t.millis()) : "";
            case CODEL -> h.codel() == null ? "" : h.codel().format();
            case DEMAND -> h.demand() == null ? "" : h.demand().format();
            case LIMIT -> h.limit() == null ? "" : h.limit().format();
        };
    }
}
