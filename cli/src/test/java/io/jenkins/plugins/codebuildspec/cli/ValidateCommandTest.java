package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void validFileExitsZeroAndSaysValid() throws Exception {
        Path file = write("buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n");
        CliRunner r = CliRunner.run("validate", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(file + ": valid\n");
    }

    @Test
    void warningsAloneKeepExitZero() throws Exception {
        Path file = write("b.yml", "version: 0.2\nphases:\n  build:\n    comands: [x]\n    commands: [make]\n");
        CliRunner r = CliRunner.run("validate", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(file + ":4:5: warning: unknown key 'comands' under 'phases.build' is ignored;"
                        + " did you mean 'commands'?");
        assertThat(r.out()).contains(file + ": valid (0 errors, 1 warning)");
    }

    @Test
    void invalidFileExitsTwoWithPositionedErrorsAndNoStackTrace() throws Exception {
        Path good = write("good.yml", "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
        Path bad = write("bad.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - echo \"a: b\"\n");
        CliRunner r = CliRunner.run("validate", good.toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out())
                .contains(bad + ":5:9: error: phases.build.commands[0] is a map, not a command")
                .contains("Quote the whole command: - 'echo \"a: b\"'")
                .contains(good + ": valid")
                .contains(bad + ": INVALID (1 error, 0 warnings)")
                .contains("2 files: 1 valid, 1 invalid, 0 warnings");
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void jsonListsEveryFindingWithItsFields() throws Exception {
        Path bad = write("bad.yml", "version: 0.2\nphases:\n  biuld:\n    commands: [make]\n");
        CliRunner r = CliRunner.run("validate", "--json", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode findings = new ObjectMapper().readTree(r.out());
        assertThat(findings).hasSize(1);
        JsonNode f = findings.get(0);
        assertThat(f.get("file").asText()).isEqualTo(bad.toString());
        assertThat(f.get("line").asInt()).isEqualTo(3);
        assertThat(f.get("column").asInt()).isEqualTo(3);
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("keyPath").asText()).isEqualTo("phases.biuld");
        assertThat(f.get("message").asText()).contains("did you mean 'build'?");
    }

    @Test
    void jsonForValidFilesIsAnEmptyList() throws Exception {
        Path good = write("good.yml", "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
        CliRunner r = CliRunner.run("validate", "--json", good.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).isArray()).isTrue();
        assertThat(new ObjectMapper().readTree(r.out())).isEmpty();
    }

    @Test
    void missingFileSaysItDoesNotExistAndWhereItLookedWithoutAPosition() {
        CliRunner r = CliRunner.run("validate", dir.resolve("nope.yml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out())
                .isEqualTo(dir.resolve("nope.yml") + ": error: the file does not exist (looked for "
                        + dir.resolve("nope.yml") + ")\n");
    }

    @Test
    void withoutArgumentsItLooksForBuildspecYmlHereAndNamesTheAbsolutePath() {
        // the tests run in the cli module's folder, which has no buildspec.yml
        assertThat(Path.of("buildspec.yml")).doesNotExist();
        CliRunner r = CliRunner.run("validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out())
                .isEqualTo("buildspec.yml: error: the file does not exist (looked for "
                        + Path.of("buildspec.yml").toAbsolutePath() + ")\n")
                .doesNotContain("NoSuchFile")
                .doesNotContain(":1:1:");
    }

    @Test
    void missingFileInJsonHasNoPosition() throws Exception {
        Path good = write("good.yml", "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
        CliRunner r = CliRunner.run(
                "validate", "--json", good.toString(), dir.resolve("nope.yml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode finding = new ObjectMapper().readTree(r.out()).get(0);
        assertThat(finding.get("file").asText())
                .isEqualTo(dir.resolve("nope.yml").toString());
        assertThat(finding.get("message").asText()).startsWith("the file does not exist");
        assertThat(finding.has("line")).isFalse();
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        CliRunner r = CliRunner.run("validate", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'").contains("Usage: codebuild-local validate");
    }
}
