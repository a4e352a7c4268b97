package dev.backflow.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartPresenterTest {

    @Test
    void axisLabelsAvoidScientificNotation() {
        assertEquals("0", ChartPresenter.COMPACT.toString(0));
        assertEquals("0.25", ChartPresenter.COMPACT.toString(0.25));
        assertEquals("2.5", ChartPresenter.COMPACT.toString(2.5));
        assertEquals("5", ChartPresenter.COMPACT.toString(5.0));
        assertEquals("1,500", ChartPresenter.COMPACT.toString(1500));
        assertEquals("150k", ChartPresenter.COMPACT.toString(150_000));
        assertEquals("2.5M", ChartPresenter.COMPACT.toString(2_500_000));
    }

    @Test
    void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, ChartPresenter.niceCeiling(0.3));
        assertEquals(2, ChartPresenter.niceCeiling(1.2));
        assertEquals(50, ChartPresenter.niceCeiling(23));
        assertEquals(100, ChartPresenter.niceCeiling(51));
    }
}
