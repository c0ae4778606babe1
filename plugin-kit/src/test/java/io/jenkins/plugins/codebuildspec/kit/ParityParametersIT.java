package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What migrating teams' buildspecs use beyond a file in the workspace: an inline buildspec
 * ({@code buildspecText}), secondary sources ({@code CODEBUILD_SRC_DIR_<id>}, artifacts from them) and
 * {@code git-credential-helper: yes} with a Jenkins credential ({@code gitCredentialsId}); and the debug
 * breakpoint, which on Jenkins logs and continues.
 */
@ExtendWith(Kit.class)
class ParityParametersIT {
    private static final String TOKEN = "ghp-kit-token-8c1f0a";

    @Test
    void inlineBuildspecSecondarySourcesAndGitCredential(Kit kit) throws Exception {
        kit.agent("kit-agent-1", "kit-agent linux");
        kit.jenkins()
                .script(
                        """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                SystemCredentialsProvider.instance.store.addCredentials(Domain.global(),
                    new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'git-token', 'git', 'kit-bot', '%s'))
                """
                                .formatted(TOKEN));
        Build build = kit.runPipeline(
                "parity",
                """
                node('kit-agent') {
                  writeFile file: 'libs/common/dist/lib.txt', text: 'shared library'
                  def r = codebuildSpec buildspecText: \'\'\'version: 0.2
                env:
                  git-credential-helper: yes
                  exported-variables:
                    - LIBS
                    - GIT_USER
                phases:
                  build:
                    commands:
                      - echo "libs at $CODEBUILD_SRC_DIR_libs"
                      - export LIBS="$(cat "$CODEBUILD_SRC_DIR_libs/dist/lib.txt")"
                      - printf 'protocol=https\\\\nhost=git.example.test\\\\n\\\\n' | git credential fill > cred.txt
                      - export GIT_USER="$(sed -n 's/^username=//p' cred.txt)"
                      - cat cred.txt
                      - codebuild-breakpoint
                      - echo after the breakpoint
                artifacts:
                  files:
                    - '**/*'
                  base-directory: $CODEBUILD_SRC_DIR_libs/dist
                  name: libs
                \'\'\', secondarySources: ['libs=libs/common'], gitCredentialsId: 'git-token'
                  echo "RESULT libs=${r.exportedVariables.LIBS} user=${r.exportedVariables.GIT_USER} archived=${r.artifacts[0].archivedPath}"
                }
                """);
        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("libs at ")
                .contains("/libs/common\n")
                .contains("git-credential-helper: git gets Jenkins credential 'git-token'")
                .contains("username=kit-bot")
                .contains("password=***")
                .contains("codebuild-breakpoint: not in debug mode")
                .contains("after the breakpoint")
                .contains("RESULT libs=shared library user=kit-bot archived=codebuild/libs.zip")
                .doesNotContain(TOKEN);
        assertThat(Zips.entryText(kit.jenkins().getBytes(build.path() + "artifact/codebuild/libs.zip"), "lib.txt"))
                .as("the artifact packaged from the secondary source's directory")
                .isEqualTo("shared library");
    }

    @Test
    void badParametersAreRefusedBeforeAnythingRuns(Kit kit) throws Exception {
        Build both = kit.runPipeline(
                "parity-both",
                """
                node {
                  writeFile file: 'ci/build.yml', text: 'version: 0.2'
                  codebuildSpec buildspec: 'ci/build.yml', buildspecText: 'version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - echo ran\\n'
                }
                """);
        assertThat(both.awaitResult()).isEqualTo("FAILURE");
        assertThat(both.console())
                .contains("give buildspec (a file) or buildspecText")
                .doesNotContain("\nran\n");

        Build invalid = kit.runPipeline(
                "parity-invalid",
                """
                node {
                  codebuildSpec buildspecText: 'version: 0.2\\nphases:\\n  build:\\n    commands: [echo ran\\n'
                }
                """);
        assertThat(invalid.awaitResult()).isEqualTo("FAILURE");
        assertThat(invalid.console())
                .as("findings name the inline buildspec with line and column")
                .containsPattern("buildspecText:\\d+:\\d+: ")
                .doesNotContain("\nran\n");

        Build source = kit.runPipeline(
                "parity-source",
                """
                node {
                  codebuildSpec buildspecText: 'version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - echo ran\\n', secondarySources: ['2lib=nowhere']
                }
                """);
        assertThat(source.awaitResult()).isEqualTo("FAILURE");
        assertThat(source.console())
                .contains("secondarySources: entry 1: '2lib' is not a valid source identifier")
                .doesNotContain("\nran\n");

        Build missing = kit.runPipeline(
                "parity-missing",
                """
                node {
                  codebuildSpec buildspecText: 'version: 0.2\\nphases:\\n  build:\\n    commands:\\n      - echo ran\\n', secondarySources: ['lib=nowhere']
                }
                """);
        assertThat(missing.awaitResult()).isEqualTo("FAILURE");
        assertThat(missing.console())
                .containsPattern("secondarySources: lib's directory \\S*/nowhere is not a directory on the agent")
                .doesNotContain("\nran\n");
    }
}
