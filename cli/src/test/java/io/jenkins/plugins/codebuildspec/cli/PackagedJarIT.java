package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
