package io.jenkins.plugins.codebuildspec.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.Position;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and unreadable input fails fast with one error naming the limit, and no model. */
class ParseLimitsTest {
    private final BuildspecParser parser = new BuildspecParser();

    @Test
    void fileOverOneMebibyteIsRejectedBeforeParsing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("buildspec.yml");
        StringBuilder big = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        while (big.length() <= 1024 * 1024) {
            big.append("      - echo padding padding padding padding padding padding\n");
        }
        Files.writeString(file, big);
        ParseResult result = parser.parse(file);
        assertThat(result.isValid()).isFalse();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("size limit for a buildspec is 1048576 bytes");
            assertThat(f.position()).isEqualTo(new Position(1, 1));
        });
    }

    @Test
    void fileJustUnderTheLimitIsRead() {
        StringBuilder big = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        while (big.length() < 1000 * 1024) {
            big.append("      - echo padding\n");
        }
        assertThat(parser.parse("b.yml", big.toString().getBytes(StandardCharsets.UTF_8))
                        .isValid())
                .isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreReportedNotGuessed() {
        byte[] latin1 = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ParseResult result = parser.parse("b.yml", latin1);
        assertThat(result.errors())
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("not UTF-8");
    }

    @Test
    void missingFileIsAFindingNotAnException(@TempDir Path dir) {
        ParseResult result = parser.parse(dir.resolve("nope.yml"));
        assertThat(result.errors())
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .startsWith("cannot read the file");
    }

    @Test
    void aliasCyclesAndDeepMergesStopWithAnError() {
        String yaml =
                """
                version: 0.2
                phases:
                  build: &b
                    <<: *b
                    commands: [echo]
                """;
        ParseResult result = parser.parse("b.yml", yaml);
        // SnakeYAML resolves the alias to the node being built; reading it must end, with or without errors.
        assertThat(result.findings())
                .allSatisfy(f -> assertThat(f.position().line()).isPositive());
    }

    @Test
    void nodeBudgetBoundsTheWalkEvenUnderTheAliasLimit() {
        ParseLimits tight = new ParseLimits(1024 * 1024, 50, 64, 30, 200);
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (int i = 0; i < 40; i++) {
            yaml.append("      - echo ").append(i).append('\n');
        }
        ParseResult result = new BuildspecParser(tight).parse("b.yml", yaml.toString());
        assertThat(result.errors())
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("more than 30 YAML nodes (alias-expansion limit)");
    }

    @Test
    void findingsAreCappedSoAHugeBadFileCannotFloodTheOutput() {
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("      - [nested]\n");
        }
        ParseResult result = parser.parse("b.yml", yaml.toString());
        assertThat(result.findings()).hasSize(201);
        assertThat(result.findings().get(200).message())
                .isEqualTo("too many problems: showing the first 200; 300 more not shown");
    }

    @Test
    void moreThanTwoHundredErrorsShowTheFirstTwoHundredAndTheCapAsAnError() {
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands: [echo]\nartifacts:\n");
        yaml.append("  files: [x]\n  discard-paths: maybe\n");
        yaml.append("reports:\n");
        for (int i = 0; i < 201; i++) {
            yaml.append("  group").append(i).append(": {files: [x], discard-paths: maybe}\n");
        }
        ParseResult result = parser.parse("b.yml", yaml.toString());
        assertThat(result.isValid()).isFalse();
        assertThat(result.findings()).hasSize(201);
        assertThat(result.findings().subList(0, 200))
                .allSatisfy(f -> assertThat(f.message()).contains("must be yes or no"));
        Finding cap = result.findings().get(200);
        assertThat(cap.isError()).isTrue();
        assertThat(cap.format())
                .isEqualTo("b.yml:1:1: error: too many problems: showing the first 200; 2 more not shown");
    }

    @Test
    void moreThanTwoHundredUnknownKeysAreWarningsAndTheFileStaysValid() {
        StringBuilder yaml = new StringBuilder("version: 0.2\nphases:\n  build:\n    commands: [echo]\n");
        for (int i = 0; i < 201; i++) {
            yaml.append("extra").append(i).append(": x\n");
        }
        ParseResult result = parser.parse("b.yml", yaml.toString());
        assertThat(result.isValid()).isTrue();
        assertThat(result.findings()).hasSize(201).noneMatch(Finding::isError);
        assertThat(result.findings().get(0).format()).startsWith("b.yml:5:1: warning: unknown key 'extra0'");
        assertThat(result.findings().get(200).message())
                .isEqualTo("too many problems: showing the first 200; 1 more not shown");
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWhereItIs() {
        byte[] latin1 = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse("b.yml", latin1).findings())
                .singleElement()
                .extracting(Finding::format)
                .asString()
                .startsWith("b.yml:5:17: error: the file is not UTF-8 text: byte 0xE9 here is not valid UTF-8");
    }

    @Test
    void aNulCharacterIsReportedWhereItIs() {
        String yaml = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo \u00e9a\u0000b\n";
        byte[] utf8 = ("\uFEFF" + yaml).getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse("b.yml", utf8).findings())
                .singleElement()
                .extracting(Finding::format)
                .asString()
                .startsWith("b.yml:5:16: error: the file contains the control character U+0000");
    }
}
