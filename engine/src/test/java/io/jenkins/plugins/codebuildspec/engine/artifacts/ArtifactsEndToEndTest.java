package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalBuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseStatus;
import io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every artifact rule of the contract, run as a real build (real shell, real files), with the zip read
 * back by a zip reader: the exact entries, their contents and their Unix modes.
 */
class ArtifactsEndToEndTest {
    @TempDir
    Path temp;

    Path src;
    Path out;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        src = Files.createDirectories(temp.resolve("src"));
        out = temp.resolve("out");
    }

    private void file(String path, String content) throws IOException {
        Path p = src.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private BuildResult build(String artifactsYaml) throws Exception {
        return build("phases:\n  build:\n    commands:\n      - echo building\n", artifactsYaml);
    }

    private BuildResult build(String phasesYaml, String artifactsYaml) throws Exception {
        String yaml = "version: 0.2\n" + phasesYaml + artifactsYaml;
        var spec = new BuildspecParser().parse("buildspec.yml", yaml).orThrow();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("myproject", 3))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .files(new LocalBuildFiles(new ArtifactPackager(
                        new LocalDirectoryStore(out), temp.resolve("zips"), List.of(src.resolve(".codebuild")))));
        BuildLog sink = new BuildLog() {
            @Override
            public void engine(String line) {
                log.add(line);
            }

            @Override
            public void output(String line) {
                log.add(line);
            }
        };
        return new BuildRunner(new LocalProcessExecutor(), sink).run(request);
    }

    /** Entry name to content (symlinks: "-> target"), in zip order. */
    private static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntriesInPhysicalOrder())) {
                String content = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                entries.put(e.getName(), e.isUnixSymlink() ? "-> " + content : content);
            }
        }
        return entries;
    }

    private static int mode(Path zip, String name) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            return z.getEntry(name).getUnixMode();
        }
    }

    private String logText() {
        return String.join("\n", log);
    }

    @Test
    void everythingPatternTakesDotfilesAndTopLevelFilesButNotTheRunnersOwnDirectory() throws Exception {
        file("a.txt", "A");
        file(".env.example", "DOT");
        file("dir/.hidden/x", "X");
        file("dir/b.txt", "B");
        file(".codebuild/logs/build-1.log", "runner's own");
        BuildResult r = build("artifacts:\n  files:\n    - '**/*'\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        Path zip = out.resolve("myproject.zip");
        assertThat(entries(zip))
                .containsExactly(
                        Map.entry(".env.example", "DOT"),
                        Map.entry("a.txt", "A"),
                        Map.entry("dir/.hidden/x", "X"),
                        Map.entry("dir/b.txt", "B"));
        assertThat(r.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.entries()).isEqualTo(4);
            assertThat(a.size()).isEqualTo(Files.size(zip));
            assertThat(a.sha256()).hasSize(64);
            assertThat(a.location()).isEqualTo(zip.toString());
        });
        assertThat(logText())
                .contains("Expanding base directory path: .")
                .contains("Assembling file list")
                .contains("Expanding **/*")
                .contains("Found 4 file(s)");
    }

    @Test
    void theFivePatternShapes() throws Exception {
        file("top.txt", "T");
        file("dir/file.txt", "F");
        file("dir/sub/deep.txt", "D");
        file("other/o.txt", "O");
        file("tree/a/b/c.txt", "C");
        BuildResult r = build("artifacts:\n  files:\n    - top.txt\n    - dir/file.txt\n    - 'other/*'\n"
                + "    - 'tree/**/*'\n    - 'dir/*'\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        assertThat(entries(out.resolve("myproject.zip")).keySet())
                .containsExactly("dir/file.txt", "other/o.txt", "top.txt", "tree/a/b/c.txt");
    }

    @Test
    void baseDirectoryGlobPackagesTheContentsOfEveryMatchedDirectory() throws Exception {
        file("build/linux/dist/app", "L");
        file("build/mac/dist/app.dmg", "M");
        file("build/mac/other/nope", "N");
        BuildResult r = build("artifacts:\n  base-directory: 'build/*/dist'\n  files:\n    - '**/*'\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        assertThat(entries(out.resolve("myproject.zip")))
                .containsExactly(Map.entry("app", "L"), Map.entry("app.dmg", "M"));
        assertThat(logText()).contains("Expanding base directory path: build/*/dist");
    }

    @Test
    void excludePathsStarStaysInAComponentAndDoubleStarCrossesDirectories() throws Exception {
        file("keep.txt", "k");
        file("skip.tmp", "s");
        file("sub/keep.tmp", "nested tmp is kept by *.tmp");
        file("logs/a/b/trace.log", "l");
        file("logs/keep.txt", "k2");
        BuildResult r =
                build("artifacts:\n  files:\n    - '**/*'\n  exclude-paths:\n    - '*.tmp'\n    - 'logs/**/*.log'\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        assertThat(entries(out.resolve("myproject.zip")).keySet())
                .containsExactly("keep.txt", "logs/keep.txt", "sub/keep.tmp");
    }

    @Test
    void discardPathsFlattensAndANameClashIsAnError() throws Exception {
        file("a/one.txt", "1");
        file("b/two.txt", "2");
        BuildResult ok = build("artifacts:\n  discard-paths: yes\n  files:\n    - '**/*'\n");
        assertThat(entries(out.resolve("myproject.zip")).keySet()).containsExactly("one.txt", "two.txt");
        assertThat(ok.succeeded()).isTrue();

        file("c/one.txt", "other one");
        BuildResult clash = build("artifacts:\n  discard-paths: yes\n  files:\n    - '**/*'\n");
        assertThat(clash.phase("UPLOAD_ARTIFACTS").orElseThrow().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(clash.phase("UPLOAD_ARTIFACTS")
                        .orElseThrow()
                        .contextMessage()
                        .orElseThrow())
                .isEqualTo("discard-paths: two files would have the same name one.txt in the artifact: a/one.txt"
                        + " and c/one.txt");
    }

    @Test
    void nameIsExpandedByTheBuildsShellWithItsFinalEnvironmentAndSlashesMakeFolders() throws Exception {
        file("app.jar", "jar");
        BuildResult r = build(
                "phases:\n  build:\n    commands:\n      - export VERSION=1.2.3\n",
                "artifacts:\n  name: releases/app-$VERSION-$(echo x$((1+1)))\n  s3-prefix: builds\n  files: [app.jar]\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        assertThat(out.resolve("builds/releases/app-1.2.3-x2.zip")).exists();
        assertThat(r.artifacts().get(0).name()).isEqualTo("releases/app-1.2.3-x2");
    }

    @Test
    void filesStillGrowingDuringUploadNeverGiveACorruptArtifactCalledGood() throws Exception {
        // the report of issue 11: 300 small files appended to by a background loop while they are zipped
        BuildResult r = build(
                "phases:\n  build:\n    commands:\n"
                        + "      - mkdir -p g; for i in $(seq 1 300); do head -c 20000 /dev/urandom > g/f$i; done\n"
                        + "      - (while :; do for i in $(seq 1 300); do printf 'x\\n' >> g/f$i; done; done)"
                        + " >/dev/null 2>&1 &\n"
                        + "      - sleep 0.5\n",
                "artifacts:\n  files: ['g/*']\n");
        Path zip = out.resolve("myproject.zip");
        var upload = r.phase("UPLOAD_ARTIFACTS").orElseThrow();
        if (upload.status() == PhaseStatus.SUCCEEDED) {
            // whichever way it went, an artifact called good reads back whole
            assertThat(ZipChecks.readEveryEntry(zip)).isEqualTo(300);
            assertThat(ZipChecks.unzipTestFailure(zip)).isEmpty();
            assertThat(r.artifacts().get(0).sha256()).isEqualTo(sha256(zip));
        } else {
            assertThat(r.succeeded()).isFalse();
            assertThat(upload.contextMessage().orElseThrow())
                    .containsPattern(src.toRealPath().resolve("g") + "/f\\d+ changed while the artifact was being"
                            + " packaged");
            assertThat(zip).as("nothing under the final name").doesNotExist();
            assertThat(r.artifacts()).isEmpty();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void anUnusableNameFailsUploadArtifactsSayingWhatIsAllowed() throws Exception {
        file("app.jar", "jar");
        for (String name : List.of(".", "a/.", "./", "a//b", "..", "../up", ".zip", "dir/.zip", "back\\slash")) {
            BuildResult r = build("artifacts:\n  name: '" + name + "'\n  files: [app.jar]\n");
            var upload = r.phase("UPLOAD_ARTIFACTS").orElseThrow();
            assertThat(upload.status()).as(name).isEqualTo(PhaseStatus.FAILED);
            assertThat(r.status()).as(name).isEqualTo(io.jenkins.plugins.codebuildspec.engine.run.BuildStatus.FAILED);
            assertThat(upload.contextCode()).as(name).contains("CLIENT_ERROR");
            assertThat(upload.contextMessage().orElseThrow())
                    .as(name)
                    .startsWith("artifacts.name '" + name + "' is not usable")
                    .contains("for example releases/app-1.2.3");
            assertThat(out).as(name + ": nothing stored").doesNotExist();
        }
        BuildResult secondary = build("artifacts:\n  files: [app.jar]\n  secondary-artifacts:\n"
                + "    docs:\n      files: [app.jar]\n      name: 'x/./'\n");
        assertThat(secondary
                        .phase("UPLOAD_ARTIFACTS")
                        .orElseThrow()
                        .contextMessage()
                        .orElseThrow())
                .startsWith("artifacts.secondary-artifacts.docs.name 'x/./' is not usable");
        assertThat(out).as("the primary artifact is not stored either").doesNotExist();
    }

    @Test
    void aSecretInAnArtifactNameOrReportIsMaskedInTheResultEveryFrontEndShows() throws Exception {
        String secret = "s3cr3t-9d8e";
        var spec = new BuildspecParser()
                .parse(
                        "buildspec.yml",
                        "version: 0.2\nphases:\n  build:\n    commands:\n      - echo a > a.txt\n"
                                + "      - printf '<testsuite><testcase classname=\"c\" name=\"t-%s\"><failure/>"
                                + "</testcase></testsuite>' \"$S1\" > TEST-x.xml\n"
                                + "reports:\n  unit-$S1:\n    files: [TEST-x.xml]\n"
                                + "artifacts:\n  name: art-$S1\n  s3-prefix: p\n  files: [a.txt]\n")
                .orThrow();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("myproject", 3))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .overrides(Map.of("S1", secret))
                .maskedValues(java.util.Set.of(secret))
                .files(new LocalBuildFiles(
                        new ArtifactPackager(new LocalDirectoryStore(out), temp.resolve("zips"), List.of())));
        BuildResult r = new BuildRunner(new LocalProcessExecutor(), BuildLog.to(System.out)).run(request);
        assertThat(r.succeeded()).isTrue();
        assertThat(io.jenkins.plugins.codebuildspec.engine.run.ResultMap.of(r).toString())
                .doesNotContain(secret)
                .contains("name=art-***")
                .contains("t-***");
        assertThat(r.toString()).doesNotContain(secret);
        assertThat(r.reports().get(0).failingTests()).singleElement().asString().contains("t-***");
        // the zip on disk keeps its real name; only what the build shows is masked
        assertThat(out.resolve("p/art-" + secret + ".zip")).exists();
    }

    @Test
    void aBackslashInAFileNameStaysInTheEntryName() throws Exception {
        file("back\\slash.txt", "B");
        file("dir\\name/inner.txt", "I");
        BuildResult all = build("artifacts:\n  files:\n    - '**/*'\n");
        assertThat(all.succeeded()).as(logText()).isTrue();
        assertThat(entries(out.resolve("myproject.zip")))
                .containsExactly(Map.entry("back\\slash.txt", "B"), Map.entry("dir\\name/inner.txt", "I"));

        BuildResult literal = build("artifacts:\n  files:\n    - 'back\\slash.txt'\n");
        assertThat(literal.succeeded()).as(logText()).isTrue();
        assertThat(entries(out.resolve("myproject.zip"))).containsExactly(Map.entry("back\\slash.txt", "B"));
    }

    @Test
    void aPatternMatchingNothingIsSkippedAndNothingAtAllFailsTheBuild() throws Exception {
        file("real.txt", "r");
        BuildResult partial = build("artifacts:\n  files:\n    - real.txt\n    - missing/*.jar\n");
        assertThat(partial.succeeded()).isTrue();
        assertThat(logText()).contains("Skipping invalid file path missing/*.jar");

        BuildResult none = build("artifacts:\n  files:\n    - nothing-here/**/*\n");
        assertThat(none.phase("UPLOAD_ARTIFACTS").orElseThrow().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(none.phase("UPLOAD_ARTIFACTS").orElseThrow().contextCode()).contains("CLIENT_ERROR");
        assertThat(none.phase("UPLOAD_ARTIFACTS").orElseThrow().contextMessage())
                .contains("no matching artifact paths found");
        assertThat(logText())
                .contains("Phase context status code: CLIENT_ERROR Message: no matching artifact paths found");
        assertThat(none.succeeded()).isFalse();
    }

    @Test
    void nothingOutsideTheSourceDirectoryIsEverPackaged() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside data");
        file("inside.txt", "in");
        Files.createSymbolicLink(src.resolve("escape-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(src.resolve("escape-dir"), outside);
        Files.createSymbolicLink(src.resolve("relative-escape"), Path.of("../outside/secret.txt"));
        for (String symlinks : List.of("no", "yes")) {
            BuildResult r = build("artifacts:\n  enable-symlinks: " + symlinks + "\n  files:\n    - '**/*'\n"
                    + "    - ../outside/secret.txt\n    - " + outside.resolve("secret.txt") + "\n");
            assertThat(r.succeeded()).as(logText()).isTrue();
            Map<String, String> entries = entries(out.resolve("myproject.zip"));
            assertThat(entries.keySet()).containsExactly("inside.txt");
            assertThat(entries.values()).noneMatch(v -> v.contains("outside data"));
        }
        assertThat(logText())
                .contains("Skipping invalid file path ../outside/secret.txt")
                .contains("Skipping symlink escape-file: it points outside the source directory")
                .contains("Skipping symlink relative-escape: it points outside the source directory");
    }

    @Test
    void symlinksInsideAreLinksWithEnableSymlinksAndContentWithout() throws Exception {
        file("real/target.txt", "T");
        Files.createSymbolicLink(src.resolve("link.txt"), Path.of("real/target.txt"));
        build("artifacts:\n  enable-symlinks: yes\n  files:\n    - '**/*'\n");
        Path zip = out.resolve("myproject.zip");
        assertThat(entries(zip))
                .containsExactly(Map.entry("link.txt", "-> real/target.txt"), Map.entry("real/target.txt", "T"));
        assertThat(mode(zip, "link.txt") & 0170000).isEqualTo(0120000);

        build("artifacts:\n  enable-symlinks: no\n  files:\n    - '**/*'\n");
        assertThat(entries(zip)).containsExactly(Map.entry("link.txt", "T"), Map.entry("real/target.txt", "T"));
    }

    @Test
    void unixModesAreKeptSoHookScriptsStayExecutable() throws Exception {
        file("scripts/start.sh", "#!/bin/sh\n");
        file("config/private.key", "k");
        Files.setPosixFilePermissions(src.resolve("scripts/start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(src.resolve("config/private.key"), PosixFilePermissions.fromString("rw-------"));
        build("artifacts:\n  files:\n    - '**/*'\n");
        Path zip = out.resolve("myproject.zip");
        assertThat(mode(zip, "scripts/start.sh")).isEqualTo(0100755);
        assertThat(mode(zip, "config/private.key")).isEqualTo(0100600);
    }

    @Test
    void secondaryArtifactsAreEachTheirOwnZip() throws Exception {
        file("app/app.jar", "jar");
        file("docs/index.html", "<html>");
        BuildResult r = build("artifacts:\n  files: ['app/**/*']\n  name: app\n  secondary-artifacts:\n"
                + "    docs:\n      base-directory: docs\n      files: ['**/*']\n      name: site\n"
                + "    sources:\n      files: ['**/*']\n");
        assertThat(r.succeeded()).as(logText()).isTrue();
        assertThat(r.artifacts()).extracting(a -> a.identifier()).containsExactly("", "docs", "sources");
        assertThat(entries(out.resolve("app.zip")).keySet()).containsExactly("app/app.jar");
        assertThat(entries(out.resolve("site.zip")).keySet()).containsExactly("index.html");
        assertThat(entries(out.resolve("sources.zip")).keySet()).containsExactly("app/app.jar", "docs/index.html");
    }

    @Test
    void artifactsAreUploadedAfterABuildFailureButNotAfterAnInstallFailure() throws Exception {
        file("out.txt", "o");
        BuildResult buildFailed =
                build("phases:\n  build:\n    commands:\n      - exit 1\n", "artifacts:\n  files: [out.txt]\n");
        assertThat(buildFailed.phase("UPLOAD_ARTIFACTS").orElseThrow().status()).isEqualTo(PhaseStatus.SUCCEEDED);
        assertThat(out.resolve("myproject.zip")).exists();
        Files.delete(out.resolve("myproject.zip"));

        BuildResult installFailed =
                build("phases:\n  install:\n    commands:\n      - exit 1\n", "artifacts:\n  files: [out.txt]\n");
        assertThat(installFailed.phase("UPLOAD_ARTIFACTS").orElseThrow().status())
                .isEqualTo(PhaseStatus.NOT_RUN);
        assertThat(out.resolve("myproject.zip")).doesNotExist();
    }

    @Test
    void codeDeployCheckFailsBeforeUploadWhenAHookScriptIsMissing() throws Exception {
        file(
                "appspec.yml",
                "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /opt/app\n"
                        + "hooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n      timeout: 60\n");
        file("app/run.sh", "run");
        var spec = new BuildspecParser()
                .parse(
                        "b.yml",
                        "version: 0.2\nphases:\n  build:\n    commands: [true]\nartifacts:\n  files: ['**/*']\n")
                .orThrow();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("cd", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .codeDeployCheck(true)
                .files(new LocalBuildFiles(
                        new ArtifactPackager(new LocalDirectoryStore(out), temp.resolve("zips"), List.of())));
        BuildResult r = new BuildRunner(new LocalProcessExecutor(), BuildLog.to(System.out)).run(request);
        assertThat(r.phase("UPLOAD_ARTIFACTS").orElseThrow().contextMessage())
                .contains(
                        "CodeDeploy check: the primary artifact: hook ApplicationStart script 'scripts/start.sh' is not in the"
                                + " artifact");
        assertThat(out.resolve("cd.zip")).as("nothing was stored").doesNotExist();
    }
}
