package io.jenkins.plugins.codebuildspec.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactPackager;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalBuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache across real builds: restore before INSTALL, save after success, keys, fallbacks, damage. */
class CacheTest {
    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    private BuildResult build(Path src, String yaml) throws Exception {
        return build(src, yaml, Map.of());
    }

    /** A build whose {@code secrets} are in its environment and masked, as secret-file values are. */
    private BuildResult build(Path src, String yaml, Map<String, String> secrets) throws Exception {
        log.clear();
        var spec = new BuildspecParser().parse("b.yml", yaml).orThrow();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("c", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .overrides(secrets)
                .maskedValues(java.util.Set.copyOf(secrets.values()))
                .files(new LocalBuildFiles(
                        new ArtifactPackager(
                                new LocalDirectoryStore(temp.resolve("out")), temp.resolve("z"), List.of()),
                        new LocalCache(temp.resolve("cache"))));
        return new BuildRunner(new LocalProcessExecutor(), new BuildLog() {
                    @Override
                    public void engine(String line) {
                        log.add(line);
                    }

                    @Override
                    public void output(String line) {
                        log.add(line);
                    }
                })
                .run(request);
    }

    private static final String SPEC =
            """
            version: 0.2
            phases:
              install:
                commands:
                  - 'if [ -f deps/lib.txt ]; then echo "deps restored: $(cat deps/lib.txt)"; else mkdir -p deps && echo v1 > deps/lib.txt && chmod 750 deps/lib.txt && echo "deps downloaded"; fi'
            cache:
              key: deps-$(codebuild-hash-files lock.json)
              fallback-keys:
                - deps-
              paths:
                - 'deps/**/*'
            """;

    @Test
    void aSuccessfulBuildSavesAndTheNextOneRestoresWithModes() throws Exception {
        Path first = Files.createDirectories(temp.resolve("first"));
        Files.writeString(first.resolve("lock.json"), "{\"a\":1}");
        assertThat(build(first, SPEC).succeeded()).isTrue();
        assertThat(String.join("\n", log))
                .contains("deps downloaded")
                .contains("Cache: saved 1 file(s) under key deps-");

        Path second = Files.createDirectories(temp.resolve("second"));
        Files.writeString(second.resolve("lock.json"), "{\"a\":1}");
        assertThat(build(second, SPEC).succeeded()).isTrue();
        assertThat(String.join("\n", log))
                .contains("Cache: restored 1 file(s) from key deps-")
                .contains("deps restored: v1")
                .contains("was restored as is; not saved again")
                .doesNotContain("Cache: saved");
        assertThat(Files.getPosixFilePermissions(second.resolve("deps/lib.txt")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void aChangedHashFallsBackToTheNewestEntryWithThePrefix() throws Exception {
        Path first = Files.createDirectories(temp.resolve("a"));
        Files.writeString(first.resolve("lock.json"), "one");
        build(first, SPEC);
        Path second = Files.createDirectories(temp.resolve("b"));
        Files.writeString(second.resolve("lock.json"), "two");
        build(second, SPEC);
        assertThat(String.join("\n", log))
                .containsPattern(
                        "Cache: restored 1 file\\(s\\) from key deps-[0-9a-f]{64} \\(fallback for deps-[0-9a-f]{64}\\)");
    }

    @Test
    void aFailedBuildSavesNothingAndRestoreOnlySavesNothing() throws Exception {
        Path src = Files.createDirectories(temp.resolve("f"));
        Files.writeString(src.resolve("lock.json"), "x");
        build(
                src,
                SPEC.replace("      - 'if", "      - exit 1\n      - 'if")
                        .replace("install:\n    commands:", "install:\n    commands:"));
        assertThat(String.join("\n", log)).doesNotContain("Cache: saved");
        build(src, SPEC + "  action: restore\n");
        assertThat(String.join("\n", log)).doesNotContain("Cache: saved");
        assertThat(temp.resolve("cache/entries")).doesNotExist();
    }

    @Test
    void aDamagedOrHalfWrittenEntryIsIgnoredWithAWarning() throws Exception {
        Path src = Files.createDirectories(temp.resolve("d"));
        Files.writeString(src.resolve("lock.json"), "x");
        build(src, SPEC);
        Path entry;
        try (Stream<Path> s = Files.list(temp.resolve("cache/entries"))) {
            entry = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .findFirst()
                    .orElseThrow();
        }
        // a crash mid-save leaves only a temporary directory, which is never read
        Files.createDirectories(temp.resolve("cache/entries/.tmp-crashed")).resolve("key");
        byte[] zip = Files.readAllBytes(entry.resolve("data.zip"));
        zip[zip.length / 2] ^= 0x55;
        Files.write(entry.resolve("data.zip"), zip);
        Path fresh = Files.createDirectories(temp.resolve("fresh"));
        Files.writeString(fresh.resolve("lock.json"), "x");
        BuildResult r = build(fresh, SPEC);
        assertThat(r.succeeded()).isTrue();
        assertThat(String.join("\n", log))
                .contains("its checksum does not match")
                .contains("deps downloaded");
    }

    @Test
    void hashFilesChangesWithContentAndIsStableOtherwise() throws Exception {
        Path src = Files.createDirectories(temp.resolve("h"));
        Files.writeString(src.resolve("package-lock.json"), "1");
        String a = HashFiles.substitute("npm-$(codebuild-hash-files package-lock.json)", src);
        String b = HashFiles.substitute("npm-$(codebuild-hash-files package-lock.json)", src);
        Files.writeString(src.resolve("package-lock.json"), "2");
        String c = HashFiles.substitute("npm-$(codebuild-hash-files package-lock.json)", src);
        assertThat(a).matches("npm-[0-9a-f]{64}").isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void aSecretInTheCacheKeyIsNeverStoredAndFallbackPrefixesStillMatch() throws Exception {
        String secret = "tenant-4e1f0b";
        String spec =
                """
                version: 0.2
                phases:
                  install:
                    commands:
                      - 'if [ -f deps/lib.txt ]; then echo "deps restored"; else mkdir -p deps && echo v1 > deps/lib.txt; fi'
                cache:
                  key: deps-$TENANT-$(codebuild-hash-files lock.json)
                  fallback-keys:
                    - deps-$TENANT-
                  paths:
                    - 'deps/**/*'
                """;
        Path first = Files.createDirectories(temp.resolve("first"));
        Files.writeString(first.resolve("lock.json"), "{\"a\":1}");
        assertThat(build(first, spec, Map.of("TENANT", secret)).succeeded()).isTrue();
        assertThat(String.join("\n", log)).contains("Cache: saved 1 file(s) under key deps-***-");
        try (Stream<Path> files = Files.walk(temp.resolve("cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(f.toString()).doesNotContain(secret);
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain(secret);
            }
        }

        // another lock file: no exact key, the fallback prefix (holding the secret too) still finds it
        Path second = Files.createDirectories(temp.resolve("second"));
        Files.writeString(second.resolve("lock.json"), "{\"a\":2}");
        assertThat(build(second, spec, Map.of("TENANT", secret)).succeeded()).isTrue();
        assertThat(String.join("\n", log)).contains("deps restored").contains("(fallback for deps-***-");
    }
}
