package dev.backflow.ui.settings;

import dev.backflow.engine.Engine;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's rules, without a toolkit. */
class MainViewModelTest {

    private final Engine engine = new Engine(ExperimentConfig.DEFAULT);
    private final MainViewModel vm = new MainViewModel(engine);

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void typedValuesReachTheEngineAtOnce() {
        assertTrue(vm.submit(Setting.CAPACITY, "12"));
        assertTrue(vm.submit(Setting.PRODUCER_RATE, "250/s"));
        assertTrue(vm.submit(Setting.CONSUMER_DELAY, "1.5s"));
        assertEquals(new ExperimentConfig(12, 250, 1500, 1, 1), engine.config());
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void aShortfallIsNamedOnlyWhenItIsTheMachinesNotBackpressure() {
        assertEquals("Producers offer 412,000 items/s of the 1,000,000/s set (41 %): the most this machine manages now. "
                + "The counters show what was achieved.", RunFigures.shortfall(1_000_000, 412_000, 0, false));
        assertEquals("", RunFigures.shortfall(1_000_000, 960_000, 0, false), "within 5 %");
        assertEquals("", RunFigures.shortfall(1_000, 20, 0.99, false), "held back by a full buffer: backpressure");
        assertEquals("", RunFigures.shortfall(1_000, 300, 0, true), "bursty arrivals average below their burst rate");
    }

    @Test
    void sliderChangesReachTheEngineAtOnce() {
        vm.valueOf(Setting.PRODUCER_RATE).set(1);
        assertEquals(1, engine.config().producerRate());
    }

    @Test
    void anInvalidEntryKeepsTheOldValueAndSaysWhy() {
        assertFalse(vm.submit(Setting.CAPACITY, "-3"));
        assertEquals("Capacity must be between 1 and 10,000 items; got -3. The previous value is kept.",
                vm.messageProperty().get());
        assertEquals(5, engine.config().capacity());
        assertEquals(5, vm.valueOf(Setting.CAPACITY).get());
        assertTrue(vm.submit(Setting.CAPACITY, "6"));
        assertEquals("", vm.messageProperty().get(), "a good entry clears the message");
    }

    @Test
    void theStartButtonFollowsTheLifecycle() {
        assertEquals("Start", vm.startLabelProperty().get());
        assertFalse(vm.canStopProperty().get());
        vm.startOrPause();
        assertEquals(Engine.State.RUNNING, vm.stateProperty().get());
        assertEquals("Pause", vm.startLabelProperty().get());
        assertTrue(vm.canStopProperty().get());
        vm.startOrPause();
        assertEquals("Resume", vm.startLabelProperty().get());
        vm.stop();
        assertEquals("Start", vm.startLabelProperty().get());
        assertFalse(vm.canStopProperty().get());
        assertTrue(vm.canResetProperty().get());
        vm.reset();
        assertEquals(Engine.State.IDLE, vm.stateProperty().get());
        assertFalse(vm.canResetProperty().get());
    }

    /**
     * The periodic refresh leaves the counters panel's texts alone while it cannot be seen (each
     * change costs a layout); the tool bar's elapsed time and lost events follow regardless, and
     * a full refresh (a new run, a new state, the run's end) shows everything.
     */
    @Test
    void unseenCountersKeepTheirTextsUntilSeenOrAFullRefresh() {
        boolean[] seen = {false};
        vm.figures().countersSeenWhen(() -> seen[0]);
        Counts c = Counts.builder().runId(1).atNanos(3_000_000_000L).producers(1).consumers(1)
                .fill(2).capacity(5).offered(40).produced(40).taken(30).consumed(30).eventsLost(2).build();
        Snapshot s = new Snapshot(c, 3.0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, Double.NaN, Snapshot.WaitPercentiles.NONE);
        vm.refreshSeen(s);
        assertEquals("0", vm.figures().producedProperty().get(), "not seen: not changed");
        assertEquals("3.0 s", vm.figures().elapsedProperty().get(), "the tool bar's time follows");
        assertEquals("2", vm.figures().eventsLostProperty().get());
        seen[0] = true;
        vm.refreshSeen(s);
        assertEquals("40", vm.figures().producedProperty().get(), "seen: shown");
        seen[0] = false;
        Counts later = Counts.builder().runId(1).atNanos(4_000_000_000L).producers(1).consumers(1)
                .fill(0).capacity(5).offered(50).produced(50).taken(50).consumed(50).build();
        vm.refresh(new Snapshot(later, 4.0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, Double.NaN, Snapshot.WaitPercentiles.NONE));
        assertEquals("50", vm.figures().consumedProperty().get(), "a full refresh shows them, seen or not");
    }

    @Test
    void countersShowTheSnapshotInPlainWords() {
        Counts c = Counts.builder().runId(1).atNanos(2_000_000_000L).producers(1).consumers(1)
                .fill(5).capacity(5).maxFill(5).offered(1_235).produced(1_234).taken(20).consumed(19).sending(1)
                .producerParks(18).producerParkedNanos(1_960_000_000L).producersParked(1)
                .memoryBytes(5 * 1024).memoryBudgetBytes(1 << 28).eventsLost(3).build();
        vm.refresh(new Snapshot(c, 2.0, 100, 2, 2, 0, 0, 0, 0.98, 1.0, 0, 4.9, 5, 0, Double.NaN,
                Snapshot.WaitPercentiles.NONE));
        assertEquals("1,234", vm.figures().producedProperty().get());
        assertEquals("19", vm.figures().consumedProperty().get());
        assertEquals("5 / 5", vm.figures().inBufferProperty().get());
        assertEquals("18", vm.figures().parksProperty().get());
        assertEquals("98.0 %", vm.figures().parkedShareProperty().get());
        assertEquals("100.0 %", vm.figures().recentParkedShareProperty().get());
        assertEquals("100 /s", vm.figures().producedRateProperty().get());
        assertEquals("2.0 /s", vm.figures().consumedRateProperty().get());
        assertEquals("3", vm.figures().eventsLostProperty().get());
        assertTrue(vm.figures().eventsWereLostProperty().get());
        assertEquals("2.0 s", vm.figures().elapsedProperty().get());

        vm.refresh(null);
        assertEquals("0", vm.figures().producedProperty().get());
        assertFalse(vm.figures().eventsWereLostProperty().get());
    }

    @Test
    void applyingAPresetPushesOneWholeConfigAndNeverAMixOfOldAndNew() {
        java.util.List<ExperimentConfig> seen = new java.util.ArrayList<>();
        vm.draftProperty().addListener((o, a, b) -> seen.add(b));
        ExperimentConfig next = new ExperimentConfig(9, 7, 3, 2, 2);
        vm.apply(next);
        assertEquals(java.util.List.of(next), seen, "one change, with every setting new");
        assertEquals(next, engine.config());
        assertEquals(9, vm.valueOf(Setting.CAPACITY).get());
        assertEquals(7, vm.valueOf(Setting.PRODUCER_RATE).get());
        assertEquals(3, vm.valueOf(Setting.CONSUMER_DELAY).get());
    }

    @Test
    void aSliderChangeKeepsEveryOtherSetting() {
        vm.apply(ExperimentConfig.DEFAULT.toBuilder().producers(4).seed(7).build());
        vm.valueOf(Setting.PRODUCER_RATE).set(250);
        assertEquals(ExperimentConfig.DEFAULT.toBuilder().producers(4).seed(7).producerRate(250).build(), engine.config());
    }

    @Test
    void stagesAreAddedEditedMovedAndRemovedThroughTheViewModel() {
        assertTrue(vm.addHop());
        assertTrue(vm.addHop());
        assertEquals(java.util.List.of("stage 1", "stage 2"), engine.config().hops().stream().map(dev.backflow.engine.Hop::name).toList());
        assertTrue(vm.submitHop(0, HopField.NAME, "parse"));
        assertTrue(vm.submitHop(0, HopField.SERVICE_MS, "2s"));
        assertTrue(vm.submitHop(0, HopField.WORKERS, "4"));
        assertTrue(vm.submitHop(0, HopField.CAPACITY, "1k"));
        assertTrue(vm.chooseHopPolicy(0, dev.backflow.engine.SendPolicy.REJECT));
        dev.backflow.engine.Hop parse = engine.config().hops().getFirst();
        assertEquals(new dev.backflow.engine.Hop("parse", 4, 2000, new dev.backflow.engine.Distribution.Constant(), 1000,
                dev.backflow.engine.SendPolicy.REJECT), parse);
        assertEquals("2,000", vm.showHop(0, HopField.SERVICE_MS));
        assertTrue(vm.chooseHopCoupled(0, false));
        assertFalse(engine.config().hops().getFirst().coupled(), "decoupled, and every other setting kept");
        assertEquals("parse", engine.config().hops().getFirst().name());
        assertTrue(vm.chooseHopCoupled(0, true));
        assertTrue(vm.moveHop(0, +1));
        assertEquals("parse", engine.config().hops().get(1).name());
        assertFalse(vm.moveHop(1, +1), "the last stage cannot move further down");
        assertTrue(vm.removeHop(0));
        assertEquals(java.util.List.of(parse), engine.config().hops());
    }

    @Test
    void badStageValuesAreRefusedWithAMessageAndNothingChanges() {
        assertTrue(vm.addHop());
        ExperimentConfig before = engine.config();
        assertFalse(vm.submitHop(0, HopField.CAPACITY, "0"));
        assertEquals("Capacity must be between 1 and 10,000 items; got 0. The previous value is kept.", vm.messageProperty().get());
        assertFalse(vm.submitHop(0, HopField.NAME, " "));
        assertFalse(vm.submitHop(0, HopField.SERVICE_MS, "10 parsecs"));
        assertEquals(before, engine.config());
        for (int i = 2; i < ExperimentConfig.MAX_LINKS; i++) {
            assertTrue(vm.addHop());
        }
        assertFalse(vm.addHop(), "at most 8 links");
        assertEquals("A pipeline has at most 8 links.", vm.messageProperty().get());
    }
}
