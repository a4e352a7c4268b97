package dev.backflow.ui.settings;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which workload boxes the window shows, without a toolkit. */
class WorkloadFormTest {

    private static WorkloadForm form(java.util.function.UnaryOperator<ExperimentConfig.Builder> edit) {
        return WorkloadForm.of(edit.apply(ExperimentConfig.DEFAULT.toBuilder()).build());
    }

    @Test
    void theDefaultShowsNoOptionalBox() {
        WorkloadForm f = form(b -> b);
        assertFalse(f.timeout());
        assertFalse(f.memory());
        assertNull(f.arrivalParam());
        assertFalse(f.serviceJitter());
        assertNull(f.runLength());
        assertTrue(f.policyHint().endsWith("."));
    }

    @Test
    void eachPolicyShowsTheBoxesThatMatterForIt() {
        assertTrue(form(b -> b.policy(SendPolicy.TIMEOUT)).timeout());
        assertFalse(form(b -> b.policy(SendPolicy.TIMEOUT)).memory());
        assertTrue(form(b -> b.policy(SendPolicy.UNBOUNDED)).memory());
        assertFalse(form(b -> b.policy(SendPolicy.REJECT)).timeout());
    }

    @Test
    void distributionsWithParametersGetTheirBox() {
        WorkloadForm bursty = form(b -> b.arrivals(Distribution.Bursty.DEFAULT));
        assertEquals(RunField.BURST, bursty.arrivalParam());
        assertEquals("Bursts", bursty.arrivalLabel());
        WorkloadForm jitter = form(b -> b.arrivals(Distribution.Uniform.DEFAULT).service(Distribution.Uniform.DEFAULT));
        assertEquals(RunField.ARRIVAL_JITTER, jitter.arrivalParam());
        assertEquals("Jitter", jitter.arrivalLabel());
        assertTrue(jitter.serviceJitter());
    }

    @Test
    void aFiniteRunShowsItsLengthWithTheRightUnit() {
        WorkloadForm items = form(b -> b.items(20));
        assertEquals(RunField.ITEMS, items.runLength());
        assertEquals("items", items.runLengthUnit());
        WorkloadForm duration = form(b -> b.durationSeconds(30));
        assertEquals(RunField.DURATION, duration.runLength());
        assertEquals("s", duration.runLengthUnit());
    }
}
