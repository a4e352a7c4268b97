package dev.backflow.preset;

import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.SendPolicy;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A ready-made A/B question from the tutorials: two experiments on one seeded workload, each
 * side named for what it stands for.
 *
 * @param title       the question, as the A/B window lists it
 * @param explanation what to look for, in two or three sentences
 * @param nameA       what side A stands for ("Reject (try_send)")
 * @param nameB       what side B stands for
 */
public record BuiltInComparison(String title, String explanation, String nameA, ExperimentConfig a,
                                String nameB, ExperimentConfig b) {

    public BuiltInComparison {
        Objects.requireNonNull(title);
        Objects.requireNonNull(explanation);
        Objects.requireNonNull(nameA);
        Objects.requireNonNull(nameB);
        Objects.requireNonNull(a);
        // One seed for both: the same arrival and service draws.
        b = b.toBuilder().seed(a.seed()).build();
    }

    /** The built-in comparisons, in the order the window lists them. */
    public static List<BuiltInComparison> all(PresetStore store) {
        ExperimentConfig db = builtIn(store, "db-writer-reject");
        ExperimentConfig tutorial = builtIn(store, "first-tutorial");
        return List.of(
                new BuiltInComparison("Block or Reject for a DbWriter?",
                        "Callers offer 500 writes/s to a writer that manages 100. Reject (try_send) refuses about "
                                + "four in five at once and no caller ever waits; Block (send) refuses nothing, but "
                                + "every caller waits its turn: parked nearly all the time.",
                        "Reject (try_send)", with(db, b -> b.policy(SendPolicy.REJECT)),
                        "Block (send)", with(db, b -> b.policy(SendPolicy.BLOCK))),
                new BuiltInComparison("A buffer of 5 or 50?",
                        "The first tutorial's 20 numbers against a 500 ms consumer. A buffer of 50 takes them all "
                                + "at once, so the producer never parks, but the last number waits almost 10 s in "
                                + "the queue; a buffer of 5 parks the producer and keeps the wait short.",
                        "Capacity 5", with(tutorial, b -> b.capacity(5)),
                        "Capacity 50", with(tutorial, b -> b.capacity(50))),
                new BuiltInComparison("One consumer or four?",
                        "The DbWriter with more writers behind the same queue of 32: four take 400 writes/s, so "
                                + "only the excess fifth of the offered 500/s is refused instead of four fifths.",
                        "1 consumer", with(db, b -> b.consumers(1)),
                        "4 consumers", with(db, b -> b.consumers(4))),
                new BuiltInComparison("Bounded or unbounded chat server?",
                        "A spammer floods a chat server's queue. Bounded at 100, the spammer's send parks and "
                                + "memory stays flat; unbounded, the queue grows until the memory budget kills the "
                                + "run.",
                        "Bounded (100)", builtIn(store, "chat-server-bounded"),
                        "Unbounded", builtIn(store, "chat-server-unbounded")),
                new BuiltInComparison("A retry storm, with or without a retry budget?",
                        "A 2-second hiccup at 5 s. Without a budget the callers' retries keep the server "
                                + "overloaded after the hiccup ends, and goodput stays at zero; with a retry budget "
                                + "the retries stop, the queue drains, and goodput returns within seconds.",
                        "No budget", builtIn(store, "retry-storm"),
                        "Retry budget 10/0.1", builtIn(store, "retry-storm-budget")),
                new BuiltInComparison("A retry storm, with or without deadline checks?",
                        "The same hiccup. A server that skips requests it cannot finish before their caller's "
                                + "deadline spends no time on callers that have given up, and recovers at once; "
                                + "one that serves everything works only for nobody.",
                        "Serves everything", builtIn(store, "retry-storm"),
                        "Checks deadlines", builtIn(store, "retry-storm-deadline-checks")),
                new BuiltInComparison("Retries with or without jitter?",
                        "100 callers rejected in the same millisecond retry with exponential backoff. "
                                + "Without jitter they come back together, in waves; full jitter spreads them "
                                + "into a flat trickle.",
                        "No jitter", builtIn(store, "retry-waves-no-jitter"),
                        "Full jitter", builtIn(store, "retry-waves-full-jitter")),
                new BuiltInComparison("A big FIFO buffer, or CoDel?",
                        "110 requests/s at a 100/s server through a buffer of 1,000. Plain FIFO refuses nothing and "
                                + "its queue wait climbs past three seconds; CoDel sheds the excess as it leaves "
                                + "and keeps the wait near its 50 ms target, at the same throughput.",
                        "FIFO", builtIn(store, "bufferbloat-fifo"),
                        "CoDel 50ms/200ms", builtIn(store, "bufferbloat-codel")),
                new BuiltInComparison("An adaptive limit, or a big buffer?",
                        "600 requests/s at 4 workers that manage 400. The big buffer takes everything until it is "
                                + "full and then makes every request wait seconds; the gradient limit keeps about 5 in "
                                + "flight, so the ones it admits wait a few milliseconds and the excess is refused at once.",
                        "Buffer of 1,000", builtIn(store, "limit-none"),
                        "Gradient limit", builtIn(store, "limit-gradient")),
                new BuiltInComparison("Gradient or AIMD?",
                        "Two adaptive limits in front of the same 4 workers. The gradient limit reads latency and "
                                + "settles near the ideal; AIMD reads only drops, so it climbs until its link "
                                + "overflows, backs off a tenth, and climbs again.",
                        "Gradient", builtIn(store, "limit-gradient"),
                        "AIMD", builtIn(store, "limit-aimd")),
                new BuiltInComparison("Demand or a plain buffer?",
                        "The same producer and consumer over 32 slots. The plain buffer parks the producer only when "
                                + "it is full; the demand link (request(32), then 24 more per 24 taken, as Reactor) "
                                + "lets it send only what the consumer asked for, so its outstanding demand is the signal.",
                        "Plain buffer of 32", builtIn(store, "demand-plain-buffer"),
                        "Demand 32@75%", builtIn(store, "demand-reactor")),
                new BuiltInComparison("The saw-tooth: replenish at 75 % or in strict batches?",
                        "Prefetch 32 both. At 75 % the consumer asks for 24 more while 8 are still owed, so the "
                                + "producer rarely waits; in strict batches it asks only when all 32 are taken, and the "
                                + "producer parks at each batch's end with the buffer nearly empty.",
                        "75 % (Reactor)", builtIn(store, "demand-reactor"),
                        "Strict batches", builtIn(store, "demand-strict")));
    }

    private static ExperimentConfig with(ExperimentConfig c, UnaryOperator<ExperimentConfig.Builder> edit) {
        return edit.apply(c.toBuilder()).build();
    }

    private static ExperimentConfig builtIn(PresetStore store, String shortName) {
        int i = store.builtInShortNames().indexOf(shortName);
        if (i < 0) {
            throw new IllegalStateException("built-in preset " + shortName + " is missing from the application");
        }
        return store.builtIns().get(i).config();
    }
}
