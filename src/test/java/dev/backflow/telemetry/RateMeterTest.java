package dev.backflow.telemetry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateMeterTest {

    private static final long S = 1_000_000_000L;

    @Test
    void rateIsTheIncreaseOverTheWindow() {
        RateMeter m = new RateMeter(S, 200);
        assertEquals(0, m.rate());
        // 100 items/s for 3 s, sampled at 60 Hz.
        for (int i = 0; i <= 180; i++) {
            long t = i * S / 60;
            m.add(t, 100.0 * t / S);
        }
        assertEquals(100, m.rate(), 1e-6);
    }

    @Test
    void aRateChangeShowsAfterOneWindow() {
        RateMeter m = new RateMeter(S, 200);
        double count = 0;
        for (int i = 0; i <= 60; i++) {
            m.add(i * S / 60, count);
            count += 10;        // 600 items/s
        }
        for (int i = 61; i <= 130; i++) {
            m.add(i * S / 60, count);
            count += 1;         // 60 items/s
        }
        assertEquals(60, m.rate(), 1.0);
    }

    @Test
    void aRateIsTrueBeforeAWholeWindowHasPassed() {
        RateMeter m = new RateMeter(3 * S, 200);
        m.add(0, 0);
        m.add(S / 2, 1);   // one item consumed in the first half second
        assertEquals(2, m.rate(), 1e-9, "2 per second, not 1 item / 3 s");
        m.add(S, 2);
        assertEquals(2, m.rate(), 1e-9);
        m.add(2 * S, 4);
        assertEquals(2, m.rate(), 1e-9, "steady from the start: no ramp");
    }

    @Test
    void clearForgetsHistory() {
        RateMeter m = new RateMeter(S, 10);
        m.add(0, 0);
        m.add(S, 100);
        m.clear();
        m.add(2 * S, 100);
        assertEquals(0, m.rate());
    }
}
