package io.jenkins.plugins.codebuildspec.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every folder under {@code scenarios/parse} and {@code scenarios/aws-reference}: each YAML file in
 * it is parsed, and the findings must equal {@code expected.txt} line for line (no file means no
 * findings). Folders under {@code invalid/} must be rejected, under {@code warning/} accepted with at
 * least one warning, everywhere else accepted.
 *
 * <p>Run with {@code -Dscenarios.update=true} to rewrite the expected files after a deliberate
 * message change; review the diff before committing it.
 */
class ParseScenarioTest {
    private static final boolean UPDATE = Boolean.getBoolean("scenarios.update");

    private final BuildspecParser parser = new BuildspecParser();

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesExactlyItsExpectedFindings() throws Exception {
        Path root = scenarios();
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(root)) {
            folders = walk.filter(p -> Files.isRegularFile(p.resolve("buildspec.yml")))
                    .filter(p -> !root.relativize(p).startsWith("run"))
                    .sorted()
                    .toList();
        }
        assertThat(folders).hasSizeGreaterThan(50);
        return folders.stream()
                .map(folder -> DynamicTest.dynamicTest(root.relativize(folder).toString(), () -> check(root, folder)));
    }

    private void check(Path root, Path folder) throws IOException {
        List<String> actual = new ArrayList<>();
        boolean valid = true;
        int warnings = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(
                            p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            ParseResult result = parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
            result.findings().forEach(f -> actual.add(f.format()));
            valid &= result.isValid();
            warnings += result.warnings().size();
        }
        Path expectedFile = folder.resolve("expected.txt");
        if (UPDATE) {
            Path source = Path.of("src/test/resources/scenarios")
                    .resolve(root.relativize(folder).toString());
            if (actual.isEmpty()) {
                Files.deleteIfExists(source.resolve("expected.txt"));
            } else {
                Files.write(source.resolve("expected.txt"), actual, StandardCharsets.UTF_8);
            }
        }
        List<String> expected =
                Files.exists(expectedFile) ? Files.readAllLines(expectedFile, StandardCharsets.UTF_8) : List.of();
        String kind = root.relativize(folder).getName(0).toString();
        String category = root.relativize(folder).getNameCount() > 2
                ? root.relativize(folder).getName(1).toString()
                : kind;
        if (!UPDATE) {
            assertThat(actual).as("findings of %s", folder).containsExactlyElementsOf(expected);
        }
        switch (category) {
            case "invalid" -> assertThat(valid)
                    .as("%s must be rejected", folder)
                    .isFalse();
            case "warning" -> {
                assertThat(valid).as("%s must be accepted", folder).isTrue();
                assertThat(warnings).as("%s must warn", folder).isPositive();
            }
            default -> assertThat(valid).as("%s must be accepted", folder).isTrue();
        }
    }

    static Path scenarios() throws URISyntaxException {
        return Path.of(ParseScenarioTest.class.getResource("/scenarios").toURI());
    }
}
