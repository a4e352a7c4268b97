package dev.backflow.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineSpecTest {

    @Test
    void theIssuesExampleReadsAsSourceLinkStageLinkSink() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 200/s | 16 block | parse 1ms x2 | 8 reject | store 50ms");
        assertEquals(200, c.producerRate());
        assertEquals(1, c.producers());
        assertEquals(16, c.capacity());
        assertEquals(SendPolicy.BLOCK, c.policy());
        assertEquals(List.of(new Hop("parse", 2, 1, new Distribution.Constant(), 8, SendPolicy.REJECT)), c.hops());
        assertEquals(50, c.consumerDelayMs());
        assertEquals(1, c.consumers());
        assertEquals(2, c.links());
        assertEquals("source", c.sourceName());
        assertEquals("store", c.sinkName(), "the last stage keeps its name");
    }

    @Test
    void theEndsKeepTheirNamesThroughAFormatAndBack() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT, "reader 100/s | 5 block | db 50ms");
        assertEquals("reader", c.sourceName());
        assertEquals("db", c.sinkName());
        assertEquals("reader 100/s | 5 block | db 50ms", PipelineSpec.format(c));
        assertEquals("source", ExperimentConfig.DEFAULT.sourceName());
        assertEquals("sink", ExperimentConfig.DEFAULT.sinkName());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.DEFAULT.toBuilder().sinkName(" ").build())
                .getMessage().contains("a stage needs a name of 1 to 40 characters"));
    }

    @Test
    void workersDistributionsAndUnboundedLinksAreUnderstood() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "reader 1k/s x4 exponential | unbounded | writer 50ms x2 uniform:10% | 3 drop-oldest | sink 5ms");
        assertEquals(1000, c.producerRate());
        assertEquals(4, c.producers());
        assertEquals(new Distribution.Exponential(), c.arrivals());
        assertEquals(SendPolicy.UNBOUNDED, c.policy());
        Hop writer = c.hops().getFirst();
        assertEquals(2, writer.workers());
        assertEquals(new Distribution.Uniform(0.1), writer.service());
        assertEquals(SendPolicy.DROP_OLDEST, writer.policy());
    }

    @Test
    void whatItFormatsItReadsBack() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 200/s x3 | 16 block | parse 1.5ms x2 exponential | 8 reject | mid 2ms decoupled | unbounded | store 50ms");
        assertTrue(!c.hops().get(1).coupled() && c.hops().get(0).coupled());
        assertEquals(c, PipelineSpec.apply(ExperimentConfig.DEFAULT, PipelineSpec.format(c)), PipelineSpec.format(c));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "source 200/s | 5 block; a pipeline alternates stages and links",
        "source 200/s | 5 blok | sink 1ms; link 1 (\"5 blok\"): unknown policy \"blok\"",
        "source 200/s | 0 block | sink 1ms; link 1 (\"0 block\"): capacity must be between 1 and 10,000 items; got 0",
        "source 5ms | 5 block | sink 1ms; stage 1 (\"source 5ms\"): producer rate: unknown unit \"ms\"",
        "source 1/s | 5 block | sink 10/s; stage 2 (\"sink 10/s\"): consumer delay: unknown unit \"/s\"",
        "source 1/s | block | sink 1ms; link 1 (\"block\"): needs a capacity, like \"16 block\"",
        "source 1/s | 5 | mid 1ms bursty | 5 | sink 1ms; stage 2 (\"mid 1ms bursty\"): bursty applies to the source only",
        "source 1/s 2/s | 5 | sink 1ms; stage 1 (\"source 1/s 2/s\"): has two values",
        "source 1/s decoupled | 5 | sink 1ms; stage 1 (\"source 1/s decoupled\"): the source has no input to couple",
        "source 1/s | 5 reject 2ms | sink 1ms; link 1 (\"5 reject 2ms\"): only a timeout link takes a time",
        "source 1/s | 5 timeout 2 s | sink 1ms; link 1 (\"5 timeout 2 s\"): is a capacity and a policy",
        "source 1/s | 5 timeout 0ms | sink 1ms; link 1 (\"5 timeout 0ms\"): timeout must be between 1 and 60,000 ms",
        "source 1/s | demand | sink 1ms; link 1 (\"demand\"): a demand link needs its prefetch, like \"demand 32@75%\"",
        "source 1/s | demand 32@ | sink 1ms; link 1 (\"demand 32@\"): a demand link is PREFETCH@PERCENT",
        "source 1/s | demand 32@150% | sink 1ms; link 1 (\"demand 32@150%\"): a demand link replenishes at 0 % to 100 %",
        "source 1/s | demand 32@lots | sink 1ms; link 1 (\"demand 32@lots\"): a demand link's replenish point is a whole percent",
        "source 1/s | demand 0@75% | sink 1ms; link 1 (\"demand 0@75%\"): capacity must be between 1 and 10,000 items; got 0",
        "source 1/s | demand 32@75% drop-oldest | sink 1ms; link 1 (\"demand 32@75% drop-oldest\"): a demand link cannot drop the oldest",
        "source 1/s | demand 32@75% unbounded | sink 1ms; link 1 (\"demand 32@75% unbounded\"): a demand link is bounded by its demand",
        "source 1/s | demand 32@75% reject 2ms | sink 1ms; link 1 (\"demand 32@75% reject 2ms\"): only a timeout link takes a time",
    })
    void mistakesSayWhichPartIsWrong(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineSpec.apply(ExperimentConfig.DEFAULT, spec));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aDemandLinkIsItsPrefetchAndReplenishPointAndReadsBack() {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "source 200/s | demand 32@75% | parse 1ms | demand 16@100% reject codel 5ms/100ms | store 5ms");
        assertEquals(32, c.capacity());
        assertEquals(Demand.REACTOR, c.demand());
        assertEquals(SendPolicy.BLOCK, c.policy());
        Hop parse = c.hops().getFirst();
        assertEquals(16, parse.capacity());
        assertEquals(new Demand(100), parse.demand());
        assertEquals(SendPolicy.REJECT, parse.policy());
        assertEquals(CoDel.DEFAULT, parse.codel());
        assertEquals("source 200/s | demand 32@75% | parse 1ms | demand 16@100% reject codel 5ms/100ms | store 5ms",
                PipelineSpec.format(c));
        assertEquals(c, PipelineSpec.apply(ExperimentConfig.DEFAULT, PipelineSpec.format(c)));
        assertEquals(Demand.REACTOR, PipelineSpec.apply(ExperimentConfig.DEFAULT, "s 1/s | demand 8 | k 1ms").demand(),
                "a prefetch alone replenishes at 75 %, as Reactor");
        assertEquals(null, PipelineSpec.apply(c, "s 1/s | 8 block | k 1ms").demand(), "the line decides, not the base");
    }

    @Test
    void atMostEightLinks() {
        String nine = "s 1/s" + " | 1 | m 1ms".repeat(8) + " | 1 | k 1ms";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PipelineSpec.apply(ExperimentConfig.DEFAULT, nine))
                .getMessage().contains("1 to 8 links; got 9"));
        String eight = "s 1/s" + " | 1 | m 1ms".repeat(7) + " | 1 | k 1ms";
        assertEquals(8, PipelineSpec.apply(ExperimentConfig.DEFAULT, eight).links());
    }

    @Test
    void eachTimeoutLinkHasItsOwnDeadlineAndABareOneTakesTheExperiments() {
        ExperimentConfig base = ExperimentConfig.DEFAULT.toBuilder().timeoutMs(40).build();
        ExperimentConfig c = PipelineSpec.apply(base, "source 200/s | 5 timeout 250ms | a 1ms | 8 timeout 2s | b 1ms | 4 timeout | sink 1ms");
        assertEquals(new SendPolicy.Timeout(250), c.policyOf(0));
        assertEquals(250, c.timeoutMs(), 1e-9, "the first link's deadline is the experiment's timeout setting");
        assertEquals(new SendPolicy.Timeout(2000), c.policyOf(1));
        assertEquals(new SendPolicy.Timeout(40), c.policyOf(2), "a bare timeout takes the experiment's, as before");
        assertEquals("source 200/s | 5 timeout 250ms | a 1ms | 8 timeout 2000ms | b 1ms | 4 timeout 40ms | sink 1ms",
                PipelineSpec.format(c));
        assertEquals(c, PipelineSpec.apply(ExperimentConfig.DEFAULT, PipelineSpec.format(c)));
        assertEquals(java.util.List.of(new SendPolicy.Timeout(7)),
                PipelineSpec.parseHops("a 1ms | 3 timeout", 7).stream().map(Hop::policy).toList());
    }
}
