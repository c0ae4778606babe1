package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code env.git-credential-helper: yes} in {@code codebuild-local run}: the build's git uses the user's own
 * credential helpers (the build has the user's HOME), or {@code --git-credential USER:ENV_VAR}. Runs the CLI
 * in a JVM of its own, since the build takes the environment (HOME) of the process that runs it.
 */
class GitCredentialCliTest {
    static final String BUILDSPEC =
            """
            version: 0.2
            env:
              git-credential-helper: yes
            phases:
              build:
                commands:
                  - printf 'protocol=https\\nhost=git.example.test\\n\\n' | git credential fill
            """;

    @TempDir
    Path dir;

    record Ran(int code, String out) {}

    /** A HOME whose ~/.gitconfig stores credentials in a file holding bob's, as `git config credential.helper store` does. */
    private Path home() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path store = home.resolve("credentials");
        Files.writeString(store, "https://bob:bobs-stored-password@git.example.test\n");
        Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store --file " + store + "\n");
        return home;
    }

    private Ran run(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().put("HOME", home().toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().putAll(extraEnv);
        Path out = dir.resolve("out.txt");
        Process p =
                builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out));
    }

    private Path project() throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj"));
        Files.writeString(src.resolve("buildspec.yml"), BUILDSPEC);
        return src;
    }

    @Test
    void theBuildUsesTheUsersOwnCredentialHelpersAndTheLogNamesThem() throws Exception {
        Path src = project();
        Ran r = run(Map.of(), "run", "-s", src.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("git-credential-helper: no git credential was given to the build; git uses the credential"
                        + " helpers it is configured with here: store")
                .contains("username=bob");
    }

    @Test
    void gitCredentialTakesThePasswordFromAnEnvironmentVariableAndMasksIt() throws Exception {
        Path src = project();
        Path json = dir.resolve("result.json");
        Ran r = run(
                Map.of("MY_GIT_TOKEN", "cli-s3cr3t-token"),
                "run",
                "-s",
                src.toString(),
                "--git-credential",
                "alice:MY_GIT_TOKEN",
                "--json",
                json.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("git-credential-helper: git uses the credential given to the build (username alice)")
                .contains("username=alice")
                .contains("password=***")
                .doesNotContain("bob")
                .doesNotContain("cli-s3cr3t-token");
        assertThat(Files.readString(json)).doesNotContain("cli-s3cr3t-token");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("%s", f).doesNotContain("cli-s3cr3t-token");
            }
        }
        assertThat(Files.readString(src.resolve(".codebuild/logs/build-1.log"))).contains("password=***");
    }

    @Test
    void aMalformedOrUnsetGitCredentialIsAUsageError() throws Exception {
        Path src = project();
        CliRunner noVariable = CliRunner.run("run", "-s", src.toString(), "--git-credential", "alice");
        assertThat(noVariable.exitCode()).isEqualTo(Main.INVALID);
        assertThat(noVariable.err()).contains("--git-credential takes USER:ENV_VAR");

        CliRunner unset = CliRunner.run(
                "run", "-s", src.toString(), "--git-credential", "alice:CODEBUILD_TEST_NO_SUCH_VARIABLE_123");
        assertThat(unset.exitCode()).isEqualTo(Main.INVALID);
        assertThat(unset.err())
                .contains("--git-credential: the environment variable CODEBUILD_TEST_NO_SUCH_VARIABLE_123 is not set");
        assertThat(src.resolve(".codebuild")).as("nothing ran").doesNotExist();
    }
}
