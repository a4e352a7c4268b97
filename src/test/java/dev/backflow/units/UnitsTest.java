package dev.backflow.units;

import dev.backflow.units.Units.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table of examples in docs/cli.md, "One grammar for numbers and units", row by row. */
class UnitsTest {

    @ParameterizedTest(name = "{0} as {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "5           | ITEMS        | 5",
        "1,000       | ITEMS        | 1000",
        "1_000       | ITEMS        | 1000",
        "1k          | ITEMS        | 1000",
        "2.5M        | ITEMS        | 2500000",
        "1e3         | ITEMS        | 1000",
        "100         | PER_SECOND   | 100",
        "100/s       | PER_SECOND   | 100",
        "1.5k/s      | PER_SECOND   | 1500",
        "6000/min    | PER_SECOND   | 100",
        "3600/h      | PER_SECOND   | 1",
        "20 hz       | PER_SECOND   | 20",
        "500         | MILLISECONDS | 500",
        "500ms       | MILLISECONDS | 500",
        "2s          | MILLISECONDS | 2000",
        "250us       | MILLISECONDS | 0.25",
        "1.5m        | MILLISECONDS | 90000",
        "30          | SECONDS      | 30",
        "1.5m        | SECONDS      | 90",
        "1h          | SECONDS      | 3600",
        "500ms       | SECONDS      | 0.5",
        "1024        | BYTES        | 1024",
        "1KiB        | BYTES        | 1024",
        "4 KiB       | BYTES        | 4096",
        "256MiB      | BYTES        | 268435456",
        "1GB         | BYTES        | 1000000000",
        "1k          | BYTES        | 1000",
        "512         | MEBIBYTES    | 512",
        "1GiB        | MEBIBYTES    | 1024",
        "0.2         | FRACTION     | 0.2",
        "20%         | FRACTION     | 0.2",
        "20          | PERCENT      | 20",
        "20 %        | PERCENT      | 20",
    })
    void readsEveryExampleOfTheGrammar(String text, Unit unit, double expected) {
        assertEquals(expected, Units.parse(text, unit, "value"), 1e-9);
    }

    @ParameterizedTest(name = "{0} as {1} is refused")
    @CsvSource(delimiter = '|', value = {
        "abc         | ITEMS        | value must be a number (like 1000, 1,000 or 1k); got \"abc\"",
        "1,5         | ITEMS        | value must be a number (like 1000, 1,000 or 1k); got \"1,5\" (use a dot for decimals, and commas only to group thousands)",
        "5m          | ITEMS        | value: unknown unit \"m\" in \"5m\"; expected a number (like 1000, 1,000 or 1k)",
        "5 ms        | PER_SECOND   | value: unknown unit \"ms\" in \"5 ms\"; expected a rate (like 100, 100/s or 6000/min)",
        "5/s         | MILLISECONDS | value: unknown unit \"/s\" in \"5/s\"; expected a duration (like 500ms, 2s or 1.5m)",
        "1e400       | ITEMS        | value must be a finite number; got \"1e400\"",
        "Infinity    | ITEMS        | value must be a number (like 1000, 1,000 or 1k); got \"Infinity\"",
        "''          | SECONDS      | value needs a duration (like 500ms, 2s or 1.5m)",
        ".           | ITEMS        | value must be a number (like 1000, 1,000 or 1k); got \".\"",
    })
    void refusesWithAMessageThatSaysWhy(String text, Unit unit, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parse(text, unit, "value"));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Unit.class)
    void whatItFormatsItReadsBack(Unit unit) {
        for (double v : new double[] {0, 0.25, 1, 20, 1_000, 123_456.5}) {
            String text = Units.format(v, unit);
            assertEquals(v, Units.parse(text, unit, "value"), 1e-9, text);
            assertTrue(!text.contains(","), "no grouping commas, so it is safe in lists: " + text);
        }
    }

    @Test
    void readoutsUseOneCutOffAndReadableSizes() {
        assertEquals("2.50 ms", Units.millis(2.5));
        assertEquals("99.99 ms", Units.millis(99.99));
        assertEquals("100 ms", Units.millis(100));
        assertEquals("2,500 ms", Units.millis(2_500));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("256.0 MiB", Units.bytes(256L << 20));
        assertEquals("10,000", Units.number(10_000));
        assertEquals("Receiver dropped", Units.capitalize("receiver dropped"));
        assertEquals("", Units.capitalize(""));
    }
}
