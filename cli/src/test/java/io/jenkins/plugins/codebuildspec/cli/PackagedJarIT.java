package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code package}, the jar the README names runs, no jar beside it fails to, and what it bundles
 * for native code (JNA, for libdeflate) works from the jar.
 */
class PackagedJarIT {
    private final Path target = Path.of(System.getProperty("jar.directory", "target"));

    @Test
    void theReadmesJarRunsAndIsTheOnlyJar() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(target)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
        assertThat(jars).extracting(p -> p.getFileName().toString()).containsExactly("codebuild-local.jar");
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jars.get(0).toString(),
                        "-V")
                .redirectErrorStream(true)
                .start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(out).isZero();
        assertThat(out).startsWith("codebuild-local " + System.getProperty("expected.version") + " (commit ");
    }

    @Test
    void theLaunchersJvmSettingsApplyUnlessReplaced() throws Exception {
        Path launcher = Path.of("..", "codebuild-local").toAbsolutePath().normalize();
        // every java launcher reads JDK_JAVA_OPTIONS: here, to make the JVM print the flags it runs with
        Launched tuned = launch(launcher, Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags"), "-V");
        assertThat(tuned.exitCode()).as(tuned.out()).isZero();
        assertThat(tuned.out())
                .contains("-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=50000")
                .contains("codebuild-local " + System.getProperty("expected.version") + " (commit ");
        Launched plain = launch(
                launcher,
                Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags", "CODEBUILD_LOCAL_JAVA_OPTS", ""),
                "-V");
        assertThat(plain.exitCode()).as(plain.out()).isZero();
        assertThat(plain.out()).doesNotContain("UseSerialGC").contains("codebuild-local ");
    }

    @Test
    void theLauncherRunsTheJarBesideItAndSaysWhenThereIsNone(@TempDir Path dir) throws Exception {
        Path launcher = Files.copy(Path.of("..", "codebuild-local"), dir.resolve("codebuild-local"));
        Launched alone = launch(launcher, Map.of(), "-V");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.out()).contains("no codebuild-local.jar beside " + launcher);
        Files.copy(target.resolve("codebuild-local.jar"), dir.resolve("codebuild-local.jar"));
        Launched together = launch(launcher, Map.of(), "-V");
        assertThat(together.exitCode()).as(together.out()).isZero();
        assertThat(together.out()).startsWith("codebuild-local " + System.getProperty("expected.version"));
    }

    private record Launched(int exitCode, String out) {}

    private static Launched launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("CODEBUILD_LOCAL_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Launched(p.exitValue(), out);
    }

    @Test
    void theJarZipsWithTheMachinesLibdeflateThroughItsBundledJna(@TempDir Path dir) throws Exception {
        Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").start();
        String libraries = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldconfig.waitFor();
        assumeTrue(libraries.contains("libdeflate.so.0 "), "libdeflate0 is not installed on this machine");
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.writeString(source.resolve("notes.txt"), "a line of notes\n".repeat(2_000));
        Files.writeString(
                source.resolve("buildspec.yml"),
                "version: 0.2\nphases:\n  build:\n    commands:\n      - echo built\n"
                        + "artifacts:\n  files:\n    - notes.txt\n  name: notes\n");
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        target.resolve("codebuild-local.jar").toString(),
                        "run",
                        "-s",
                        source.toString(),
                        "-a",
                        dir.resolve("out").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(out).isZero();
        assertThat(out).contains("Packaged the primary artifact: 1 file(s)").contains(", deflated with libdeflate");
        try (java.util.zip.ZipFile zip =
                new java.util.zip.ZipFile(dir.resolve("out/notes.zip").toFile())) {
            assertThat(new String(zip.getInputStream(zip.getEntry("notes.txt")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("a line of notes\n".repeat(2_000));
        }
    }
}
