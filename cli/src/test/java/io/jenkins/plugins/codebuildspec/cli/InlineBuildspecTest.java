package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A buildspec given as text (CodeBuild's buildspec override): --buildspec-text, and -b - from stdin. */
class InlineBuildspecTest {
    private static final String SPEC = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo inline > made\n";
    private static final String BAD = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo \"a: b\"\n";

    @TempDir
    Path dir;

    @Test
    void buildspecTextRunsWithoutAnyBuildspecFile() throws Exception {
        CliRunner r = CliRunner.run("run", "-s", dir.toString(), "--buildspec-text", SPEC);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(dir.resolve("made"))).isEqualTo("inline\n");
    }

    @Test
    void dashReadsTheBuildspecFromStandardInput() throws Exception {
        CliRunner r = CliRunner.withStdin(SPEC, "run", "-s", dir.toString(), "-b", "-");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(dir.resolve("made"))).isEqualTo("inline\n");
    }

    @Test
    void anInvalidInlineBuildspecIsPositionedAsInlineAndRunsNothing() throws Exception {
        CliRunner text = CliRunner.run("run", "-s", dir.toString(), "--buildspec-text", BAD);
        CliRunner stdin = CliRunner.withStdin(BAD, "run", "-s", dir.toString(), "-b", "-");
        for (CliRunner r : new CliRunner[] {text, stdin}) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err())
                    .contains("<inline>:5:9: error: phases.build.commands[0] is a map, not a command")
                    .contains("the <inline> buildspec is not valid; nothing was run");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void bothBuildspecFlagsAtOnceIsAUsageError() {
        CliRunner r = CliRunner.run("run", "-s", dir.toString(), "-b", "x.yml", "--buildspec-text", SPEC);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-b or with --buildspec-text, not both");
    }

    @Test
    void validateChecksTextAndStandardInput() {
        CliRunner text = CliRunner.run("validate", "--buildspec-text", BAD);
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.out()).contains("<inline>:5:9: error:").contains("<inline>: INVALID");
        CliRunner stdin = CliRunner.withStdin(SPEC, "validate", "-");
        assertThat(stdin.exitCode()).as(stdin.out()).isZero();
        assertThat(stdin.out()).isEqualTo("<inline>: valid\n");
    }

    @Test
    void anInputOverTheSizeLimitIsRefusedUnread() {
        String huge = "version: 0.2\n#" + "x".repeat(1024 * 1024) + "\n";
        CliRunner r = CliRunner.withStdin(huge, "validate", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("<inline>").contains("1048576");
    }
}
