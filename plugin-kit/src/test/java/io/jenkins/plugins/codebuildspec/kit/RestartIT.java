package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A controller restart while a buildspec runs on an agent does not lose the build: the agent (inbound,
 * started by the test, so it outlives the controller) keeps running it, and the step picks it up again.
 */
@ExtendWith(Kit.class)
class RestartIT {
    static final String BUILDSPEC =
            """
            version: 0.2
            env:
              exported-variables: [STAMP]
            phases:
              install:
                commands:
                  - echo installing
              build:
                commands:
                  - echo before-restart
                  - sleep %s
                  - export STAMP=after-$CODEBUILD_BUILD_NUMBER
                  - echo after-restart
              post_build:
                commands:
                  - echo post-build-ran
            artifacts:
              files: [buildspec.yml]
              name: survived
            """;

    @BeforeEach
    void agent(Kit kit) throws Exception {
        kit.inboundAgent("restart-agent", "restart");
    }

    /**
     * A Pipeline build only a second old may not come back from a restart at all, whatever its steps:
     * workflow-cps then finds its first flow nodes missing from storage ("FlowNode was not found in
     * storage") and ends the build. A real build that restarts is older; so is this one, by a few seconds.
     */
    static void settle() throws InterruptedException {
        Thread.sleep(5000);
    }

    static String pipeline(String sleep, String wrapperOpen, String wrapperClose) {
        return """
                node('restart') {
                  writeFile file: 'buildspec.yml', text: '''%s'''
                  %s
                  def r = codebuildSpec()
                  echo "RESULT ${r.status} ${r.exportedVariables.STAMP} ${r.phases.collect { it.name + '=' + it.status }.join(',')} ${r.artifacts[0].archivedPath}"
                  %s
                }
                """
                .formatted(BUILDSPEC.formatted(sleep), wrapperOpen, wrapperClose);
    }

    @Test
    void aBuildRunningOnAnAgentFinishesAfterTheControllerRestarts(Kit kit) throws Exception {
        Build build = kit.runPipeline("restart", pipeline("25", "", ""));
        build.awaitConsole("\nbefore-restart\n", Duration.ofMinutes(2));
        settle();

        kit.jenkins().restart();

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("after-restart")
                .contains("post-build-ran")
                .contains("RESULT SUCCEEDED after-1 PROVISIONING=SUCCEEDED,INSTALL=SUCCEEDED,PRE_BUILD=SUCCEEDED,"
                        + "BUILD=SUCCEEDED,POST_BUILD=SUCCEEDED,UPLOAD_ARTIFACTS=SUCCEEDED codebuild/survived.zip");
        // The console goes on where it stopped: nothing lost, nothing twice.
        assertThat(console.split("\nbefore-restart\n", -1)).hasSize(2);
        assertThat(console.split("\nafter-restart\n", -1)).hasSize(2);
        assertThat(build.json().get("artifacts").findValuesAsText("relativePath"))
                .contains("codebuild/survived.zip");
    }

    @Test
    void aBuildInsideDockerImageInsideFinishesAfterTheControllerRestarts(Kit kit) throws Exception {
        StringBuilder why = new StringBuilder();
        String image = Kit.dockerImage(why).orElse(null);
        Assumptions.assumeTrue(image != null, () -> "skipped: " + why);
        Build build = kit.runPipeline("restart-docker", pipeline("25", "docker.image('" + image + "').inside {", "}"));
        build.awaitConsole("\nbefore-restart\n", Duration.ofMinutes(2));
        settle();

        kit.jenkins().restart();

        String result = build.awaitResult(Duration.ofMinutes(4));
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console).contains("after-restart").contains("post-build-ran").contains("RESULT SUCCEEDED after-1");
    }

    @Test
    void anAbortAfterTheRestartStillKillsTheBuildsProcesses(Kit kit) throws Exception {
        Build build = kit.runPipeline("restart-abort", pipeline("4751", "", ""));
        build.awaitConsole("\nbefore-restart\n", Duration.ofMinutes(2));
        settle();

        kit.jenkins().restart();
        assertThat(Processes.sleeping("4751"))
                .as("the build goes on through the restart")
                .hasSize(1);
        // the step has picked the build up again once the Pipeline has resumed on the reconnected agent
        build.awaitConsole("Resuming build", Duration.ofMinutes(2));
        Thread.sleep(3000);
        build.stop();

        assertThat(build.awaitResult(Duration.ofMinutes(2))).as(build.console()).isEqualTo("ABORTED");
        assertThat(Processes.awaitGone("4751", Duration.ofSeconds(20)))
                .as("processes of the build aborted after the restart")
                .isEmpty();
        assertThat(build.console()).doesNotContain("\nafter-restart\n");
    }
}
