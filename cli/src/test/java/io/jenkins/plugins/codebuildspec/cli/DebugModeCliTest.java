package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --debug} and {@code --debug-on-failure}. The shell uses this process's own standard input
 * and output, so these runs are real {@code codebuild-local} processes with their input piped in, as a
 * script (or a user typing ahead) would give it.
 */
class DebugModeCliTest {
    @TempDir
    Path temp;

    private static final String BREAKPOINT_SPEC =
            """
            version: 0.2
            env:
              variables:
                MYVAR: from-buildspec
              parameter-store:
                DB_PASSWORD: /prod/db/password
            phases:
              build:
                commands:
                  - mkdir -p work && cd work
                  - MYVAR="$MYVAR+changed"
                  - echo "before the breakpoint"; codebuild-breakpoint; echo "after the breakpoint in $(basename "$PWD")"
                  - echo later-command-ran
            """;

    /** What a run printed (output and error, in one stream as a terminal shows them) and its exit code. */
    private record Run(int exitCode, String out) {}

    private Run codebuildLocal(String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().remove("CI");
        Process p = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("codebuild-local ended").isTrue();
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    }

    private Path project(String buildspec) throws Exception {
        Path src = Files.createDirectories(temp.resolve("app"));
        Files.writeString(src.resolve("buildspec.yml"), buildspec);
        Files.writeString(temp.resolve("secrets.env"), "DB_PASSWORD=hunter2-secret\n");
        return src;
    }

    @Test
    void debugPausesAtTheBreakpointWithTheBuildsStateAndResumes() throws Exception {
        Path src = project(BREAKPOINT_SPEC);

        Run r = codebuildLocal(
                "pwd; echo \"MYVAR=$MYVAR\"; echo \"password=$DB_PASSWORD\"; codebuild-resume\necho never-read\n",
                "run",
                "-s",
                src.toString(),
                "--secret-file",
                temp.resolve("secrets.env").toString(),
                "--debug");

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .containsSubsequence(
                        "before the breakpoint",
                        "Debug: paused at codebuild-breakpoint in BUILD",
                        src.resolve("work").toString() + "\n",
                        "MYVAR=from-buildspec+changed\n",
                        "password=hunter2-secret\n",
                        "codebuild-resume: resuming the build",
                        "Debug: the shell ended; resuming the build",
                        "after the breakpoint in work",
                        "later-command-ran",
                        "Build SUCCEEDED")
                .doesNotContain("never-read")
                .doesNotContain("not in debug mode");
        // the shell is the user's terminal; the build's log keeps the build's lines, masked
        String log = Files.readString(src.resolve(".codebuild/logs/build-1.log"));
        assertThat(log)
                .contains("Debug: paused at codebuild-breakpoint", "later-command-ran")
                .doesNotContain("hunter2-secret")
                .doesNotContain("MYVAR=from-buildspec+changed");
    }

