package dev.backflow.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time axis' view: live, zoomed, panned, and where the run's history must fill in. */
class TimeViewTest {

    @Test
    void liveFollowsTheRunAndAZoomOrPanFreezesWithinTheRun() {
        TimeView v = new TimeView();
        assertArrayEquals(new double[] {0, 30}, v.range(10, 30), 1e-9, "a short run: the first window");
        assertArrayEquals(new double[] {170, 200}, v.range(200, 30), 1e-9, "later: the last 30 s");
        v.zoom(0.5, 185, v.range(200, 30), 200);
        assertFalse(v.isLive());
        assertArrayEquals(new double[] {177.5, 192.5}, v.range(250, 30), 1e-9, "around the pointer; stays put as the run goes on");
        v.pan(-1_000, v.range(250, 30), 250);
        assertArrayEquals(new double[] {0, 15}, v.range(250, 30), 1e-9, "back to the run's start, no further");
        v.pan(1_000, v.range(250, 30), 250);
        assertArrayEquals(new double[] {235, 250}, v.range(250, 30), 1e-9, "forward to now, no further");
        v.backToLive();
        assertTrue(v.isLive());
    }

    @Test
    void historyFillsInOnlyWhereTheLiveSeriesNoLongerReach() {
        TimeView v = new TimeView();
        assertFalse(v.needsHistory(new double[] {0, 30}, 90), "live: never");
        v.pan(-100, v.range(200, 30), 200);
        double[] shown = v.range(200, 30);
        assertTrue(v.needsHistory(shown, 80), "looking at " + shown[0] + " s while the series start at 80 s");
        assertFalse(v.needsHistory(shown, shown[0] + 0.2), "the series reach back far enough");
    }
}
