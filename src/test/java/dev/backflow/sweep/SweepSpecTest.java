package dev.backflow.sweep;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a sweep is asked: its axes, targets and cells, and one clear sentence for each mistake. */
class SweepSpecTest {

    private static final ExperimentConfig BASE = ExperimentConfig.DEFAULT;

    @Test
    void listsRangesAndLogRangesInTheSettingsUnits() {
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 22.0, 46.0, 100.0, 215.0, 464.0, 1000.0),
                Vary.parse("capacity=1..1000:log10", BASE).values(), "10 values a constant factor apart, rounded");
        assertEquals(List.of(50.0, 75.0, 100.0, 125.0, 150.0), Vary.parse("rate=50..150:5", BASE).values());
        assertEquals(10, Vary.parse("rate=50..150", BASE).values().size(), "a range without a count takes 10");
        assertEquals(List.of(2.0, 1000.0, 0.5), Vary.parse("consumer-delay=2ms,1s,0.5", BASE).values(), "units, ms if none");
        assertEquals(List.of(1.0, 2.0), Vary.parse("consumers=1..2:5", BASE).values(), "a count's values kept once");
        assertEquals("capacity=1..1000:log10", Vary.parse(" Capacity = 1..1000:log10 ", BASE).format());
    }

    @Test
    void aPipelinesStagesAreNamedByStage() {
        ExperimentConfig p = PipelineSpec.apply(BASE, "source 100/s | 8 block | parse 2ms x2 | 4 reject | store 5ms");
        ExperimentConfig c = Vary.parse("parse.workers=1,4", p).setting().at(p, 4);
        assertEquals(4, c.hops().getFirst().workers());
        assertEquals(16, Vary.parse("parse.capacity=16", p).setting().at(p, 16).hops().getFirst().capacity());
        assertEquals(3, Vary.parse("store.workers=3", p).setting().at(p, 3).consumers());
        assertEquals(9.0, Vary.parse("store.service=9ms", p).setting().at(p, 9).consumerDelayMs());
        assertEquals(7, Vary.parse("source.capacity=7", p).setting().at(p, 7).capacity());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "capcity=1..10; no setting called \"capcity\" (did you mean 'capacity'?)",
        "size=1..10; no setting called \"size\"",
        "capacity; a sweep varies NAME=VALUES",
        "capacity=; capacity: no values",
        "capacity=100..1; capacity: the range 100..1 is reversed; write it from the smaller end, 1..100",
        "capacity=5..5; capacity: the range 5..5 is empty",
        "capacity=1..10:1; capacity: a range takes 2 to 50 values; got 1",
        "capacity=1..10:99; capacity: a range takes 2 to 50 values; got 99",
        "consumer-delay=0..10ms:log4; consumer-delay: a log range starts above 0",
        "capacity=0..10; capacity must be between 1 and 10,000 items; got 0",
        "capacity=1..10:log; capacity: a range is FROM..TO, FROM..TO:N or FROM..TO:logN",
        "capacity=1...10; capacity: a range is FROM..TO",
        "capacity=1,,3; capacity: an empty value",
        "rate=fast; producer rate",
    })
    void mistakesSayWhatIsWrongInOneSentence(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vary.parse(spec, BASE));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void targetsReadTheirFiguresUnits() {
        List<Target> t = Target.parseAll("p99<=100ms, refused<=1%,throughput>=95/s,parked<0.5");
        assertEquals(Figure.P99, t.get(0).figure());
        assertEquals(100, t.get(0).value(), 1e-9);
        assertEquals(0.01, t.get(1).value(), 1e-12, "a share: 1% is 0.01");
        assertTrue(t.get(1).met(0.01) && !t.get(1).met(0.0101));
        assertTrue(t.get(2).met(95.0) && !t.get(2).met(94.9) && !t.get(2).met(null));
        assertTrue(t.get(3).strict() && !t.get(3).met(0.5));
        assertEquals(Figure.MEMORY, Target.parse("memory<=64MiB").figure());
        assertEquals(64.0 * (1 << 20), Target.parse("memory<=64MiB").value());
        assertTrue(Target.parseAll("").isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Target.parse("p9<=10ms")).getMessage()
                .contains("no figure called \"p9\" (did you mean 'p99'?)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Target.parse("p99 about 10ms")).getMessage()
                .startsWith("a target is FIGURE<=VALUE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Target.parse("p99<=10/s")).getMessage()
                .contains("p99"));
    }

    @Test
    void aSweepHasOneOrTwoDifferentAxesAndAtMostFourHundredCells() {
        Vary capacity = Vary.parse("capacity=1..20:20", BASE);
        Vary rate = Vary.parse("rate=1..100:20", BASE);
        assertEquals(400, new Sweep(BASE, List.of(capacity, rate), 1, List.of()).cells().size());
        Vary rate21 = Vary.parse("rate=1..100:21", BASE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep(BASE, List.of(capacity, rate21), 1, List.of()))
                .getMessage().contains("at most 400 cells; got 420 (20 × 21)"));
        assertThrows(IllegalArgumentException.class, () -> new Sweep(BASE, List.of(capacity, capacity), 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sweep(BASE, List.of(), 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sweep(BASE, List.of(rate), 0.1, List.of()));
    }

    @Test
    void cellsRunTheFirstAxisFastestEachForTheCellLengthOnTheBasesSeed() {
        ExperimentConfig base = BASE.toBuilder().items(20).seed(7).build();
        Sweep s = new Sweep(base, List.of(Vary.parse("capacity=1,5", base), Vary.parse("consumers=1,2,3", base)), 2, List.of());
        List<Cell> cells = s.cells();
        assertEquals(6, cells.size());
        assertEquals(5.0, cells.get(1).x());
        assertEquals(1.0, cells.get(1).y());
        assertEquals(2.0, cells.get(2).y());
        ExperimentConfig c = cells.get(5).config();
        assertEquals(5, c.capacity());
        assertEquals(3, c.consumers());
        assertEquals(2.0, c.durationSeconds());
        assertEquals(0, c.items(), "a cell runs for its length, not the base's item count");
        assertEquals(7, c.seed());
    }
}