    @Test
    void onATerminalTheShellIsInteractiveAndCodebuildResumeEndsIt() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/script")), "no /usr/bin/script (util-linux) to make a terminal");
        Path src = project(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cd / && export WHERE=at-the-breakpoint; codebuild-breakpoint
                      - echo resumed-after-the-terminal-shell
                """);
        String java = String.join(
                " ",
                quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp",
                quote(System.getProperty("java.class.path")),
                Main.class.getName(),
                "run",
                "-s",
                quote(src.toString()),
                "--debug");
        ProcessBuilder builder =
                new ProcessBuilder("/usr/bin/script", "-qec", java, "/dev/null").redirectErrorStream(true);
        builder.environment().remove("CI");
        builder.environment().put("TERM", "xterm");
        Process p = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // typed ahead: the terminal keeps it until the shell reads it; input stays open, as a keyboard's does
        OutputStream in = p.getOutputStream();
        in.write("echo \"terminal shell in $PWD with $WHERE\"\ncodebuild-resume\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        in.close();
        assertThat(ended).as("codebuild-local ended").isTrue();
        String text = out.get(10, TimeUnit.SECONDS).replace("\r", "");

        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text)
                .containsSubsequence(
                        "Debug: paused at codebuild-breakpoint in BUILD",
                        "codebuild-debug$ ",
                        "terminal shell in / with at-the-breakpoint",
                        "codebuild-resume: resuming the build",
                        "Debug: the shell ended; resuming the build",
                        "Build SUCCEEDED");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void withoutDebugTheBreakpointLogsAndTheBuildGoesOn() throws Exception {
        Path src = project(BREAKPOINT_SPEC);

        CliRunner r = CliRunner.run(
                "run",
                "-s",
                src.toString(),
                "--secret-file",
                temp.resolve("secrets.env").toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsSubsequence(
                        "before the breakpoint",
                        "codebuild-breakpoint: not in debug mode (codebuild-local run --debug), continuing",
                        "after the breakpoint in work",
                        "later-command-ran");
    }

    @Test
    void debugOnFailureOpensAShellAtTheFailedCommandAndTheBuildStillFails() throws Exception {
        Path src = project(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p target && cd target && export STAGE=compile
                      - STAGE=tests; ls missing-file
                      - echo must-not-run
                  post_build:
                    commands:
                      - echo "post_build ran, succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                """);

        Run r = codebuildLocal(
                "echo \"shell in $(basename \"$PWD\") at STAGE=$STAGE after exit $CODEBUILD_LAST_EXIT\"\nexit\n",
                "run",
                "-s",
                src.toString(),
                "--debug-on-failure");

        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out())
                .containsSubsequence(
                        "Command did not exit successfully STAGE=tests; ls missing-file exit status 2",
                        "Debug: command failed: a shell opens in " + src.resolve("target"),
                        "shell in target at STAGE=tests after exit 2",
                        "Debug: the shell ended; resuming the build",
                        "Phase complete: BUILD State: FAILED",
                        "post_build ran, succeeding=0",
                        "Build FAILED")
                .doesNotContain("must-not-run");
    }

    @Test
    void debugInAContainerOpensTheShellInsideIt() throws Exception {
        String image = System.getenv("CODEBUILD_TEST_IMAGE");
        Assumptions.assumeTrue(
                image != null && !image.isBlank(),
                "no Docker engine and test image (CODEBUILD_TEST_IMAGE); .ci/run sets them up with .ci/docker-engine");
        Path src = project(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - export WHERE=container; codebuild-breakpoint
                      - echo resumed-in-container
                """);

        Run r = codebuildLocal(
                "test -f /.dockerenv && echo \"shell inside: $WHERE $(cat /etc/debian_version)\"; codebuild-resume\n",
                "run",
                "-s",
                src.toString(),
                "--image",
                image,
                "--debug");

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .containsSubsequence("shell inside: container 12.", "resumed-in-container", "Build SUCCEEDED");
    }

    @Test
    void debugRefusesWhatCannotWork() throws Exception {
        Path src = project(BREAKPOINT_SPEC);

        CliRunner dry = CliRunner.run("run", "-s", src.toString(), "--debug", "--dryrun");
        assertThat(dry.exitCode()).isEqualTo(2);
        assertThat(dry.err()).contains("--debug has nothing to pause with --dryrun");

        CliRunner stdin = CliRunner.withStdin(BREAKPOINT_SPEC, "run", "-s", src.toString(), "-b", "-", "--debug");
        assertThat(stdin.exitCode()).isEqualTo(2);
        assertThat(stdin.err()).contains("--debug needs standard input for its shell");

        CliRunner batch = CliRunner.run("batch", "-s", src.toString(), "--debug-on-failure");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err()).contains("--debug-on-failure works with 'run' only");
    }

    @Test
    void helpDescribesBothFlags() {
        CliRunner r = CliRunner.run("run", "--help");
        assertThat(r.out()).contains("--debug ").contains("--debug-on-failure").contains("codebuild-breakpoint");
    }
}
