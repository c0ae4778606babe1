package io.jenkins.plugins.codebuildspec.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated YAML to the parser: it must always return either a model or positioned
 * findings, never throw, never hang, and never use more than a bounded amount of memory. Seeded, so a
 * failure names the input that caused it and can be replayed.
 */
class ParserFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 4000);
    private static final String[] TOKENS = {
        "version: 0.2\n",
        "phases:\n",
        "  build:\n",
        "    commands:\n",
        "      - ",
        "echo a: b",
        "\t",
        "  ",
        "- ",
        ": ",
        "&a ",
        "*a ",
        "<<: *a\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "'",
        "|\n",
        ">\n",
        "---\n",
        "...\n",
        "#",
        "!!str ",
        "!!map ",
        "!custom ",
        "? ",
        "._",
        "0x1F",
        "3.10",
        "yes",
        "~",
        "null",
        "\r\n",
        "\uFEFF",
        "\u0000",
        "\uD83D\uDE00",
        "%YAML 1.1\n",
        "env:\n",
        "  variables:\n",
        "artifacts:\n",
        "  files: ",
        "batch:\n",
        "  build-graph:\n",
        "    - identifier: x\n",
        "      depend-on: [x]\n",
        "reports:\n",
        "cache:\n",
        "\n"
    };

    @Test
    void randomAndMutatedInputOnlyEverGivesAModelOrPositionedFindings() throws Exception {
        List<String> seeds = seedCorpus();
        Random random = new Random(SEED);
        BuildspecParser parser = new BuildspecParser();
        Runtime runtime = Runtime.getRuntime();
        long baseline = usedMemory(runtime);
        for (int round = 0; round < ROUNDS; round++) {
            String input =
                    round % 3 == 0 ? randomTokens(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            int number = round;
            ParseResult result = Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> parseOrFail(parser, input, number),
                    () -> "parser hung on round " + number + " (seed " + SEED + "):\n" + input);
            assertThat(result.isValid() || !result.errors().isEmpty())
                    .as("round %d: an invalid result must say why:%n%s", round, input)
                    .isTrue();
            for (Finding f : result.findings()) {
                assertThat(f.position().line()).as("round %d: %s", round, f).isPositive();
                assertThat(f.message()).isNotBlank();
            }
        }
        // The parser keeps nothing between calls: after a GC the heap is back near where it started.
        assertThat(usedMemory(runtime) - baseline).isLessThan(64L * 1024 * 1024);
    }

    private static ParseResult parseOrFail(BuildspecParser parser, String input, int round) {
        try {
            return parser.parse("fuzz.yml", input.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            fail("round " + round + " (seed " + SEED + ") threw " + e + " on input:\n" + input, e);
            throw e;
        }
    }

    private static long usedMemory(Runtime runtime) {
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String randomTokens(Random random) {
        StringBuilder out = new StringBuilder();
        int count = 1 + random.nextInt(60);
        for (int i = 0; i < count; i++) {
            out.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toString();
    }

    private static String mutate(String seed, Random random) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> {
                    int end = Math.min(out.length(), at + random.nextInt(40));
                    out.insert(random.nextInt(out.length()), out.substring(at, end));
                }
                default -> out.insert(at, "\n" + " ".repeat(random.nextInt(8)));
            }
        }
        return out.toString();
    }

    private static List<String> seedCorpus() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ParseScenarioTest.scenarios())) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".yml")).toList()) {
                seeds.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(seeds).hasSizeGreaterThan(40);
        return seeds;
    }
}
