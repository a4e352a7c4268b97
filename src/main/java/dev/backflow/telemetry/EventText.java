package dev.backflow.telemetry;

import dev.backflow.units.Units;

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
            case TelemetryEvent.ReceiverDropped r -> r.producer();
            case TelemetryEvent.ProducerFinished f -> f.producer();
            case TelemetryEvent.RunEnded r -> 0;
        };
    }

    /** The event as one line a person reads. */
    public static String describe(TelemetryEvent e) {
        return switch (e) {
            case TelemetryEvent.Produced p -> "Produced " + p.sequence();
            case TelemetryEvent.Consumed c -> "Consumed " + c.sequence()
                    + " (waited " + millis(c.waitedNanos()) + " in the buffer)";
            case TelemetryEvent.ProducerParked p -> "Producer " + p.producer() + " parked: buffer full "
                    + p.fill() + "/" + p.capacity();
            case TelemetryEvent.ProducerUnparked u -> u.gotSpace()
                    ? "Producer " + u.producer() + " unparked after " + millis(u.parkedNanos())
                    : "Producer " + u.producer() + " gave up waiting after " + millis(u.parkedNanos());
            case TelemetryEvent.ConsumerParked c -> "Consumer " + c.consumer() + " idle: buffer empty";
            case TelemetryEvent.ConsumerUnparked c -> "Consumer " + c.consumer() + " woke after " + millis(c.parkedNanos());
            case TelemetryEvent.ItemRejected r -> "Rejected " + r.sequence() + ": buffer full, try later";
            case TelemetryEvent.ItemTimedOut t -> "Timed out " + t.sequence() + ": no space before the deadline";
            case TelemetryEvent.ItemDropped d -> d.oldest()
                    ? "Dropped " + d.sequence() + " (oldest) to make room"
                    : "Dropped " + d.sequence() + " (newest): buffer full";
            case TelemetryEvent.ReceiverDropped r -> "Producer " + r.producer() + ": receiver dropped";
            case TelemetryEvent.ProducerFinished f -> "Producer " + f.producer() + " finished";
            case TelemetryEvent.RunEnded r -> "Run ended: " + r.reason();
        };
    }

    private static String millis(long nanos) {
        return Units.millis(nanos / 1e6);
    }
}
