package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container mode against a real Docker engine and image: .ci/run starts one (.ci/docker-engine) and
 * passes DOCKER_HOST and CODEBUILD_TEST_IMAGE; without them these tests are skipped, saying why.
 */
class DockerExecutorTest {
    private static String image;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        image = System.getenv("CODEBUILD_TEST_IMAGE");
        Assumptions.assumeTrue(
                image != null && !image.isBlank(),
                "no Docker engine and test image (CODEBUILD_TEST_IMAGE); .ci/run sets them up with .ci/docker-engine");
        Process info =
                new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
        info.getInputStream().readAllBytes();
        Assumptions.assumeTrue(info.waitFor() == 0, "docker info failed: the Docker engine is not reachable");
    }

    private static Buildspec spec(String yaml) {
        return new BuildspecParser().parse("b.yml", yaml).orThrow();
    }

    private record Run(BuildResult result, String log, String container) {}

    private Run build(String yaml, boolean privileged) throws Exception {
        return build(yaml, privileged, r -> r);
    }

    private Run build(String yaml, boolean privileged, java.util.function.UnaryOperator<BuildRequest> more)
            throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        DockerExecutor docker = new DockerExecutor("docker", image, privileged, List.of(src, tmp), System.getenv());
        RecordingLog log = new RecordingLog();
        BuildRequest request = new BuildRequest(
                        spec(yaml),
                        src.toString(),
                        tmp.toString(),
                        BuildContext.of("docker", 1).withBuildImage(image))
                .timeout(java.time.Duration.ofMinutes(2));
        return new Run(new BuildRunner(docker, log).run(more.apply(request)), log.text(), docker.containerName());
    }

    private static boolean containerExists(String name) throws Exception {
        Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "name=" + name).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return !out.isEmpty();
    }

    @Test
    void commandsRunInTheContainerWithTheBuildsStateAndFilesOnTheHost() throws Exception {
        Run run = build(
                """
                version: 0.2
                env:
                  exported-variables: [WHERE]
                phases:
                  pre_build:
                    commands:
                      - 'test -f /.dockerenv && WHERE="container $(cat /etc/debian_version)"'
                      - mkdir -p out && cd out
                  build:
                    commands:
                      - 'echo "$WHERE image=$CODEBUILD_BUILD_IMAGE cwd=$(basename "$PWD")" | tee made-in-container.txt'
                """,
                false);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.result().exportedVariables().get("WHERE")).startsWith("container 12.");
        assertThat(Files.readString(temp.resolve("src/out/made-in-container.txt")))
                .contains("image=" + image)
                .contains("cwd=out");
        assertThat(containerExists(run.container())).as("container removed").isFalse();
    }

    @Test
    void theGitCredentialHelperWorksInsideTheContainer() throws Exception {
        // The test image may have no git: then the helper is run as git runs it (sh -c '<helper> get').
        Run run = build(
                """
                version: 0.2
                env:
                  git-credential-helper: yes
                phases:
                  build:
                    commands:
                      - 'echo "helper entries: $GIT_CONFIG_COUNT"'
                      - 'if command -v git >/dev/null; then printf "protocol=https\\nhost=h\\n\\n" | git credential fill;
                         else printf "protocol=https\\nhost=h\\n\\n" | sh -c "${GIT_CONFIG_VALUE_1#!} get"; fi'
                """,
                false,
                r -> r.gitCredential("alice", "container-s3cr3t"));
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log())
                .contains("helper entries: 2")
                .contains("username=alice")
                .contains("password=***")
                .doesNotContain("container-s3cr3t");
        assertThat(containerExists(run.container())).isFalse();
    }

    @Test
    void variableValuesStayOffTheDockerClientsCommandLine() throws Exception {
        String value = "cmdline-s3cr3t-" + java.util.UUID.randomUUID();
        java.util.Set<String> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> leaked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        // Everyone on the machine can read a process's command line: the build's values must not be there.
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (var procs = Files.list(Path.of("/proc"))) {
                    for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                            .toList()) {
                        try {
                            String cmdline = new String(
                                            Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                            if (cmdline.contains(" exec ") && cmdline.contains("codebuild-local-")) {
                                clients.add(cmdline);
                                if (cmdline.contains(value)) {
                                    leaked.add(cmdline);
                                }
                            }
                        } catch (java.io.IOException gone) {
                            // ended while we looked
                        }
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        watcher.start();
        Run run;
        try {
            run = build(
                    """
                    version: 0.2
                    env:
                      variables:
                        TOKEN: "%s"
                    phases:
                      build:
                        commands:
                          - 'test "$TOKEN" = "%s" && echo the command has the value'
                          - sleep 2
                    """
                            .formatted(value, value),
                    false);
        } finally {
            done.set(true);
            watcher.join();
        }
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(run.log()).contains("the command has the value");
        assertThat(clients).as("docker exec clients seen while the build ran").isNotEmpty();
        assertThat(leaked).as("docker exec command lines holding the value").isEmpty();
    }

    @Test
    void aFailedBuildStillRemovesItsContainer() throws Exception {
        Run run = build("version: 0.2\nphases:\n  build:\n    commands: ['exit 3']\n", false);
        assertThat(run.result().status()).isEqualTo(BuildStatus.FAILED);
        assertThat(run.log()).contains("Command did not exit successfully exit 3 exit status 3");
        assertThat(containerExists(run.container())).isFalse();
    }

    @Test
    void cancelStopsTheCommandInsideTheContainerAndRemovesIt() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        DockerExecutor docker = new DockerExecutor("docker", image, false, List.of(src, tmp), System.getenv());
        BuildRunner runner = new BuildRunner(docker, new RecordingLog());
        BuildRequest request = new BuildRequest(
                spec(
                        "version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 321 &\n      - touch started; sleep 322\n"),
                src.toString(),
                tmp.toString(),
                BuildContext.of("docker", 1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<BuildResult> future = pool.submit(() -> runner.run(request));
        for (int i = 0; i < 300 && !Files.exists(src.resolve("started")); i++) {
            Thread.sleep(50);
        }
        assertThat(src.resolve("started")).exists();
        runner.cancel();
        BuildResult result = future.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(result.status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(containerExists(docker.containerName())).isFalse();
    }

    /** Host processes whose command line holds {@code sleep <prefix>}: the container's are seen here too. */
    private static List<ProcessHandle> sleeps(String prefix) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep " + prefix))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void processesThatClearTheirEnvironmentEndWithTheContainerAfterSuccess() throws Exception {
        Run run = build(
                """
                version: 0.2
                phases:
                  install:
                    commands:
                      - env -i sleep 4801 &
                      - env -i sh -c 'sleep 4802 & exit 0'
                  build:
                    commands:
                      - test -d /proc/1
                """,
                false);
        assertThat(run.result().status()).as(run.log()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(containerExists(run.container())).isFalse();
        assertThat(sleeps("480")).isEmpty();
    }

    @Test
    void processesThatClearTheirEnvironmentEndWithTheContainerAfterCancel() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        DockerExecutor docker = new DockerExecutor("docker", image, false, List.of(src, tmp), System.getenv());
        BuildRunner runner = new BuildRunner(docker, new RecordingLog());
        BuildRequest request = new BuildRequest(
                spec("version: 0.2\nphases:\n  build:\n    commands:\n      - env -i sleep 4811 &\n"
                        + "      - touch started; env -i sleep 4812\n"),
                src.toString(),
                tmp.toString(),
                BuildContext.of("docker", 1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BuildResult> future = pool.submit(() -> runner.run(request));
            for (int i = 0; i < 300 && !Files.exists(src.resolve("started")); i++) {
                Thread.sleep(50);
            }
            assertThat(src.resolve("started")).exists();
            runner.cancel();
            assertThat(future.get(60, TimeUnit.SECONDS).status()).isEqualTo(BuildStatus.STOPPED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(containerExists(docker.containerName())).isFalse();
        assertThat(sleeps("481")).isEmpty();
    }

    @Test
    void privilegedGivesTheContainerEveryCapability() throws Exception {
        Process probe = new ProcessBuilder("docker", "run", "--rm", "--privileged", "--entrypoint", "true", image)
                .redirectErrorStream(true)
                .start();
        String why = new String(probe.getInputStream().readAllBytes()).strip();
        Assumptions.assumeTrue(
                probe.waitFor() == 0, "this machine's container runtime refuses privileged containers: " + why);
        String caps = "phases:\n  build:\n    commands:\n      - grep CapEff /proc/self/status\n";
        Run plain = build("version: 0.2\n" + caps, false);
        Run privileged = build("version: 0.2\n" + caps, true);
        long plainCaps = capabilities(plain.log());
        long privilegedCaps = capabilities(privileged.log());
        assertThat(Long.bitCount(privilegedCaps)).isGreaterThan(Long.bitCount(plainCaps));
    }

    private static long capabilities(String log) {
        var m = java.util.regex.Pattern.compile("CapEff:\\s+([0-9a-f]+)").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    @Test
    void anImageThatIsNotThereIsAClearFailure() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        DockerExecutor docker = new DockerExecutor("docker", "no-such-image:0", false, List.of(src), System.getenv());
        RecordingLog log = new RecordingLog();
        BuildResult r = new BuildRunner(docker, log)
                .run(new BuildRequest(
                                spec("version: 0.2\nphases:\n  build:\n    commands: [true]\n"), src.toString(),
                                temp.resolve("tmp").toString(), BuildContext.of("docker", 1))
                        .baseEnvironment(Map.of()));
        assertThat(r.status()).isIn(BuildStatus.FAULT, BuildStatus.FAILED);
        assertThat(log.text()).contains("cannot start a container of image no-such-image:0");
    }
}
