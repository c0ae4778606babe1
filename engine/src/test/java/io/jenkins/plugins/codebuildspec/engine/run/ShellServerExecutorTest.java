package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell server path, with the server run here by a real {@code sh} (as the Jenkins plugin runs it inside
 * a container through {@code docker exec}): commands, environments, exit codes, output, kills and a whole
 * build through {@link BuildRunner}.
 */
class ShellServerExecutorTest {
    @TempDir
    Path temp;

    private Process server;
    private ShellServerExecutor executor;
    private Path dir;

    @BeforeEach
    void startServer() throws Exception {
        dir = Files.createDirectories(temp.resolve("server"));
        Path script = dir.resolve("shell-server.sh");
        Files.writeString(script, ShellServerExecutor.script());
        server = new ProcessBuilder("/bin/sh", script.toString(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        executor = ShellServerExecutor.connect(
                dir,
                Duration.ofSeconds(20),
                server::isAlive,
                java.util.UUID.randomUUID().toString());
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server.isAlive()) {
            executor.close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private record Ran(int code, String output) {}

    private Ran run(List<String> argv, Map<String, String> env, String cwd) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = executor.start(argv, env, cwd, out).waitFor();
        return new Ran(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandGetsExactlyItsEnvironmentWorkingDirectoryAndExitCode() throws Exception {
        String odd = "it's $HOME `x` \"q\" \\ back\nsecond line";
        Ran ran = run(
                List.of("/bin/sh", "-c", "printf '%s|' \"$ODD\" \"$(pwd)\"; env | grep -c SERVER_ONLY; exit 7"),
                Map.of("PATH", System.getenv("PATH"), "ODD", odd, "not-a-name", "x"),
                temp.toString());

        assertThat(ran.code()).isEqualTo(7);
        assertThat(ran.output()).isEqualTo(odd + "|" + temp + "|0\n");
    }

    @Test
    void outputOfALongCommandArrivesWhileItRuns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandExecutor.RunningCommand command = executor.start(
                List.of("/bin/sh", "-c", "echo first; sleep 2; echo second"),
                Map.of("PATH", System.getenv("PATH")),
                temp.toString(),
                out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString(StandardCharsets.UTF_8).contains("first") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\n");
        assertThat(command.waitFor()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        assertThat(dir.toFile().list((d, name) -> name.matches("\\d+\\..*"))).isEmpty();
    }

    @Test
    void killEndsTheCommandAndItsBackgroundProcessesButNotTheServer() throws Exception {
        Path marker = temp.resolve("bg.pid");
        CommandExecutor.RunningCommand command = executor.start(
                List.of("/bin/sh", "-c", "sleep 4721 & echo $! > " + marker + "; sleep 4722"),
                Map.of("PATH", System.getenv("PATH")),
                temp.toString(),
                new ByteArrayOutputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long background = Long.parseLong(Files.readString(marker).trim());

        command.kill();

        assertThat(ProcessHandle.of(background).map(ProcessHandle::isAlive).orElse(false))
                .as("the background sleep")
                .isFalse();
        assertThat(server.isAlive()).as("the server").isTrue();
        assertThat(run(List.of("/bin/sh", "-c", "echo still serving"), Map.of(), temp.toString())
                        .output())
                .isEqualTo("still serving\n");
    }

    @Test
    void aCommandsVariablesAreNotLeftInAFileWhileItRuns() throws Exception {
        String secret = "sh-server-secret-4741";
        Path waiting = temp.resolve("waiting");
        Path go = temp.resolve("go");
        CommandExecutor.RunningCommand command = executor.start(
                List.of("/bin/sh", "-c", "touch waiting; while [ ! -f go ]; do sleep 0.05; done; echo \"${#TOKEN}\""),
                Map.of("PATH", System.getenv("PATH"), "TOKEN", secret),
                temp.toString(),
                new ByteArrayOutputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(waiting) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // the executor notices the output file within its polling interval
        while (Files.exists(dir.resolve("1.run")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        java.util.Map<Path, String> files = new java.util.HashMap<>();
        try (var all = Files.list(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(f, Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        Files.createFile(go);
        assertThat(command.waitFor()).isZero();

        files.forEach((f, text) -> assertThat(text).as(f.toString()).doesNotContain(secret));
    }

    @Test
    void killRemainingEndsProcessesThatClearedTheirEnvironment() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new LocalProcessExecutor().keepsOrphans(), "no perl keeper here (Linux with perl only)");
        Path marker = temp.resolve("started");
        try {
            Ran ran = run(
                    List.of("/bin/sh", "-c", "env -i sleep 4731 & env -i sh -c 'sleep 4732 &'; touch " + marker),
                    Map.of("PATH", System.getenv("PATH")),
                    temp.toString());
            assertThat(ran.code()).isZero();
            assertThat(sleeps("473")).as("running before the kill").isNotEmpty();

            executor.killRemaining();

            assertThat(sleeps("473")).isEmpty();
            assertThat(server.isAlive()).as("the server").isTrue();
        } finally {
            sleeps("473").forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> sleeps(String prefix) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep " + prefix))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void aBuildRunsWithCodeBuildShellStateThroughTheServer() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        var spec = new BuildspecParser()
                .parse(
                        "buildspec.yml",
                        """
                        version: 0.2
                        env:
                          exported-variables: [GREETING]
                        phases:
                          build:
                            commands:
                              - export GREETING="hello from $(basename $(pwd))"
                              - mkdir -p sub && cd sub
                              - echo "now in $(basename $(pwd)) with $GREETING"
                              - exit 3
                          post_build:
                            commands:
                              - echo "post_build after a failure, succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                        """)
                .orThrow();
        RecordingLog log = new RecordingLog();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("proj", 3))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BuildResult> future = pool.submit(() -> new BuildRunner(executor, log).run(request));
            BuildResult result = future.get(60, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(BuildStatus.FAILED);
            assertThat(result.exportedVariables()).containsEntry("GREETING", "hello from src");
            assertThat(log.text())
                    .contains("now in sub with hello from src")
                    .contains("post_build after a failure, succeeding=0");
        } finally {
            pool.shutdownNow();
        }
        assertThat(new File(dir.toString()).isDirectory()).isTrue();
    }
}
