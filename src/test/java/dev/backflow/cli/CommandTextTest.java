package dev.backflow.cli;

import dev.backflow.engine.Distribution;
import dev.backflow.engine.ExperimentConfig;
import dev.backflow.engine.PipelineSpec;
import dev.backflow.engine.SendPolicy;
import dev.backflow.engine.ThreadKind;
import dev.backflow.preset.CommandText;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Copy as command": the line {@code backflow run} reads back to the very same settings. */
class CommandTextTest {

    private static ExperimentConfig readBack(ExperimentConfig c) throws Exception {
        List<String> words = CompareCommand.words(CommandText.run(c).replaceFirst("^backflow run ?", ""));
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(words.toArray(String[]::new));
        return run.toConfig();
    }

    /** Splits a line as a POSIX shell does for what CommandText writes: words, '...' and \\'. */
    private static List<String> shellWords(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (ch == '\\') {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (ch == ' ') {
                if (inWord) {
                    out.add(w.toString());
                }
                w.setLength(0);
                inWord = false;
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    private static ExperimentConfig parseSide(String side) throws Exception {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(CompareCommand.words(side).toArray(String[]::new));
        return run.toConfig();
    }

    @Test
    void theCompareLineRunsBothSidesAsTheyAre() throws Exception {
        ExperimentConfig a = ExperimentConfig.DEFAULT;
        ExperimentConfig b = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "client's 2000/s | 16 block | parse 0.1ms x2 | 100 reject | db-writer 50ms").toBuilder().items(500).build();
        String line = CommandText.compare(a, b);
        List<String> words = shellWords(line);
        assertEquals(List.of("backflow", "compare"), words.subList(0, 2));
        assertEquals(4, words.size(), line);
        assertEquals("--seed 42", words.get(2), "a side with every default still says something");
        assertEquals(a, parseSide(words.get(2)));
        assertEquals(b, parseSide(words.get(3)));
    }

    @Test
    void theDefaultsNeedNoOptions() throws Exception {
        assertEquals("backflow run", CommandText.run(ExperimentConfig.DEFAULT));
        assertEquals(ExperimentConfig.DEFAULT, readBack(ExperimentConfig.DEFAULT));
    }

    @Test
    void everySettingRoundTrips() throws Exception {
        ExperimentConfig c = ExperimentConfig.DEFAULT.toBuilder().capacity(32).producers(4).consumers(2).producerRate(2500)
                .consumerDelayMs(0.5).policy(SendPolicy.TIMEOUT).timeoutMs(250).arrivals(new Distribution.Exponential())
                .service(new Distribution.Uniform(0.3)).itemSizeBytes(4096).memoryBudgetBytes(64L << 20).durationSeconds(12.5)
                .seed(-7).threads(ThreadKind.PLATFORM).build();
        assertEquals("backflow run --capacity 32 --producers 4 --consumers 2 --rate 2500/s --consumer-delay 0.5ms "
                + "--policy timeout --arrivals exponential --service uniform:0.3 --timeout 250ms --item-size 4096 "
                + "--memory-budget 67108864 --duration 12.5s --seed -7 --threads platform", CommandText.run(c));
        assertEquals(c, readBack(c));
        ExperimentConfig bursty = c.toBuilder().arrivals(Distribution.Bursty.DEFAULT).items(300).durationSeconds(0).build();
        assertEquals(bursty, readBack(bursty));
    }

    @Test
    void aPipelineIsOneQuotedArgument() throws Exception {
        ExperimentConfig c = PipelineSpec.apply(ExperimentConfig.DEFAULT,
                "client 2000/s | 16 block | reader 0.1ms x2 decoupled | 100 reject | db-writer 50ms").toBuilder().items(500).build();
        assertEquals("backflow run --pipeline 'client 2000/s | 16 block | reader 0.1ms x2 decoupled | 100 reject | db-writer 50ms' "
                + "--items 500", CommandText.run(c));
        assertEquals(c, readBack(c));
    }
}
