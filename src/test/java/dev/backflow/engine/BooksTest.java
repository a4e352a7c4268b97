package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The books are a pure function of the links' and stages' counters: no threads, no clock. */
class BooksTest {

    private static final long S = 1_000_000_000L;

    /**
     * source → [reject, 4] → parse (coupled) → [drop-oldest, 3] → sink. The source offered 20:
     * 4 refused at link 1 (rejections), 16 entered; parse took 15 and sent 13 on (2 in service);
     * link 2 took 11 in, evicted 1 and refused 2 (drops), so it holds 1; the sink took 9 and
     * finished 8 (1 in service).
     */
    private static Books twoLinks(RunOutcome outcome) {
        QueueStats first = QueueStats.builder().atNanos(5 * S).capacity(4).fill(1).maxFill(4).attempts(20).puts(16)
                .takes(15).refused(4).producerParks(0).consumerWaitingNanos(S / 2).build();
        QueueStats second = QueueStats.builder().atNanos(5 * S).capacity(3).fill(1).maxFill(3).attempts(13).puts(11)
                .takes(9).refused(2).evicted(1).producerParks(2).producerParkedNanos(S / 4).build();
        List<Books.LinkBooks> links = List.of(new Books.LinkBooks(SendPolicy.REJECT, first, S),
                new Books.LinkBooks(SendPolicy.DROP_OLDEST, second, 2 * S));
        List<Books.StageBooks> stages = List.of(new Books.StageBooks("source", 2, 20, 10 * S, true),
                new Books.StageBooks("parse", 3, 15, 12 * S, true),
                new Books.StageBooks("sink", 1, 8, 5 * S, true));
        return new Books(7, 0, 5 * S, outcome, links, stages, 8, 1080, 1 << 20, 3);
    }

    @Test
    void theBooksBalanceAndEachStageHoldsWhatItTookAndDidNotPassOn() {
        Counts c = twoLinks(null).counts();
        assertEquals(0, c.unaccounted(), c::toString);
        assertEquals(20, c.offered());
        assertEquals(16, c.produced());
        assertEquals(4, c.rejected(), "reject's refusals are rejections");
        assertEquals(3, c.dropped(), "drop-oldest's refusals and evictions are drops");
        assertEquals(2, c.fill());
        assertEquals(7, c.capacity());
        assertEquals(7, c.maxFill(), "the sum of the links' own peaks");
        assertEquals(List.of(0L, 2L, 1L), c.stages().stream().map(s -> s.inService()).toList());
        assertEquals(8 + 2 + 1, c.taken());
        assertEquals(S / 4, c.stages().get(1).backpressuredNanos(), "a coupled stage waits on its output");
        assertEquals(2 * S, c.consumerParkedNanos(), "the sink's idle time is its input link's");
        assertEquals(2 * 1080L, c.memoryBytes());
        assertEquals(3, c.eventsLost());
        assertEquals(RunOutcome.COMPLETED, twoLinks(RunOutcome.COMPLETED).counts().outcome());
    }

    @Test
    void anUnboundedLinkMakesTheWholeCapacityUnboundedAndADecoupledStageNeverParks() {
        QueueStats a = QueueStats.builder().capacity(ObservedQueue.UNBOUNDED).attempts(5).puts(5).takes(5).build();
        QueueStats b = QueueStats.builder().capacity(8).attempts(5).puts(5).takes(5).producerParkedNanos(S).build();
        Books books = new Books(1, 0, S, null,
                List.of(new Books.LinkBooks(SendPolicy.UNBOUNDED, a, 0), new Books.LinkBooks(SendPolicy.BLOCK, b, 0)),
                List.of(new Books.StageBooks("s", 1, 5, S, true), new Books.StageBooks("m", 1, 5, S, false),
                        new Books.StageBooks("k", 1, 5, S, true)), 5, 1, 1, 0);
        Counts c = books.counts();
        assertEquals(Integer.MAX_VALUE, c.capacity());
        assertEquals(0, c.stages().get(1).backpressuredNanos(), "its writer waits, not its workers");
        assertEquals(0, c.unaccounted());
    }

    @Test
    void aRunHasOneStageMoreThanLinks() {
        QueueStats q = QueueStats.builder().capacity(1).build();
        assertThrows(IllegalArgumentException.class, () -> new Books(1, 0, 0, null,
                List.of(new Books.LinkBooks(SendPolicy.BLOCK, q, 0)), List.of(new Books.StageBooks("s", 1, 0, 0, true)),
                0, 1, 1, 0));
    }
}
