package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes that shed the build's cookie by clearing their environment ({@code env -i}) and escape the
 * process tree (backgrounded, re-parented) are still ended with the build: after success, timeout and
 * cancel. Real processes; each test's sleeps have their own durations (31xx s).
 */
class OrphansTest {
    @TempDir
    Path temp;

    @BeforeEach
    void keeperAvailable() {
        Assumptions.assumeTrue(
                new LocalProcessExecutor().keepsOrphans(),
                "no keeper on this machine (needs Linux on x86_64/aarch64/riscv64 and perl): only the cookie and"
                        + " the process tree find processes here, as docs/running.md says");
    }

    @BeforeEach
    @AfterEach
    void noSleepersLeft() {
        sleepers().forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> sleepers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*sleep 31[0-9][0-9].*"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static List<ProcessHandle> sleepers(String seconds) {
        return sleepers().stream()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep " + seconds))
                .toList();
    }

    private BuildRequest request(String yaml, String name) throws Exception {
        Buildspec spec = new BuildspecParser().parse("buildspec.yml", yaml).orThrow();
        Path src = Files.createDirectories(temp.resolve(name));
        return new BuildRequest(
                        spec, src.toString(), temp.resolve(name + "-tmp").toString(), BuildContext.of("p", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")));
    }

    @Test
    void environmentClearingBackgroundProcessesAreGoneAfterSuccess() throws Exception {
        BuildRequest request = request(
                """
                version: 0.2
                phases:
                  install:
                    commands:
                      - env -i sleep 3101 &
                      - env -i sh -c 'sleep 3102 & exit 0'
                      - (env -i setsid sleep 3103 &) ; true
                  build:
                    commands:
                      - test "$(ps -eo args | grep -c '^sleep 310[123]')" -ge 3 || echo sleepers-missing
                """,
                "ok");

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog()).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(sleepers("310"))
                .as("processes that cleared their environment")
                .isEmpty();
    }

    @Test
    void environmentClearingBackgroundProcessesAreGoneAfterTimeout() throws Exception {
        BuildRequest request = request(
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - env -i sleep 3111 &
                              - env -i sleep 3112
                        """,
                        "timeout")
                .timeout(Duration.ofSeconds(1));

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog()).run(request);

        assertThat(result.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(sleepers("311")).isEmpty();
    }

    @Test
    void environmentClearingBackgroundProcessesAreGoneAfterCancel() throws Exception {
        BuildRequest request = request(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - env -i sleep 3121 &
                      - env -i sh -c 'trap "" TERM; sleep 3122 & touch started; wait'
                """,
                "cancel");
        BuildRunner runner = new BuildRunner(new LocalProcessExecutor(), new RecordingLog());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BuildResult> future = pool.submit(() -> runner.run(request));
            Path started = Path.of(request.sourceDirectory(), "started");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(started) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sleepers("3122")).as("running before the cancel").isNotEmpty();
            runner.cancel();

            assertThat(future.get(30, TimeUnit.SECONDS).status()).isEqualTo(BuildStatus.STOPPED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sleepers("312")).isEmpty();
    }

    @Test
    void theKeeperPassesExitStatusAndPerlVariablesThroughUnchanged() throws Exception {
        LocalProcessExecutor executor = new LocalProcessExecutor();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = executor.start(
                        List.of("/bin/sh", "-c", "echo \"[$PERL5OPT]\"; kill -TERM $$"),
                        Map.of("PATH", System.getenv("PATH"), "PERL5OPT", "-MNo::Such::Module"),
                        temp.toString(),
                        out)
                .waitFor();

        assertThat(code).as("killed by TERM, as a shell reports it").isEqualTo(143);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("[-MNo::Such::Module]\n");
    }
}
