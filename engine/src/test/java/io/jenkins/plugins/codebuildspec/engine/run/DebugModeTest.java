package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.batch.BatchTools;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debug mode with real shells: codebuild-breakpoint and codebuild-resume from the engine's tools on
 * PATH, the shell fed from a stream as a user's typing would be.
 */
class DebugModeTest {
    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream shellOutput = new ByteArrayOutputStream();

    private static Buildspec spec(String yaml) {
        return new BuildspecParser().parse("buildspec.yml", yaml).orThrow();
    }

    private BuildRequest request(String yaml) throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tools = BatchTools.install(temp.resolve("bin"));
        return new BuildRequest(spec(yaml), src.toString(), temp.resolve("tmp").toString(), BuildContext.of("proj", 1))
                .baseEnvironment(Map.of("PATH", tools + ":" + System.getenv("PATH")));
    }

    private DebugOptions debug(boolean breakpoints, boolean onFailure, InputStream typed) {
        return new DebugOptions(breakpoints, onFailure, CommandExecutor.Terminal.streams(typed, shellOutput));
    }

    private static InputStream typed(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private String shell() {
        return shellOutput.toString(StandardCharsets.UTF_8);
    }

    private static final String BREAKPOINT_SPEC =
            """
            version: 0.2
            env:
              variables:
                GREETING: hello
            phases:
              build:
                commands:
                  - mkdir -p sub && cd sub
                  - MYVAR="set in build"; export LATER=1
                  - echo before; codebuild-breakpoint; echo "after, in $(basename "$PWD")"
                  - echo next-command-ran
            """;

    @Test
    void withoutDebugModeTheBreakpointSaysSoAndTheBuildGoesOn() throws Exception {
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request(BREAKPOINT_SPEC));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines())
                .containsSubsequence(
                        "before",
                        "codebuild-breakpoint: not in debug mode (codebuild-local run --debug), continuing",
                        "after, in sub",
                        "next-command-ran");
    }

    @Test
    void codebuildResumeOutsideADebugShellHasNothingToResume() throws Exception {
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log)
                .run(
                        request(
                                """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - codebuild-resume
                        """));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines())
                .contains(
                        "codebuild-resume: no paused build to resume (this is not a codebuild-local run --debug shell)");
    }

    @Test
    void theBreakpointOpensAShellAtTheCommandsStateAndCodebuildResumeGoesOn() throws Exception {
        BuildRequest request = request(BREAKPOINT_SPEC)
                .debug(debug(
                        true,
                        false,
                        typed("pwd; echo \"$MYVAR/$GREETING/$LATER\"; codebuild-resume\necho typed-after-resume\n")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(shell())
                .contains(temp.resolve("src/sub").toString() + "\n")
                .contains("set in build/hello/1\n")
                .contains("codebuild-resume: resuming the build")
                .doesNotContain("typed-after-resume");
        assertThat(log.text()).contains("Debug: paused at codebuild-breakpoint in BUILD, command echo before;");
        assertThat(log.lines())
                .containsSubsequence("before", "after, in sub", "next-command-ran")
                .noneMatch(l -> l.contains("not in debug mode"));
        assertThat(log.text()).contains("Debug: the shell ended; resuming the build");
    }

    @Test
    void whatTheShellChangesStaysInTheShell() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - export KEEP=build; codebuild-breakpoint
                              - echo "KEEP=$KEEP"
                        """)
                .debug(debug(true, false, typed("KEEP=changed-in-shell; cd /; codebuild-resume\n")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines()).contains("KEEP=build");
    }

    @Test
    void theEndOfInputResumesEveryBreakpoint() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          install:
                            commands:
                              - codebuild-breakpoint
                          build:
                            commands:
                              - codebuild-breakpoint; echo second-resumed
                        """)
                .debug(debug(true, false, typed("")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines().stream().filter(l -> l.contains("Debug: paused at codebuild-breakpoint")))
                .hasSize(2);
        assertThat(log.lines()).contains("second-resumed");
    }

    @Test
    void aBashBuildGetsABashShell() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        env:
                          shell: bash
                        phases:
                          build:
                            commands:
                              - export N=4; codebuild-breakpoint
                              - echo resumed
                        """)
                .debug(debug(true, false, typed("echo \"bash ${BASH_VERSION%%.*} $((N * 2))\"\ncodebuild-resume\n")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(shell()).containsPattern("bash \\d+ 8\n");
        assertThat(log.lines()).contains("resumed");
    }

    @Test
    void onFailureAShellOpensAtTheFailedCommandsStateAndTheFailureStands() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - mkdir -p out && cd out && export STEP=compile
                              - STEP=test; false
                              - echo not-run
                            finally:
                              - echo finally-ran
                          post_build:
                            commands:
                              - echo "post_build ran with CODEBUILD_BUILD_SUCCEEDING=$CODEBUILD_BUILD_SUCCEEDING"
                        """)
                .debug(
                        debug(
                                false,
                                true,
                                typed(
                                        "echo \"in $(basename \"$PWD\") STEP=$STEP last=$CODEBUILD_LAST_EXIT ok=$CODEBUILD_BUILD_SUCCEEDING\"\n")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(shell()).contains("in out STEP=test last=1 ok=0\n");
        assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(result.phase("BUILD").orElseThrow().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase("BUILD").orElseThrow().contextMessage())
                .contains("Error while executing command: STEP=test; false. Reason: exit status 1");
        assertThat(log.lines())
                .containsSubsequence("finally-ran", "post_build ran with CODEBUILD_BUILD_SUCCEEDING=0")
                .doesNotContain("not-run");
        assertThat(log.text()).contains("Debug: command failed: a shell opens in " + temp.resolve("src/out"));
        // without --debug, breakpoints only log
        assertThat(log.text()).doesNotContain("Debug: paused");
    }

    @Test
    void onFailureAloneLeavesBreakpointsLoggingOnly() throws Exception {
        BuildRequest request = request(BREAKPOINT_SPEC).debug(debug(false, true, typed("")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines())
                .contains("codebuild-breakpoint: not in debug mode (codebuild-local run --debug), continuing");
        assertThat(shell()).isEmpty();
    }

    @Test
    void secretsStayMaskedInTheLogThoughTheShellHasThem() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - export TOKEN=s3cr3t-value; cd "$TOKEN-dir" 2>/dev/null || mkdir s3cr3t-value-dir && cd s3cr3t-value-dir
                              - codebuild-breakpoint
                        """)
                .maskedValues(Set.of("s3cr3t-value"))
                .debug(debug(true, false, typed("echo \"token=$TOKEN\"\n")));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(shell()).contains("token=s3cr3t-value");
        assertThat(log.text())
                .doesNotContain("s3cr3t-value")
                .contains("a shell opens in ")
                .contains("***-dir");
    }

    @Test
    void theTimeoutEndsAPausedBuildAndItsShell() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream typing = new PipedInputStream(keyboard); // nothing is ever typed
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - codebuild-breakpoint
                              - echo should-not-run
                        """)
                .timeout(Duration.ofSeconds(3))
                .debug(debug(true, false, typing));

        long begin = System.nanoTime();
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
        assertThat(log.text()).doesNotContain("should-not-run");
        keyboard.close();
    }

    @Test
    void theConsoleStepsAsideWhileTheShellIsOpen() throws Exception {
        AtomicInteger before = new AtomicInteger();
        List<String> order = new ArrayList<>();
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - codebuild-breakpoint
                        """)
                .debug(new DebugOptions(
                        true,
                        false,
                        CommandExecutor.Terminal.streams(typed("echo in-shell\n"), shellOutput),
                        () -> {
                            before.incrementAndGet();
                            order.add("before");
                        },
                        () -> order.add("after")));

        new BuildRunner(new LocalProcessExecutor(), log).run(request);

        assertThat(before).hasValue(1);
        assertThat(order).containsExactly("before", "after");
        assertThat(shell()).contains("in-shell");
    }
}
