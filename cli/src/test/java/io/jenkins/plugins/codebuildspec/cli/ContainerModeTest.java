package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --image}: the build's commands run in a container (a real engine, set up by .ci/run). */
class ContainerModeTest {
    @TempDir
    Path temp;

    @Test
    void runWithImageRunsTheBuildInAContainerAndPackagesWhatItMade() throws Exception {
        String image = System.getenv("CODEBUILD_TEST_IMAGE");
        Assumptions.assumeTrue(
                image != null && !image.isBlank(),
                "no Docker engine and test image (CODEBUILD_TEST_IMAGE); .ci/run sets them up with .ci/docker-engine");
        Path src = Files.createDirectories(temp.resolve("app"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - 'test -f /.dockerenv && echo "inside: $(cat /etc/debian_version)" > where.txt'
                artifacts:
                  files: [where.txt]
                """);
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--image", image);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(src.resolve("where.txt"))).startsWith("inside: 12.");
        assertThat(src.resolve(".codebuild/artifacts/app.zip")).exists();
    }

    @Test
    void privilegedWithoutAnImageIsAUsageError() throws Exception {
        Path src = Files.createDirectories(temp.resolve("p"));
        Files.writeString(src.resolve("buildspec.yml"), "version: 0.2\nphases:\n  build:\n    commands: [true]\n");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--privileged");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--privileged needs --image");
    }
}
