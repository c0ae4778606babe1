package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping a build through REST while a command runs a process tree leaves no process of the build. */
@ExtendWith(Kit.class)
class AbortIT {
    @Test
    void abortOnAnAgentKillsTheWholeProcessTree(Kit kit) throws Exception {
        kit.agent("kit-agent-1", "kit-agent linux");
        Build build = kit.runPipeline(
                "abort",
                """
                node('kit-agent') {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                phases:
                  build:
                    commands:
                      - echo started; (sleep 4711; echo never) & sh -c 'sleep 4712'
                  post_build:
                    commands:
                      - echo post_build
                \'\'\'
                  codebuildSpec()
                }
                """);
        build.awaitConsole("\nstarted\n", Duration.ofMinutes(2));
        assertThat(Processes.awaitSleeping("471", 2, Duration.ofSeconds(10)))
                .as("the build's processes while it runs")
                .hasSize(2);

        build.stop();

        String result = build.awaitResult();
        assertThat(result).as(build.console()).isEqualTo("ABORTED");
        assertThat(Processes.awaitGone("471", Duration.ofSeconds(20)))
                .as("processes of the aborted build still running")
                .isEmpty();
        assertThat(build.console()).doesNotContain("\nnever\n").doesNotContain("post_build\n");
    }
}
