package dev.backflow.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartPresenterTest {

    @Test
    void axisLabelsAvoidScientificNotation() {
        assertEquals("0", Charts.COMPACT.toString(0));
        assertEquals("0.25", Charts.COMPACT.toString(0.25));
        assertEquals("2.5", Charts.COMPACT.toString(2.5));
        assertEquals("5", Charts.COMPACT.toString(5.0));
        assertEquals("1,500", Charts.COMPACT.toString(1500));
        assertEquals("150k", Charts.COMPACT.toString(150_000));
        assertEquals("2.5M", Charts.COMPACT.toString(2_500_000));
    }

    @Test
    void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Charts.niceCeiling(0.3));
        assertEquals(2, Charts.niceCeiling(1.2));
        assertEquals(50, Charts.niceCeiling(23));
        assertEquals(100, Charts.niceCeiling(51));
    }
}
