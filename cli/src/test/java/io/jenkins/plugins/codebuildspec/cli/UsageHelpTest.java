package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help text stays readable at any width: a path is never split at its dot. */
class UsageHelpTest {
    private static String help(String command, int width) {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine sub = cli.getSubcommands().get(command);
        sub.setUsageHelpWidth(width);
        return sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void runHelpKeepsDotPathsWholeAtEveryWidth() {
        for (String command : List.of("run", "batch")) {
            for (int width = 55; width <= 140; width++) {
                String text = help(command, width);
                assertThat(text)
                        .as("%s --help at width %d", command, width)
                        .contains(".codebuild/artifacts")
                        .contains("~/.cache")
                        .doesNotContainPattern("\\.\\n\\s*codebuild")
                        .doesNotContain("\uE000");
            }
        }
    }

    @Test
    void validateHelpKeepsTheDefaultFileNameWhole() {
        for (int width = 55; width <= 140; width++) {
            assertThat(help("validate", width))
                    .as("validate --help at width %d", width)
                    .contains("buildspec.yml")
                    .doesNotContain("\uE000");
        }
    }

    @Test
    void runHelpAtTheDefaultWidthPrintsTheArtifactsDefault() {
        CliRunner r = CliRunner.run("run", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(".codebuild/artifacts in the source").doesNotContainPattern("\\.\\s+codebuild");
    }
}
