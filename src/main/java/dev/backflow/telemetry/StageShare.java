package dev.backflow.telemetry;

/**
 * What one stage's workers did over about the last second, as shares that sum to 1, in Flink's
 * vocabulary: busy (working on an item), idle (waiting for input; the source: for its next
 * arrival) and backpressured (parked on a full output link).
 */
public record StageShare(String name, double busy, double idle, double backpressured) {

    /** What the stage mostly did. */
    public enum State { BUSY, IDLE, BACKPRESSURED }

    /** The largest of the three shares (backpressure wins a tie: it is what Backflow is about). */
    public State dominant() {
        if (backpressured >= busy && backpressured >= idle) {
            return State.BACKPRESSURED;
        }
        return busy >= idle ? State.BUSY : State.IDLE;
    }
}
