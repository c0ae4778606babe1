package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** After {@code package}, the jar the README names runs, and no jar beside it fails to. */
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
}
