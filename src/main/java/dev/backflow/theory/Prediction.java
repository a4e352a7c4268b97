package dev.backflow.theory;

/**
 * What queueing theory predicts for one set of settings, under the names the measured figures
 * have in the JSON summary. A figure the model does not predict is null.
 *
 * @param model               the model, like {@code M/M/1/6} or {@code G/G/2/K (approx.)}
 * @param exact               true if the model is exact for these settings, false for an
 *                            approximation (or no steady state)
 * @param utilisation         share of the consumers' time busy
 * @param meanFill            mean items in the buffer
 * @param fullProbability     the probability a send finds the buffer full: the share refused,
 *                            dropped or timed out, or under block the share of sends that park
 * @param throughputPerSecond items consumed per second
 * @param queueWaitMillis     mean time an item waits in the buffer, ms
 * @param secondsToBudget     for an unbounded buffer with no steady state, seconds from empty
 *                            until the queued items exceed the memory budget; else null
 * @param note                one sentence on what the model assumes or why there is none
 */
public record Prediction(String model, boolean exact, Double utilisation, Double meanFill, Double fullProbability,
                         Double throughputPerSecond, Double queueWaitMillis, Double secondsToBudget, String note) {

    /** No prediction, and why. */
    static Prediction none(String model, String note) {
        return new Prediction(model, false, null, null, null, null, null, null, note);
    }
}
