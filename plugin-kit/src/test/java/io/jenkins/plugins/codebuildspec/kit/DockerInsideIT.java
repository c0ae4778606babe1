package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code codebuildSpec} inside {@code docker.image(...).inside}: commands run in the container. */
@ExtendWith(Kit.class)
class DockerInsideIT {
    @Test
    void commandsRunInTheContainerAndTheArtifactIsArchived(Kit kit) throws Exception {
        StringBuilder why = new StringBuilder();
        String image = Kit.dockerImage(why).orElse(null);
        Assumptions.assumeTrue(image != null, () -> "skipped: " + why);

        Build build = kit.runPipeline(
                "docker",
                """
                node {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                env:
                  exported-variables:
                    - PID1
                phases:
                  build:
                    commands:
                      - export PID1="$(tr '\\\\0' ' ' < /proc/1/cmdline)"
                      - echo "pid 1 is $PID1" > where.txt
                artifacts:
                  files: [where.txt]
                  name: where
                \'\'\'
                  docker.image('%s').inside {
                    def r = codebuildSpec()
                    echo "RESULT ${r.status} pid1=${r.exportedVariables.PID1.trim()} archived=${r.artifacts[0].archivedPath}"
                  }
                }
                """
                        .formatted(image));

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        // docker.inside keeps its container alive with `cat` as process 1: the command ran in there.
        assertThat(console).contains("RESULT SUCCEEDED pid1=cat archived=codebuild/where.zip");
        assertThat(Zips.entryText(kit.jenkins().getBytes(build.path() + "artifact/codebuild/where.zip"), "where.txt"))
                .isEqualTo("pid 1 is cat \n");
    }

    @Test
    void abortInsideTheContainerKillsTheCommandsThere(Kit kit) throws Exception {
        StringBuilder why = new StringBuilder();
        String image = Kit.dockerImage(why).orElse(null);
        Assumptions.assumeTrue(image != null, () -> "skipped: " + why);

        Build build = kit.runPipeline(
                "docker-abort",
                """
                node {
                  writeFile file: 'buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - echo started; (sleep 4731; echo never) & sh -c 'sleep 4732'
                '''
                  docker.image('%s').inside {
                    codebuildSpec()
                  }
                }
                """
                        .formatted(image));
        build.awaitConsole("\nstarted\n", Duration.ofMinutes(2));
        assertThat(Processes.awaitSleeping("473", 2, Duration.ofSeconds(10)))
                .as("the build's processes in the container")
                .hasSize(2);

        build.stop();

        assertThat(build.awaitResult()).as(build.console()).isEqualTo("ABORTED");
        assertThat(Processes.awaitGone("473", Duration.ofSeconds(20)))
                .as("processes of the aborted build still running in the container")
                .isEmpty();
        assertThat(build.console()).doesNotContain("\nnever\n");
    }
}
