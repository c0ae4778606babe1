package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code codebuildSpec} step in Pipelines, on the built-in node and on a permanent agent. */
@ExtendWith(Kit.class)
class PipelineIT {
    /** Exports a variable and names the artifact after it; the script reads both from the returned map. */
    static final String BUILDSPEC =
            """
            version: 0.2
            env:
              exported-variables:
                - APP_VERSION
            phases:
              install:
                commands:
                  - echo "installing on $(uname -s)"
              build:
                commands:
                  - export APP_VERSION=1.4.$CODEBUILD_BUILD_NUMBER
                  - mkdir -p dist && echo "app $APP_VERSION" > dist/app.txt
              post_build:
                commands:
                  - echo "post_build saw $APP_VERSION"
            artifacts:
              files:
                - 'dist/**/*'
              name: app-$APP_VERSION
            """;

    static String script(String node) {
        return """
                node(%s) {
                  writeFile file: 'buildspec.yml', text: '''%s'''
                  def r = codebuildSpec()
                  echo "RESULT status=${r.status} exported=${r.exportedVariables.APP_VERSION} artifact=${r.artifacts[0].name} archived=${r.artifacts[0].archivedPath} phases=${r.phases.collect { it.name }.join(',')}"
                }
                """
                .formatted(node, BUILDSPEC);
    }

    @Test
    void returnsExportedVariablesAndArtifactToASandboxedScriptOnTheBuiltInNode(Kit kit) throws Exception {
        Build build = kit.runPipeline("builtin", script("'built-in'"));

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("RESULT status=SUCCEEDED exported=1.4.1 artifact=app-1.4.1"
                        + " archived=codebuild/app-1.4.1.zip phases=")
                .contains("Entering phase BUILD")
                .contains("post_build saw 1.4.1")
                .doesNotContain("Scripts not permitted")
                .doesNotContain("RejectedAccessException");
        JsonNode artifacts = build.json().get("artifacts");
        assertThat(artifacts.findValuesAsText("relativePath")).contains("codebuild/app-1.4.1.zip");
        assertThat(kit.metadataRequests())
                .as("requests to the EC2 metadata service")
                .isEmpty();
    }

    @Test
    void runsOnAPermanentAgentLaunchedByCommand(Kit kit) throws Exception {
        kit.agent("kit-agent-1", "kit-agent linux");
        Build build = kit.runPipeline("agent", script("'kit-agent'"));

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("Running on kit-agent-1")
                .contains("RESULT status=SUCCEEDED exported=1.4.1 artifact=app-1.4.1");
        if (Processes.libdeflateInstalled()) {
            // the engine's JVM takes JNA from Jenkins core and finds the machine's libdeflate
            assertThat(console).contains(", deflated with libdeflate");
        }
        // The workspace, and so the build, was on the agent's disk.
        assertThat(console).contains(kit.agent("kit-agent-1", "kit-agent linux").toString());
    }

    @Test
    void failureWithPropagateFailsTheBuildNamingPhaseAndCommandWithoutAStackTrace(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "fail-propagate",
                """
                node {
                  writeFile file: 'buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - echo compiling
                      - exit 3
                  post_build:
                    commands:
                      - echo "post_build ran, CODEBUILD_BUILD_SUCCEEDING=$CODEBUILD_BUILD_SUCCEEDING"
                '''
                  codebuildSpec()
                  echo 'NOT REACHED'
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("FAILURE");
        assertThat(console)
                .contains("build FAILED in phase BUILD")
                .contains("exit 3")
                .contains("post_build ran, CODEBUILD_BUILD_SUCCEEDING=0")
                .doesNotContain("NOT REACHED")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void failureWithoutPropagateReturnsFailedAndPostBuildRan(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "fail-no-propagate",
                """
                node {
                  writeFile file: 'buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - exit 1
                  post_build:
                    commands:
                      - echo post_build ran
                '''
                  def r = codebuildSpec(propagate: false)
                  echo "RESULT status=${r.status} build=${r.phases.find { it.name == 'BUILD' }.status} post=${r.phases.find { it.name == 'POST_BUILD' }.status}"
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console).contains("post_build ran").contains("RESULT status=FAILED build=FAILED post=SUCCEEDED");
    }

    @Test
    void anInvalidBuildspecFailsWithFileLineAndColumnAndRunsNothing(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "invalid",
                """
                node {
                  writeFile file: 'ci/buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - echo SHOULD-NOT-RUN
                    on-failure: SOMETIMES
                '''
                  codebuildSpec(buildspec: 'ci/buildspec.yml')
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("FAILURE");
        assertThat(console)
                .containsPattern("ci/buildspec\\.yml:6:\\d+: .*on-failure")
                .contains("nothing was run")
                .doesNotContain("Running command echo SHOULD-NOT-RUN")
                .doesNotContain("\tat ");
    }

    @Test
    void twoCallsInOneBuildKeepTheirOwnArtifacts(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "two-calls",
                """
                node {
                  writeFile file: 'a/buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - echo first > out.txt
                artifacts:
                  files: [out.txt]
                  name: out
                '''
                  writeFile file: 'b/buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - echo second > out.txt
                artifacts:
                  files: [out.txt]
                  name: out
                '''
                  def one = codebuildSpec(sourceDirectory: 'a')
                  def two = codebuildSpec(sourceDirectory: 'b')
                  echo "ARCHIVED ${one.artifacts[0].archivedPath} ${two.artifacts[0].archivedPath}"
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("ARCHIVED (\\S+) (\\S+)").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        assertThat(m.group(1)).isNotEqualTo(m.group(2));
        assertThat(Zips.entryText(kit.jenkins().getBytes(build.path() + "artifact/" + m.group(1)), "out.txt"))
                .isEqualTo("first\n");
        assertThat(Zips.entryText(kit.jenkins().getBytes(build.path() + "artifact/" + m.group(2)), "out.txt"))
                .isEqualTo("second\n");
    }

    @Test
    void twoBuildsOfOneJobAtOnceDoNotClash(Kit kit) throws Exception {
        String job = kit.pipeline(
                "concurrent",
                """
                node {
                  writeFile file: 'buildspec.yml', text: '''version: 0.2
                cache:
                  paths:
                    - 'cached/**/*'
                phases:
                  build:
                    commands:
                      - mkdir -p cached && echo "$WHO" >> cached/seen.txt
                      - sleep 2
                      - echo "$WHO" > who.txt
                artifacts:
                  files: [who.txt]
                  name: who
                '''
                  def r = codebuildSpec(env: ["WHO=${params.WHO}"])
                  echo "ARCHIVED ${r.artifacts[0].archivedPath}"
                }
                """,
                java.util.List.of("WHO"));
        Build first = kit.jenkins().build(job, java.util.Map.of("WHO", "first"));
        Build second = kit.jenkins().build(job, java.util.Map.of("WHO", "second"));

        assertThat(first.awaitResult()).as(first.console()).isEqualTo("SUCCESS");
        assertThat(second.awaitResult()).as(second.console()).isEqualTo("SUCCESS");
        assertThat(first.number()).isNotEqualTo(second.number());
        assertThat(Zips.entryText(kit.jenkins().getBytes(first.path() + "artifact/codebuild/who.zip"), "who.txt"))
                .isEqualTo("first\n");
        assertThat(Zips.entryText(kit.jenkins().getBytes(second.path() + "artifact/codebuild/who.zip"), "who.txt"))
                .isEqualTo("second\n");
    }
}
