package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.secrets.LocalSecretResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's state on disk: private, free of secret values, and not left behind by runners that died. */
class BuildStateTest {
    private static final String SECRET = "s3cr3t-Value-4711";
    private static final String KEY = "AKIA-masked-4712";

    @TempDir
    Path temp;

    @Test
    void secretValuesNeverReachAFileInTheStateDirectoryAndItsFilesArePrivate() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path tmp = temp.resolve("tmp");
        var spec = new BuildspecParser()
                .parse(
                        "buildspec.yml",
                        """
                        version: 0.2
                        env:
                          variables:
                            PLAIN: visible
                          parameter-store:
                            TOKEN: /ci/token
                            GONE: /ci/token
                        phases:
                          pre_build:
                            commands:
                              - export DERIVED=plain-too; unset GONE
                              - test "$TOKEN" = "%s" && test "$KEY" = "%s"
                          build:
                            commands:
                              - touch waiting; while [ ! -f go ]; do sleep 0.05; done
                              - test "$TOKEN" = "%s" && test "$KEY" = "%s" && test "$DERIVED" = plain-too
                              - test -z "${GONE+set}"
                              - export KEY=changed-by-the-build
                              - test "$KEY" = changed-by-the-build
                              - readonly TOKEN
                              - test "$TOKEN" = "%s"
                        """
                                .formatted(SECRET, KEY, SECRET, KEY, SECRET))
                .orThrow();
        BuildRequest request = new BuildRequest(spec, src.toString(), tmp.toString(), BuildContext.of("p", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .overrides(Map.of("KEY", KEY))
                .maskedValues(Set.of(KEY))
                .secrets(LocalSecretResolver.of(Map.of("/ci/token", SECRET)));
        RecordingLog log = new RecordingLog();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Map<Path, String> files = new java.util.LinkedHashMap<>();
        Map<Path, String> modes = new java.util.LinkedHashMap<>();
        try {
            Future<BuildResult> future =
                    pool.submit(() -> new BuildRunner(new LocalProcessExecutor(), log).run(request));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(src.resolve("waiting")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // read while the build runs: it removes its state directory when it ends
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path f : all.toList()) {
                    modes.put(f, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                    if (Files.isRegularFile(f)) {
                        files.put(f, Files.readString(f, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            Files.createFile(src.resolve("go"));
            BuildResult result = future.get(60, TimeUnit.SECONDS);
            assertThat(result.status()).as(log.text()).isEqualTo(BuildStatus.SUCCEEDED);
        } finally {
            pool.shutdownNow();
        }

        assertThat(files.keySet()).anyMatch(f -> f.getFileName().toString().equals("state.env"));
        files.forEach((f, text) ->
                assertThat(text).as(f.toString()).doesNotContain(SECRET).doesNotContain(KEY));
        modes.forEach((f, mode) ->
                assertThat(mode).as(f.toString()).isEqualTo(files.containsKey(f) ? "rw-------" : "rwx------"));
    }

    @Test
    void theDirectoryOfADeadRunnerIsRemovedAtTheNextStartAndALiveOnesIsKept() throws Exception {
        Process gone = new ProcessBuilder("cat").start();
        String deadRecord = LocalTempDirectory.record(gone.toHandle());
        gone.getOutputStream().close();
        gone.waitFor();
        Path dead = dir(LocalTempDirectory.FAMILY + "dead", deadRecord);
        Path reused = dir(
                LocalTempDirectory.FAMILY + "reused",
                ProcessHandle.current().pid() + " 12345"); // this pid, but not this process's start
        Path live = dir(LocalTempDirectory.FAMILY + "live", LocalTempDirectory.record(ProcessHandle.current()));
        Path legacy = dir(LocalTempDirectory.FAMILY + "legacy", null);
        Path foreign = dir("other-tool-dead", deadRecord);

        Path created = LocalTempDirectory.create(List.of(temp), LocalTempDirectory.FAMILY + "new-");

        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).exists();
        assertThat(legacy).exists();
        assertThat(foreign).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
                .isEqualTo("rwx------");
        Path owner = created.resolve(LocalTempDirectory.OWNER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(owner)))
                .isEqualTo("rw-------");
        assertThat(LocalTempDirectory.alive(Files.readString(owner))).isTrue();
    }

    @Test
    void aBuildRemovesTheStateDirectoriesOfDeadRunnersInItsTemporaryDirectoryAndKeepsLiveOnes() throws Exception {
        Process gone = new ProcessBuilder("cat").start();
        String deadRecord = LocalTempDirectory.record(gone.toHandle());
        gone.getOutputStream().close();
        gone.waitFor();
        Path tmp = Files.createDirectories(temp.resolve("shared-tmp"));
        Path dead = Files.createDirectories(tmp.resolve("codebuild-p_dead"));
        Files.writeString(dead.resolve("state.env"), "export TOKEN=left-behind\n");
        Files.writeString(dead.resolve(LocalTempDirectory.OWNER), deadRecord);
        Path live = Files.createDirectories(tmp.resolve("codebuild-p_live"));
        Files.writeString(live.resolve(LocalTempDirectory.OWNER), LocalTempDirectory.record(ProcessHandle.current()));
        Path src = Files.createDirectories(temp.resolve("src2"));
        var spec = new BuildspecParser()
                .parse(
                        "buildspec.yml",
                        "version: 0.2\nphases:\n  build:\n    commands: [ls -a \"$CODEBUILD_SRC_DIR\"]\n")
                .orThrow();

        BuildResult result = new BuildRunner(new LocalProcessExecutor(), new RecordingLog())
                .run(new BuildRequest(spec, src.toString(), tmp.toString(), BuildContext.of("p", 2))
                        .baseEnvironment(Map.of("PATH", System.getenv("PATH"))));

        assertThat(result.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).as("only the live runner's directory").containsExactly(live);
        }
    }

    private Path dir(String name, String owner) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name).resolve("codebuild-p_1"));
        Files.writeString(dir.resolve("state.env"), "export X=1\n");
        if (owner != null) {
            Files.writeString(temp.resolve(name).resolve(LocalTempDirectory.OWNER), owner);
        }
        return temp.resolve(name);
    }
}
