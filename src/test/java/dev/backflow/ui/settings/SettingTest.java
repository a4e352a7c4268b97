package dev.backflow.ui.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500       | 500",
        "500ms     | 500",
        "500 ms    | 500",
        "2s        | 2000",
        "1.5 s     | 1500",
        "0         | 0",
        "250us     | 0.25",
        "5,000     | 5000",
    })
    void consumerDelayAcceptsMillisecondsAndSeconds(String text, double expected) {
        Setting.Parsed p = Setting.CONSUMER_DELAY.parse(text);
        assertTrue(p.ok(), p.problem());
        assertEquals(expected, p.value(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100/s     | 100",
        "0.1       | 0.1",
        "100_000   | 100000",
        "1e3       | 1000",
        "1k        | 1000",
        "1.5k/s    | 1500",
        "6000/min  | 100",
        "1,000 hz  | 1000",
    })
    void producerRateAcceptsPlainNumbersAndPerSecond(String text, double expected) {
        Setting.Parsed p = Setting.PRODUCER_RATE.parse(text);
        assertTrue(p.ok(), p.problem());
        assertEquals(expected, p.value(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-3        | capacity must be between 1 and 10,000 items; got -3",
        "10001     | capacity must be between 1 and 10,000 items; got 10001",
        "2.5       | capacity must be a whole number; got 2.5",
        "abc       | capacity must be a number (like 1000, 1,000 or 1k); got \"abc\"",
        "''        | capacity needs a number (like 1000, 1,000 or 1k)",
        "NaN       | capacity must be a number (like 1000, 1,000 or 1k); got \"NaN\"",
        "5 apples  | capacity: unknown unit \"apples\" in \"5 apples\"; expected a number (like 1000, 1,000 or 1k)",
        "1,5       | capacity must be a number (like 1000, 1,000 or 1k); got \"1,5\" (use a dot for decimals, and commas only to group thousands)",
    })
    void badCapacitiesAreRefusedWithAMessageThatSaysWhy(String text, String message) {
        Setting.Parsed p = Setting.CAPACITY.parse(text);
        assertFalse(p.ok());
        assertEquals(message, p.problem());
    }

    @Test
    void absurdAndNonFiniteValuesAreRefused() {
        assertFalse(Setting.PRODUCER_RATE.parse("1e400").ok());
        assertFalse(Setting.PRODUCER_RATE.parse("Infinity").ok());
        assertEquals("consumer delay must be between 0 and 5,000 ms; got 6s", Setting.CONSUMER_DELAY.parse("6s").problem());
        assertFalse(Setting.CONSUMER_DELAY.parse("5 items/s").ok(), "a rate unit is not a time");
    }

    @Test
    void slidersGiveRoundedValuesAcrossTheWholeRange() {
        Setting rate = Setting.PRODUCER_RATE;
        assertEquals(0.1, rate.valueAt(rate.scale().minPosition()), 1e-12);
        assertEquals(1_000_000, rate.valueAt(rate.scale().maxPosition()), 1e-9);
        assertEquals(120, rate.valueAt(rate.scale().toPosition(119.3)), 1e-9);
        Setting delay = Setting.CONSUMER_DELAY;
        assertEquals(0, delay.valueAt(delay.scale().minPosition()));
        assertEquals(5_000, delay.valueAt(delay.scale().maxPosition()), 1e-9);
        assertEquals(7, Setting.CAPACITY.valueAt(Setting.CAPACITY.scale().toPosition(7)));
    }

    @Test
    void logScaleRoundTrips() {
        LogScale s = new LogScale(0, 5_000, 1);
        for (double v : new double[] {0, 0.5, 1, 10, 499, 5_000}) {
            assertEquals(v, s.toValue(s.toPosition(v)), 1e-9);
        }
        assertEquals(5_000, s.toValue(99), "positions beyond the end clamp");
        assertEquals(0.00123, LogScale.roundSignificant(0.0012345, 3), 1e-12);
    }
}
