package dev.backflow.engine;

import dev.backflow.telemetry.Counts;
import dev.backflow.telemetry.LinkCounts;
import dev.backflow.telemetry.RunOutcome;
import dev.backflow.telemetry.StageCounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's books: its {@link Counts} as a pure function of its links' and stages' counters, read
 * at one moment. No threads, no clock: a test builds the counters it wants and checks the sums.
 *
 * <p>An item a stage holds between two links is derived as (taken from its input) − (sent to its
 * output), so the whole run balances exactly whenever each link's counters balance within their
 * own read (docs/decisions/0010-the-books-close.md).
 *
 * @param runId       the run's id
 * @param startNanos  when it started (engine clock)
 * @param untilNanos  the moment the books are for: the end, once the run has ended
 * @param outcome     how it ended, or null while it runs
 * @param links       each link's policy, counters and takers' idle time, from the source on
 * @param stages      each stage's counters, the source first and the sink last
 * @param consumed    items the sink has finished (read before the links, so one consumed meanwhile is still "taken")
 * @param heapBytesPerItem  what one queued item counts against the memory budget
 * @param memoryBudgetBytes the budget
 * @param eventsLost  events the telemetry could not keep
 * @param calls       the callers' books (closed-loop runs), or null
 */
record Books(long runId, long startNanos, long untilNanos, RunOutcome outcome, List<LinkBooks> links,
             List<StageBooks> stages, long consumed, long heapBytesPerItem, long memoryBudgetBytes, long eventsLost,
             dev.backflow.telemetry.CallerCounts calls) {

    /** Books of an open-loop run. */
    Books(long runId, long startNanos, long untilNanos, RunOutcome outcome, List<LinkBooks> links,
          List<StageBooks> stages, long consumed, long heapBytesPerItem, long memoryBudgetBytes, long eventsLost) {
        this(runId, startNanos, untilNanos, outcome, links, stages, consumed, heapBytesPerItem, memoryBudgetBytes,
                eventsLost, null);
    }

    /** One link at the moment of the books. */
    record LinkBooks(SendPolicy policy, QueueStats stats, long idleNanos, long shed, long limited, int[] limitAndInflight) {
        /** A link without CoDel or a limit. */
        LinkBooks(SendPolicy policy, QueueStats stats, long idleNanos) {
            this(policy, stats, idleNanos, 0, 0, new int[] {-1, -1});
        }
    }

    /**
     * One stage at the moment of the books.
     *
     * @param workers     workers running now (the source's and sink's: as configured)
     * @param done        items it has finished (the source: sends attempted; the sink: consumed)
     * @param workerNanos its workers' total running time
     * @param coupled     false for a stage whose workers never wait on its output (its writer does)
     * @param expired     items it took and skipped because their caller's deadline had passed
     */
    record StageBooks(String name, int workers, long done, long workerNanos, boolean coupled, long expired) {
        StageBooks(String name, int workers, long done, long workerNanos, boolean coupled) {
            this(name, workers, done, workerNanos, coupled, 0);
        }
    }

    Books {
        if (stages.size() != links.size() + 1) {
            throw new IllegalArgumentException("a run has one stage more than links; got " + stages.size()
                    + " stages and " + links.size() + " links");
        }
    }

    /** The counts these books add up to. */
    Counts counts() {
        int n = links.size();
        QueueStats[] q = links.stream().map(LinkBooks::stats).toArray(QueueStats[]::new);
        List<LinkCounts> linkCounts = new ArrayList<>(n);
        long fill = 0;
        long capacity = 0;
        long peaks = 0; // each link's own exact peak, summed: never below the links' mean fill together
        long rejected = 0;
        long dropped = 0;
        long timedOut = 0;
        long sending = 0;
        long abandoned = 0;
        long lostOnClose = 0;
        for (int l = 0; l < n; l++) {
            SendPolicy policy = links.get(l).policy();
            QueueStats s = q[l];
            long linkRejected = policy.refusalsAreRejections() ? s.refused() : 0;
            long linkDropped = (policy.refusalsAreRejections() ? 0 : s.refused()) + s.evicted();
            linkCounts.add(new LinkCounts(l, s.capacity(), s.fill(), s.maxFill(), s.attempts(),
                    s.takes(), linkRejected, linkDropped, s.timedOut(), s.producersParked(), s.abandoned(),
                    s.closedRefusals() + s.discardedOnClose(), s.producerParks(), s.producerParkedNanos(),
                    links.get(l).idleNanos(), s.fillItemSeconds(), s.puts(), s.sojournSeconds(), s.sojourns(),
                    s.queuedAgeSeconds(), links.get(l).shed(), links.get(l).limited(), links.get(l).limitAndInflight()[0],
                    links.get(l).limitAndInflight()[1], s.demand(), s.demandMin(), s.demandItemSeconds(), s.requested()));
            fill += s.fill();
            capacity = s.capacity() == ObservedQueue.UNBOUNDED || capacity == ObservedQueue.UNBOUNDED
                    ? ObservedQueue.UNBOUNDED : capacity + s.capacity();
            peaks += s.maxFill();
            rejected += linkRejected;
            dropped += linkDropped;
            timedOut += s.timedOut();
            sending += s.producersParked();
            abandoned += s.abandoned();
            lostOnClose += s.closedRefusals() + s.discardedOnClose();
        }
        // Stages: an item a worker has taken and not yet passed on is "in service" there.
        List<StageCounts> stageCounts = new ArrayList<>(n + 1);
        StageBooks source = stages.get(0);
        stageCounts.add(new StageCounts(0, source.name(), source.workers(), q[0].attempts() + links.get(0).limited(), 0,
                -1, q[0].producerParkedNanos(), source.workerNanos()));
        long inService = 0;
        long expired = 0;
        for (int s = 1; s < n; s++) {
            StageBooks stage = stages.get(s);
            // Refused by the next stage's limit: it never reached the link, and the stage no longer holds it.
            long held = q[s - 1].takes() - q[s].attempts() - stage.expired() - links.get(s - 1).shed() - links.get(s).limited();
            expired += stage.expired();
            inService += held;
            // A decoupled stage's workers never wait on its output (its writer does): they are
            // busy or idle, and what they run ahead shows as items held.
            stageCounts.add(new StageCounts(s, stage.name(), Math.max(0, stage.workers()), stage.done(), held,
                    links.get(s - 1).idleNanos(), stage.coupled() ? q[s].producerParkedNanos() : 0, stage.workerNanos()));
        }
        QueueStats last = q[n - 1];
        StageBooks sink = stages.get(n);
        long sinkHeld = last.takes() - consumed - sink.expired() - links.get(n - 1).shed();
        long shed = 0;
        long limited = 0;
        for (LinkBooks l : links) {
            shed += l.shed();
            limited += l.limited();
        }
        expired += sink.expired();
        inService += sinkHeld;
        stageCounts.add(new StageCounts(n, sink.name(), sink.workers(), consumed, sinkHeld,
                links.get(n - 1).idleNanos(), 0, sink.workerNanos()));
        return Counts.builder().runId(runId).atNanos(untilNanos).startNanos(startNanos)
                .producers(source.workers()).consumers(sink.workers())
                .fill((int) Math.min(Integer.MAX_VALUE, fill)).capacity((int) Math.min(Integer.MAX_VALUE, capacity))
                // One link: its exact peak. A pipeline: the sum of its links' peaks (the peak of their
                // sum could only be sampled, and a sampled peak can fall below the exact mean).
                .maxFill((int) Math.min(Integer.MAX_VALUE, peaks))
                .offered(q[0].attempts() + links.get(0).limited()).produced(q[0].puts()).taken(consumed + inService).consumed(consumed)
                .expired(expired).calls(calls).shed(shed).limited(limited)
                .rejected(rejected).dropped(dropped).timedOut(timedOut)
                .sending(sending).abandoned(abandoned).lostOnClose(lostOnClose)
                .producerParks(q[0].producerParks()).producerParkedNanos(q[0].producerParkedNanos())
                .producersParked(q[0].producersParked())
                .consumerParks(last.consumerParks()).consumerParkedNanos(links.get(n - 1).idleNanos())
                .memoryBytes(fill * heapBytesPerItem).memoryBudgetBytes(memoryBudgetBytes)
                .eventsLost(eventsLost).outcome(outcome)
                .links(linkCounts).stages(stageCounts).fillItemSeconds(Arrays.stream(q).mapToDouble(QueueStats::fillItemSeconds).sum())
                .build();
    }
}
