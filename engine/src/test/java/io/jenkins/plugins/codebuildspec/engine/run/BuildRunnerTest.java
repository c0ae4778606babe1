package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour that needs more than a scenario folder: cancellation, concurrency, CODEBUILD_* values. */
class BuildRunnerTest {
    @TempDir
    Path temp;

    private static Buildspec spec(String yaml) {
        return new BuildspecParser().parse("buildspec.yml", yaml).orThrow();
    }

    private BuildRequest request(Buildspec spec, Path src, String tmpName) throws Exception {
        Files.createDirectories(src);
        return new BuildRequest(spec, src.toString(), temp.resolve(tmpName).toString(), BuildContext.of("proj", 7))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")));
    }

    @Test
    void cancelKillsTheCommandAndEveryProcessItStartedAndRunsNothingMore() throws Exception {
        Path src = temp.resolve("src");
        Buildspec spec = spec(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - (sleep 300; echo orphan-survived > orphan.txt) &
                      - sh -c 'sleep 301' &
                      - nohup sleep 302 > /dev/null 2>&1 &
                      - echo "$$" > shell.pid; sleep 303
                    finally:
                      - echo finally-should-not-run
                  post_build:
                    commands: [echo post-build-should-not-run]
                """);
        RecordingLog log = new RecordingLog();
        BuildRunner runner = new BuildRunner(new LocalProcessExecutor(), log);
        BuildRequest request = request(spec, src, "tmp");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<BuildResult> future = pool.submit(() -> runner.run(request));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(src.resolve("shell.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sleepers()).as("the sleeps are running before the cancel").hasSizeGreaterThanOrEqualTo(4);
        runner.cancel();
        BuildResult result = future.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(result.status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(result.phase("BUILD").orElseThrow().status()).isEqualTo(PhaseStatus.STOPPED);
        assertThat(result.phase("POST_BUILD").orElseThrow().status()).isEqualTo(PhaseStatus.NOT_RUN);
        assertThat(log.text()).doesNotContain("should-not-run");
        assertThat(sleepers()).as("no process of the build is left").isEmpty();
        Thread.sleep(300);
        assertThat(src.resolve("orphan.txt")).doesNotExist();
    }

    /** The build's sleeps (300..304 s), wherever they were re-parented. */
    private static List<ProcessHandle> sleepers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*sleep 30[0-4].*"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void aBackgroundDaemonDoesNotBlockTheBuildAndIsEndedWithIt() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                phases:
                  install:
                    commands:
                      - nohup sh -c 'while true; do echo daemon-tick; sleep 0.2; done; sleep 304' > daemon.log 2>&1 &
                      - sleep 304 &
                  build:
                    commands:
                      - sleep 0.5; grep -q daemon-tick daemon.log
                """);
        long start = System.nanoTime();
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(request(spec, temp.resolve("daemon"), "td"));
        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(sleepers()).isEmpty();
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("daemon-tick"))
                        .filter(ProcessHandle::isAlive))
                .as("the daemon is ended with the build")
                .isEmpty();
    }

    /**
     * The real local executor, except that it refuses commands once stopped, as the Jenkins adapter does
     * when the build is aborted between two commands (named: a wrapper, not a fake process).
     */
    private static final class RefusingAfterOne implements CommandExecutor {
        private final LocalProcessExecutor real = new LocalProcessExecutor();
        private int started;

        @Override
        public RunningCommand start(List<String> argv, Map<String, String> env, String dir, java.io.OutputStream out)
                throws java.io.IOException {
            if (argv.get(argv.size() - 1).endsWith("command.sh") && ++started > 1) {
                throw new java.io.InterruptedIOException("the Jenkins build was stopped");
            }
            return real.start(argv, env, dir, out);
        }

        @Override
        public void writeFile(String path, String content) throws java.io.IOException {
            real.writeFile(path, content);
        }

        @Override
        public java.util.Optional<String> readFile(String path) throws java.io.IOException {
            return real.readFile(path);
        }

        @Override
        public void createDirectory(String path, boolean shared) throws java.io.IOException {
            real.createDirectory(path, shared);
        }

        @Override
        public void deleteRecursively(String path) throws java.io.IOException {
            real.deleteRecursively(path);
        }

        @Override
        public void killRemaining() throws InterruptedException {
            real.killRemaining();
        }
    }

    @Test
    void anAbortThatInterruptsTheExecutorStopsTheBuildRatherThanFaultingIt() throws Exception {
        Buildspec spec = spec("version: 0.2\nphases:\n  build:\n    commands: [echo one, echo two]\n"
                + "  post_build:\n    commands: [echo post-build-should-not-run]\n");
        RecordingLog log = new RecordingLog();
        BuildResult result = new BuildRunner(new RefusingAfterOne(), log).run(request(spec, temp.resolve("ab"), "ta"));
        assertThat(result.status()).as(log.text()).isEqualTo(BuildStatus.STOPPED);
        assertThat(result.phase("BUILD").orElseThrow().status()).isEqualTo(PhaseStatus.STOPPED);
        assertThat(result.phase("POST_BUILD").orElseThrow().status()).isEqualTo(PhaseStatus.NOT_RUN);
        assertThat(log.text()).doesNotContain("should-not-run").doesNotContain("FAULT");
    }

    @Test
    void eightBuildsAtOnceInOneJvmKeepTheirOwnVariablesDirectoriesAndState() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                phases:
                  pre_build:
                    commands:
                      - MINE="$BUILD_NAME"
                      - mkdir -p "work-$BUILD_NAME" && cd "work-$BUILD_NAME"
                  build:
                    commands:
                      - for i in 1 2 3 4 5; do test "$MINE" = "$BUILD_NAME" || exit 9; sleep 0.05; done
                      - 'test "$(basename "$(pwd)")" = "work-$BUILD_NAME" || exit 8'
                      - export RESULT="$MINE@$(basename "$(pwd)")"
                env:
                  exported-variables: [RESULT]
                """);
        int builds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        List<Future<BuildResult>> futures = new ArrayList<>();
        Path sharedTmp = temp.resolve("shared-tmp");
        for (int i = 0; i < builds; i++) {
            String name = "b" + i;
            Path src = temp.resolve("src-" + name);
            Files.createDirectories(src);
            BuildRequest request = new BuildRequest(spec, src.toString(), sharedTmp.toString(), BuildContext.of("p", i))
                    .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                    .overrides(Map.of("BUILD_NAME", name));
            futures.add(
                    pool.submit(() -> new BuildRunner(new LocalProcessExecutor(), new RecordingLog()).run(request)));
        }
        for (int i = 0; i < builds; i++) {
            BuildResult r = futures.get(i).get(60, TimeUnit.SECONDS);
            assertThat(r.status()).as("build %d", i).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(r.exportedVariables()).containsEntry("RESULT", "b" + i + "@work-b" + i);
        }
        pool.shutdown();
        try (var left = Files.list(sharedTmp)) {
            assertThat(left).as("every build removed its own state directory").isEmpty();
        }
    }

    @Test
    void codebuildVariablesHaveRealValuesIncludingGit() throws Exception {
        Path src = temp.resolve("repo");
        Files.createDirectories(src);
        git(src, "init", "-q", "-b", "feature/x");
        git(src, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "one");
        git(src, "remote", "add", "origin", "https://someone:ghp_tokenvalue@github.com/acme/app.git");
        String commit = new String(new ProcessBuilder("git", "-C", src.toString(), "rev-parse", "HEAD")
                        .start()
                        .getInputStream()
                        .readAllBytes())
                .strip();
        Buildspec spec = spec(
                """
                version: 0.2
                env:
                  exported-variables: [SEEN]
                phases:
                  build:
                    commands:
                      - false || true
                      - export SEEN="$CODEBUILD_BUILD_ID|$CODEBUILD_BUILD_NUMBER|$CODEBUILD_SRC_DIR|$CODEBUILD_CI|$CODEBUILD_RESOLVED_SOURCE_VERSION|$CODEBUILD_SOURCE_REPO_URL|$CODEBUILD_WEBHOOK_HEAD_REF|$CODEBUILD_INITIATOR|$CODEBUILD_BUILD_URL|$AWS_REGION|$CODEBUILD_BUILD_ARN|$CODEBUILD_BUILD_SUCCEEDING|$CODEBUILD_START_TIME|$CODEBUILD_BATCH_BUILD_IDENTIFIER|$CODEBUILD_BUILD_IMAGE|$CODEBUILD_LAST_EXIT"
                """);
        BuildContext context = BuildContext.of("my-project", 42)
                .withInitiator("codebuild-local/tester")
                .withBuildUrl("https://ci.example.com/job/app/42/")
                .withRegion("eu-west-1")
                .withAccountId("123456789012")
                .withBatchBuildIdentifier("linux_small")
                .withBuildImage("aws/codebuild/standard:7.0");
        BuildRequest request = request(spec, src, "tmp").context(context);
        long before = System.currentTimeMillis();
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog()).run(request);
        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        String[] v = result.exportedVariables().get("SEEN").split("\\|", -1);
        assertThat(v[0]).matches("my-project:[0-9a-f-]{36}").isEqualTo(result.buildId());
        assertThat(v[1]).isEqualTo("42");
        assertThat(v[2]).isEqualTo(src.toString());
        assertThat(v[3]).isEqualTo("true");
        assertThat(v[4]).isEqualTo(commit);
        assertThat(v[5]).as("credentials are stripped from the URL").isEqualTo("https://github.com/acme/app.git");
        assertThat(v[6]).isEqualTo("refs/heads/feature/x");
        assertThat(v[7]).isEqualTo("codebuild-local/tester");
        assertThat(v[8]).isEqualTo("https://ci.example.com/job/app/42/");
        assertThat(v[9]).isEqualTo("eu-west-1");
        assertThat(v[10]).isEqualTo("arn:aws:codebuild:eu-west-1:123456789012:build/" + result.buildId());
        assertThat(v[11]).isEqualTo("1");
        assertThat(Long.parseLong(v[12])).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(v[13]).isEqualTo("linux_small");
        assertThat(v[14]).isEqualTo("aws/codebuild/standard:7.0");
        assertThat(v[15]).as("the previous command's status").isEqualTo("0");
    }

    @Test
    void projectArnLogPathKmsKeyAndWebhookVariablesComeFromTheContext() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                env:
                  exported-variables: [SEEN, LOCAL_ARN]
                phases:
                  build:
                    commands:
                      - export SEEN="$CODEBUILD_PROJECT_ARN|$CODEBUILD_LOG_PATH|$CODEBUILD_KMS_KEY_ID|$CODEBUILD_WEBHOOK_EVENT|$CODEBUILD_WEBHOOK_PREV_COMMIT|$CODEBUILD_WEBHOOK_MERGE_COMMIT"
                """);
        BuildContext context = BuildContext.of("my-project", 7)
                .withRegion("eu-west-1")
                .withAccountId("123456789012")
                .withKmsKeyId("arn:aws:kms:eu-west-1:123456789012:key/abc")
                .withWebhook(BuildContext.WEBHOOK_EVENT, "PUSH")
                .withWebhook(BuildContext.WEBHOOK_PREV_COMMIT, "1111111")
                .withWebhook(BuildContext.WEBHOOK_MERGE_COMMIT, "2222222")
                .withWebhook(BuildContext.WEBHOOK_TRIGGER, "");
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(request(spec, temp.resolve("vars"), "tmp").context(context));
        String[] v = result.exportedVariables().get("SEEN").split("\\|", -1);
        assertThat(v[0]).isEqualTo("arn:aws:codebuild:eu-west-1:123456789012:project/my-project");
        assertThat(v[1])
                .as("the log stream: the build id's UUID")
                .isEqualTo(result.buildId().substring("my-project:".length()));
        assertThat(v[2]).isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/abc");
        assertThat(v[3]).isEqualTo("PUSH");
        assertThat(v[4]).isEqualTo("1111111");
        assertThat(v[5]).isEqualTo("2222222");
    }

    @Test
    void withoutRegionOrAccountTheProjectArnHasAStableLocalForm() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                env:
                  exported-variables: [ARN, KMS]
                phases:
                  build:
                    commands:
                      - export ARN="$CODEBUILD_PROJECT_ARN" KMS="${CODEBUILD_KMS_KEY_ID-unset}"
                """);
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(request(spec, temp.resolve("local"), "tmp").context(BuildContext.of("app", 1)));
        assertThat(result.exportedVariables())
                .containsEntry("ARN", "arn:aws:codebuild:local:000000000000:project/app")
                .containsEntry("KMS", "unset");
    }

    @Test
    void lastExitAndSucceedingAreTheEnginesEvenIfACommandOverwritesThem() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                env:
                  exported-variables: [AFTER]
                phases:
                  build:
                    on-failure: CONTINUE
                    commands:
                      - export CODEBUILD_BUILD_SUCCEEDING=42
                      - exit 5
                  post_build:
                    commands:
                      - export AFTER="$CODEBUILD_BUILD_SUCCEEDING/$CODEBUILD_LAST_EXIT"
                """);
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(request(spec, temp.resolve("s"), "t"));
        assertThat(result.exportedVariables()).containsEntry("AFTER", "0/5");
    }

    @Test
    void runAsAnotherUserSwitchesOrFailsWithAClearMessage() throws Exception {
        Buildspec spec = spec(
                """
                version: 0.2
                phases:
                  build:
                    run-as: nobody
                    commands:
                      - 'echo "whoami=$(id -un) var=$CARRIED"'
                  pre_build:
                    commands:
                      - CARRIED=from-pre-build
                """);
        RecordingLog log = new RecordingLog();
        Path src = temp.resolve("runas");
        Files.createDirectories(src);
        // the run-as user must reach the source and temp directories, as on a real agent
        temp.toFile().setExecutable(true, false);
        temp.toFile().setReadable(true, false);
        src.toFile().setWritable(true, false);
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), log).run(request(spec, src, "t2"));
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean runuser = Files.exists(Path.of("/usr/sbin/runuser")) || Files.exists(Path.of("/sbin/runuser"));
        if (root && runuser) {
            assertThat(result.status()).as(log.text()).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(log.text()).contains("whoami=nobody var=from-pre-build");
        } else {
            assertThat(result.phase("BUILD").orElseThrow().contextMessage().orElse(""))
                    .as(log.text())
                    .satisfiesAnyOf(
                            m -> assertThat(m).contains("run-as: cannot run commands as 'nobody'"),
                            m -> assertThat(m).contains("exit status"));
        }
    }

    @Test
    void buildTimeoutIsReportedWithTheConfiguredMinutes() throws Exception {
        Buildspec spec = spec("version: 0.2\nphases:\n  build:\n    commands: [sleep 20]\n");
        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(request(spec, temp.resolve("to"), "t3").timeout(Duration.ofMillis(500)));
        assertThat(result.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(result.phase("BUILD").orElseThrow().contextCode()).contains("BUILD_TIMED_OUT");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
