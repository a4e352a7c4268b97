package dev.backflow.ui.settings;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;

/**
 * Which workload boxes matter for a config, and how they are labelled: the window's rules as a
 * value, so they are tested without a toolkit. The workload part of the window shows exactly
 * this.
 *
 * @param policyHint     what the chosen policy does, as a sentence
 * @param timeout        the send deadline box matters (TIMEOUT)
 * @param memory         the item size and memory budget boxes matter (UNBOUNDED)
 * @param arrivalParam   the box for the arrivals' parameters, or null when they have none
 * @param arrivalLabel   its label
 * @param arrivalTooltip what to type there
 * @param serviceJitter  the service times' jitter box matters (uniform)
 * @param runLength      the box for the run length (ITEMS or DURATION), or null until stopped
 * @param runLengthLabel its label
 * @param runLengthUnit  the unit shown beside it
 */
record WorkloadForm(String policyHint, boolean timeout, boolean memory, RunField arrivalParam, String arrivalLabel,
                    String arrivalTooltip, boolean serviceJitter, RunField runLength, String runLengthLabel,
                    String runLengthUnit) {

    static WorkloadForm of(ExperimentConfig c) {
        RunField arrival = switch (c.arrivals()) {
            case Distribution.Uniform u -> RunField.ARRIVAL_JITTER;
            case Distribution.Bursty b -> RunField.BURST;
            case Distribution.Constant k -> null;
            case Distribution.Exponential e -> null;
        };
        RunField length = c.items() > 0 ? RunField.ITEMS : c.durationSeconds() > 0 ? RunField.DURATION : null;
        return new WorkloadForm(c.policy().description() + ".",
                c.policy() instanceof SendPolicy.Timeout,
                !c.policy().bounded(),
                arrival,
                arrival == RunField.BURST ? "Bursts" : arrival == null ? "" : "Jitter",
                arrival == RunField.BURST
                        ? "Rate during a burst (all producers), burst length, idle length: 1000/s, 200ms, 800ms.\n"
                        + "The producer rate slider is not used."
                        : "How far each gap may stray from the mean, in percent (20 means ±20 %).",
                c.service() instanceof Distribution.Uniform,
                length,
                length == RunField.ITEMS ? "Items" : length == null ? "" : "Duration",
                length == RunField.ITEMS ? "items" : length == null ? "" : "s");
    }
}
