package dev.backflow.engine;

/**
 * Thrown by {@link ObservedQueue} when the other side has gone: a send after the receiver was
 * dropped, or a take from an empty queue after every sender finished.
 */
public final class QueueClosedException extends IllegalStateException {

    /** Which side closed. */
    public enum Side { RECEIVER_DROPPED, SENDERS_FINISHED }

    private final Side side;

    public QueueClosedException(Side side) {
        super(side == Side.RECEIVER_DROPPED ? "receiver dropped" : "all senders finished and the queue is empty");
        this.side = side;
    }

    public Side side() {
        return side;
    }
}
