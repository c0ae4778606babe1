package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code env.git-credential-helper: yes} with real builds and the real git: {@code git credential fill}
 * only asks the configured helpers (no network), so it shows which credential git would send.
 */
class GitCredentialHelperTest {
    /** Quotes, a dollar and spaces: it must reach git unchanged through every shell and file on the way. */
    static final String PASSWORD = "s3cr3t 'pw' $HOME \"x\"";

    static final String FILL = "printf 'protocol=https\\nhost=git.example.test\\n\\n' | git credential fill";

    @TempDir
    Path temp;

    static Map<String, String> machine(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        // the machine's /etc/gitconfig must not decide a test
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        return env;
    }

    /** A HOME whose ~/.gitconfig has helpers of the user's own, general and for the test host. */
    Path homeWithOwnHelpers() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(
                home.resolve(".gitconfig"),
                """
                [credential]
                \thelper = "!f() { echo username=users-own-helper; echo password=users-own-password; }; f"
                [credential "https://git.example.test"]
                \thelper = "!f() { echo username=users-url-helper; echo password=users-own-password; }; f"
                """);
        return home;
    }

    record Run(BuildResult result, String log, Path tmp) {}

    Run build(String yaml, Map<String, String> machine, boolean credential) throws Exception {
        return build(new LocalProcessExecutor(), yaml, machine, credential);
    }

    Run build(CommandExecutor executor, String yaml, Map<String, String> machine, boolean credential) throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tmp = temp.resolve("tmp");
        BuildRequest request = new BuildRequest(
                        new BuildspecParser().parse("buildspec.yml", yaml).orThrow(),
                        src.toString(),
                        tmp.toString(),
                        BuildContext.of("proj", 1))
                .baseEnvironment(machine);
        if (credential) {
            request.gitCredential("alice", PASSWORD);
        }
        RecordingLog log = new RecordingLog();
        BuildResult result = new BuildRunner(executor, log).run(request);
        return new Run(result, log.text(), tmp);
    }

    static List<Path> filesHolding(Path dir, String text) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.exists(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    @Test
    void gitGetsTheGivenCredentialInsteadOfTheUsersHelpersAndThePasswordIsMaskedAndInNoFile() throws Exception {
        Path home = homeWithOwnHelpers();
        Path tmp = temp.resolve("tmp");
        Run run = build(
                """
                version: 0.2
                env:
                  git-credential-helper: yes
                  exported-variables: [COPY]
                phases:
                  pre_build:
                    commands:
                      - export CARRIED=yes
                  build:
                    commands:
                      - %s
                      - cd /
                      - %s
                      - 'echo "password variable: $CODEBUILD_LOCAL_GIT_PASSWORD carried=$CARRIED"'
                      - 'grep -rlF -- "$CODEBUILD_LOCAL_GIT_PASSWORD" %s && echo PASSWORD-IN-A-FILE || echo no-file-holds-it'
                      - 'COPY="$CODEBUILD_LOCAL_GIT_PASSWORD"'
                """
                        .formatted(FILL, FILL, tmp),
                machine(home),
                true);

        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log())
                .contains("git-credential-helper: git uses the credential given to the build (username alice)")
                .contains("username=alice")
                .contains("password=***")
                .contains("password variable: *** carried=yes")
                .contains("no-file-holds-it")
                .doesNotContain("users-own-helper")
                .doesNotContain("users-url-helper")
                .doesNotContain("users-own-password")
                .doesNotContain("s3cr3t");
        assertThat(run.log().split("username=alice", -1))
                .as("both fills, also after cd /")
                .hasSize(3);
        assertThat(run.result().exportedVariables()).containsEntry("COPY", "***");
        assertThat(ResultMap.of(run.result()).toString()).doesNotContain("s3cr3t");
        assertThat(filesHolding(temp, "s3cr3t"))
                .as("files holding the password")
                .isEmpty();
        assertThat(filesHolding(temp, "GIT_CONFIG"))
                .as("files holding git's helper configuration")
                .isEmpty();
        try (Stream<Path> left = Files.list(run.tmp())) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(BuildRunner.STATE_FAMILY)))
                    .as("the build's state directory is removed")
                    .isEmpty();
        }
    }

    @Test
    void everyCommandGetsItWithVersion01ShellSemanticsToo() throws Exception {
        Run run = build(
                """
                version: 0.1
                env:
                  git-credential-helper: yes
                phases:
                  build:
                    commands:
                      - %s
                      - unset GIT_CONFIG_COUNT CODEBUILD_LOCAL_GIT_PASSWORD
                      - %s
                """
                        .formatted(FILL, FILL),
                machine(homeWithOwnHelpers()),
                true);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log().split("username=alice", -1)).hasSize(3);
        assertThat(run.log()).doesNotContain("s3cr3t").doesNotContain("users-own-helper");
    }

    @Test
    void aCommandThatUnsetsTheVariablesDoesNotTakeTheHelperFromTheNextOne() throws Exception {
        Run run = build(
                """
                version: 0.2
                env:
                  git-credential-helper: yes
                phases:
                  build:
                    commands:
                      - unset GIT_CONFIG_COUNT CODEBUILD_LOCAL_GIT_PASSWORD GIT_TERMINAL_PROMPT
                      - %s
                """
                        .formatted(FILL),
                machine(homeWithOwnHelpers()),
                true);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log()).contains("username=alice").contains("password=***");
    }

    @Test
    void withoutGitCredentialHelperYesGitGetsNothingFromTheBuild() throws Exception {
        String commands =
                """
                phases:
                  build:
                    commands:
                      - 'echo "count=${GIT_CONFIG_COUNT-unset} password=${CODEBUILD_LOCAL_GIT_PASSWORD-unset} prompt=${GIT_TERMINAL_PROMPT-unset}"'
                      - export GIT_TERMINAL_PROMPT=0 && %s
                """
                        .formatted(FILL);
        Path home = homeWithOwnHelpers();
        for (String env : List.of("", "env:\n  git-credential-helper: no\n")) {
            Run run = build("version: 0.2\n" + env + commands, machine(home), true);
            assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(run.log())
                    .as("buildspec env: %s", env)
                    .contains("count=unset password=unset prompt=unset")
                    .contains("username=users-own-helper")
                    .doesNotContain("alice")
                    .doesNotContain("git-credential-helper:");
        }
    }

    @Test
    void gitConfigCountFromTheBuildIsKeptAndOursGoesAfterItOnce() throws Exception {
        Run run = build(
                """
                version: 0.2
                env:
                  git-credential-helper: yes
                  variables:
                    GIT_CONFIG_COUNT: 1
                    GIT_CONFIG_KEY_0: user.name
                    GIT_CONFIG_VALUE_0: Build Bot
                phases:
                  build:
                    commands:
                      - echo "count=$GIT_CONFIG_COUNT"
                      - echo "count=$GIT_CONFIG_COUNT"
                      - 'echo "name=$(git config user.name)"'
                      - %s
                      - export GIT_CONFIG_COUNT=4 GIT_CONFIG_KEY_3=user.email GIT_CONFIG_VALUE_3=bot@example.test
                      - 'echo "count=$GIT_CONFIG_COUNT email=$(git config user.email) name=$(git config user.name)"'
                      - %s
                """
                        .formatted(FILL, FILL),
                machine(homeWithOwnHelpers()),
                true);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log().split("count=3\n", -1))
                .as("the same count for every command")
                .hasSize(3);
        assertThat(run.log())
                .contains("name=Build Bot")
                .contains("count=6 email=bot@example.test name=Build Bot")
                .doesNotContain("users-own-helper");
        assertThat(run.log().split("username=alice", -1)).hasSize(3);
    }

    @Test
    void runAsAnotherUserGetsTheCredentialToo() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean runuser = Files.exists(Path.of("/usr/sbin/runuser")) || Files.exists(Path.of("/sbin/runuser"));
        Assumptions.assumeTrue(root && runuser, "needs root and runuser to switch to another user");
        // the run-as user must reach the source and temp directories, as on a real agent
        temp.toFile().setExecutable(true, false);
        temp.toFile().setReadable(true, false);
        Files.createDirectories(temp.resolve("src")).toFile().setWritable(true, false);
        Run run = build(
                """
                version: 0.2
                env:
                  git-credential-helper: yes
                phases:
                  build:
                    run-as: nobody
                    commands:
                      - 'echo "as $(id -un)"'
                      - cd /tmp && %s
                """
                        .formatted(FILL),
                machine(homeWithOwnHelpers()),
                true);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log()).contains("as nobody").contains("username=alice").contains("password=***");
        assertThat(run.log()).doesNotContain("s3cr3t");
    }

    @Test
    void withoutACredentialTheLogSaysWhichHelpersGitUses() throws Exception {
        String yaml = "version: 0.2\nenv:\n  git-credential-helper: yes\nphases:\n  build:\n    commands:\n      - "
                + FILL + "\n";
        Run own = build(yaml, machine(homeWithOwnHelpers()), false);
        assertThat(own.result().status()).as(own.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(own.log())
                .contains("git-credential-helper: no git credential was given to the build; git uses the credential"
                        + " helpers it is configured with here: a shell command (!...), a shell command (!...)"
                        + " (for https://git.example.test)")
                .contains("username=users-own-helper")
                .as("the helpers' own text is not logged")
                .doesNotContain("echo username=users-own-helper");

        Path bare = Files.createDirectories(temp.resolve("bare-home"));
        Run none = build(yaml.replace(FILL, "echo done"), machine(bare), false);
        assertThat(none.log())
                .contains("git-credential-helper: no git credential was given to the build, and git has"
                        + " no credential helper configured here");

        Map<String, String> noGit = machine(bare);
        noGit.put("PATH", temp.resolve("no-such-bin").toString());
        Run missing = build(yaml.replace(FILL, "echo done"), noGit, false);
        assertThat(missing.log()).contains("and git is not installed where the commands run");
    }

    @Test
    void theHelperListsOfGitConfigAreReadInGitsOrder() {
        assertThat(GitHelpers.helpers("credential.helper\ncache --timeout=60\0"
                        + "credential.helper\n\0credential.helper\nstore --file /x\0"
                        + "credential.https://Example.COM/a.helper\n/usr/bin/git-credential-x\0"))
                .containsExactly("store", "/usr/bin/git-credential-x (for https://Example.COM/a)");
        assertThat(GitHelpers.helpers("")).isEmpty();
    }

    @Test
    void applyingTheHelperTwiceChangesNothingAndABogusCountIsLeftToGit() {
        GitCredential c = new GitCredential("alice", PASSWORD);
        Map<String, String> once = c.applyTo(Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "a.b"));
        assertThat(once)
                .containsEntry("GIT_CONFIG_COUNT", "3")
                .containsEntry("GIT_CONFIG_KEY_0", "a.b")
                .containsEntry("GIT_CONFIG_KEY_1", "credential.helper")
                .containsEntry("GIT_CONFIG_VALUE_1", "")
                .containsEntry("GIT_CONFIG_KEY_2", "credential.helper")
                .containsEntry("GIT_CONFIG_VALUE_2", GitCredential.HELPER)
                .containsEntry("GIT_TERMINAL_PROMPT", "0");
        assertThat(c.applyTo(once)).isEqualTo(once);
        assertThat(GitCredential.HELPER).doesNotContain("s3cr3t");
        assertThat(c.applyTo(Map.of("GIT_CONFIG_COUNT", "many")))
                .containsEntry("GIT_CONFIG_COUNT", "many")
                .doesNotContainKey("GIT_CONFIG_KEY_0")
                .containsEntry(GitCredential.PASSWORD_VARIABLE, PASSWORD);
    }

    @Test
    void theCredentialNeverShowsItsPassword() {
        assertThat(new GitCredential("alice", PASSWORD).toString())
                .isEqualTo("GitCredential[username=alice, password=***]");
        assertThatThrownBy(() -> new GitCredential("alice", "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password contains a line break")
                .hasMessageNotContaining("two");
        assertThatThrownBy(() -> new GitCredential("", "pw")).hasMessageContaining("username is empty");
    }

    @Test
    void theShellServerRunsTheHelperToo() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("server"));
        Path script = dir.resolve("shell-server.sh");
        Files.writeString(script, ShellServerExecutor.script());
        Process server = new ProcessBuilder("/bin/sh", script.toString(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("server.log").toFile())
                .start();
        try (ShellServerExecutor executor = ShellServerExecutor.connect(
                dir,
                java.time.Duration.ofSeconds(20),
                server::isAlive,
                java.util.UUID.randomUUID().toString())) {
            Run run = build(
                    executor,
                    """
                    version: 0.2
                    env:
                      git-credential-helper: yes
                    phases:
                      build:
                        commands:
                          - %s
                          - %s
                    """
                            .formatted(FILL, FILL),
                    machine(homeWithOwnHelpers()),
                    true);
            assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(run.log().split("username=alice", -1)).hasSize(3);
            assertThat(run.log()).contains("password=***").doesNotContain("s3cr3t");
        } finally {
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertThat(filesHolding(temp, "s3cr3t"))
                .as("files holding the password")
                .isEmpty();
    }
}
