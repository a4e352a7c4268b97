package dev.backflow.telemetry;

import dev.backflow.units.Units;

import java.util.List;

/** Says what an event means in the tutorials' voice ("Produced 5", "Producer 1 parked: buffer full 5/5"). */
public final class EventText {

    private EventText() {
    }

    /** The kind of an event as a short lower-case word, for filters and CSV. */
    public static String kind(TelemetryEvent e) {
        return switch (e) {
            case TelemetryEvent.Produced p -> "produced";
            case TelemetryEvent.Consumed c -> "consumed";
            case TelemetryEvent.ProducerParked p -> "parked";
            case TelemetryEvent.ProducerUnparked u -> "unparked";
            case TelemetryEvent.ConsumerParked c -> "consumer-idle";
            case TelemetryEvent.ConsumerUnparked c -> "consumer-woke";
            case TelemetryEvent.ItemRejected r -> "rejected";
            case TelemetryEvent.ItemTimedOut t -> "timed-out";
            case TelemetryEvent.ItemDropped d -> "dropped";
            case TelemetryEvent.ItemShed d -> "shed";
            case TelemetryEvent.ItemLimited d -> "limited";
            case TelemetryEvent.DemandRequested d -> "requested";
            case TelemetryEvent.ReceiverDropped r -> "receiver-dropped";
            case TelemetryEvent.ProducerFinished f -> "finished";
            case TelemetryEvent.RunEnded r -> "run-ended";
        };
    }

    /** The worker an event concerns (0 if none). */
    public static int worker(TelemetryEvent e) {
        return switch (e) {
            case TelemetryEvent.Produced p -> p.producer();
            case TelemetryEvent.Consumed c -> c.consumer();
            case TelemetryEvent.ProducerParked p -> p.producer();
            case TelemetryEvent.ProducerUnparked u -> u.producer();
            case TelemetryEvent.ConsumerParked c -> c.consumer();
            case TelemetryEvent.ConsumerUnparked c -> c.consumer();
            case TelemetryEvent.ItemRejected r -> r.producer();
            case TelemetryEvent.ItemTimedOut t -> t.producer();
            case TelemetryEvent.ItemDropped d -> d.producer();
            case TelemetryEvent.ItemShed d -> d.taker();
            case TelemetryEvent.ItemLimited d -> d.producer();
            case TelemetryEvent.DemandRequested d -> d.taker();
            case TelemetryEvent.ReceiverDropped r -> r.producer();
            case TelemetryEvent.ProducerFinished f -> f.producer();
            case TelemetryEvent.RunEnded r -> 0;
        };
    }

    /** The link an event concerns (0: next to the source), or -1 for run-wide events. */
    public static int link(TelemetryEvent e) {
        return switch (e) {
            case TelemetryEvent.Produced p -> p.link();
            case TelemetryEvent.Consumed c -> c.link();
            case TelemetryEvent.ProducerParked p -> p.link();
            case TelemetryEvent.ProducerUnparked u -> u.link();
            case TelemetryEvent.ConsumerParked c -> c.link();
            case TelemetryEvent.ConsumerUnparked c -> c.link();
            case TelemetryEvent.ItemRejected r -> r.link();
            case TelemetryEvent.ItemTimedOut t -> t.link();
            case TelemetryEvent.ItemDropped d -> d.link();
            case TelemetryEvent.ItemShed d -> d.link();
            case TelemetryEvent.ItemLimited d -> d.link();
            case TelemetryEvent.DemandRequested d -> d.link();
            case TelemetryEvent.ReceiverDropped r -> -1;
            case TelemetryEvent.ProducerFinished f -> -1;
            case TelemetryEvent.RunEnded r -> -1;
        };
    }

    /** The event as one line a person reads, in a classic run's words (producers, the buffer). */
    public static String describe(TelemetryEvent e) {
        return describe(e, List.of());
    }

    /**
     * The event as one line a person reads. With the stage names of a pipeline (source first,
     * more than two), workers are named by their stage ("Transform 2 parked: link 2 full 5/5");
     * otherwise in a classic run's words ("Producer 1 parked: buffer full 5/5").
     */
    public static String describe(TelemetryEvent e, List<String> stageNames) {
        int link = link(e);
        boolean chain = stageNames.size() > 2 && link >= 0 && link + 1 < stageNames.size();
        String sender = chain ? stageNames.get(link) + " " : "Producer ";
        String taker = chain ? stageNames.get(link + 1) + " " : "Consumer ";
        String buffer = chain ? "link " + (link + 1) : "buffer";
        String in = chain ? " in link " + (link + 1) : " in the buffer";
        return Units.capitalize(switch (e) {
            case TelemetryEvent.Produced p -> chain ? sender + p.producer() + " sent " + p.sequence() + " into " + buffer
                    : "Produced " + p.sequence();
            case TelemetryEvent.Consumed c -> "Consumed " + c.sequence() + " (waited " + millis(c.waitedNanos()) + in + ")";
            case TelemetryEvent.ProducerParked p -> sender + p.producer() + " parked: " + buffer + " full "
                    + p.fill() + "/" + p.capacity();
            case TelemetryEvent.ProducerUnparked u -> u.gotSpace()
                    ? sender + u.producer() + " unparked after " + millis(u.parkedNanos())
                    : sender + u.producer() + " gave up waiting after " + millis(u.parkedNanos());
            case TelemetryEvent.ConsumerParked c -> taker + c.consumer() + " idle: " + buffer + " empty";
            case TelemetryEvent.ConsumerUnparked c -> taker + c.consumer() + " woke after " + millis(c.parkedNanos());
            case TelemetryEvent.ItemRejected r -> "Rejected " + r.sequence() + ": " + buffer + " full, try later";
            case TelemetryEvent.ItemTimedOut t -> "Timed out " + t.sequence() + ": no space" + (chain ? " in " + buffer : "")
                    + " before the deadline";
            case TelemetryEvent.ItemDropped d -> d.oldest()
                    ? "Dropped " + d.sequence() + " (oldest" + (chain ? ", " + buffer : "") + ") to make room"
                    : "Dropped " + d.sequence() + " (newest): " + buffer + " full";
            case TelemetryEvent.ItemShed d -> "Shed " + d.sequence() + " by CoDel after " + millis(d.sojournNanos()) + in;
            case TelemetryEvent.ItemLimited d -> "Refused " + d.sequence() + " by the " + (chain ? stageNames.get(link + 1) + "'s " : "")
                    + "limit: " + d.limit() + " in flight";
            case TelemetryEvent.DemandRequested d -> (chain ? stageNames.get(link + 1) + " requested " : "Consumers requested ")
                    + d.n() + " more (request(" + d.n() + ")): " + d.outstanding() + " outstanding demand" + (chain ? " on " + buffer : "");
            case TelemetryEvent.ReceiverDropped r -> "Producer " + r.producer() + ": receiver dropped";
            case TelemetryEvent.ProducerFinished f -> "Producer " + f.producer() + " finished";
            case TelemetryEvent.RunEnded r -> "Run ended: " + r.reason();
        });
    }

    private static String millis(long nanos) {
        return Units.millis(nanos / 1e6);
    }
}
