package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch build's env.image selects its container, as run --image does; a missing engine is said up front. */
class BatchImagesTest {
    @TempDir
    Path temp;

    /** A file only this machine has: the container sees the mounted directories, not this one. */
    private Path hostOnly() throws Exception {
        Path marker = Files.createDirectories(temp.resolve("not-mounted")).resolve("marker");
        Files.writeString(marker, "");
        return marker;
    }

    private Path project(String image) throws Exception {
        Path src = Files.createDirectories(temp.resolve("app"));
        Path marker = hostOnly();
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                batch:
                  build-list:
                    - identifier: in_image
                      env:
                        image: %s
                    - identifier: here
                phases:
                  build:
                    commands:
                      - 'if test -f %s; then echo host; else echo container; fi > where-$CODEBUILD_BATCH_BUILD_IDENTIFIER.txt'
                      - echo "image=$CODEBUILD_BUILD_IMAGE"
                artifacts:
                  files: ['where-*.txt']
                """
                        .formatted(image, marker));
        return src;
    }

    @Test
    void aBuildsImageRunsItInAContainerOfThatImage() throws Exception {
        String image = System.getenv("CODEBUILD_TEST_IMAGE");
        Assumptions.assumeTrue(
                image != null && !image.isBlank(),
                "no Docker engine and test image (CODEBUILD_TEST_IMAGE); .ci/run sets them up with .ci/docker-engine");
        Path src = project(image);
        Path out = temp.resolve("out");
        CliRunner r = CliRunner.run("batch", "-s", src.toString(), "-a", out.toString(), "--concurrent-builds", "1");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[in_image] image=" + image);
        assertThat(zipText(out.resolve("in_image/app.zip"), "where-in_image.txt"))
                .isEqualTo("container\n");
        assertThat(zipText(out.resolve("here/app.zip"), "where-here.txt")).isEqualTo("host\n");
    }

    @Test
    void withoutAnEngineTheBatchStopsBeforeAnythingRunsAndSaysWhatToDo() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix://" + temp.resolve("no-engine.sock"));
        var problem = DockerCheck.problem("docker", env, Map.of("in_image", "aws/codebuild/standard:7.0"));
        assertThat(problem).hasValueSatisfying(p -> assertThat(p)
                .contains("build in_image runs in image aws/codebuild/standard:7.0 (its env.image)")
                .contains("needs a Docker engine")
                .contains("--no-build-images"));
        var noClient = DockerCheck.problem(temp.resolve("no-docker-here").toString(), env, Map.of("in_image", "x:1"));
        assertThat(noClient).hasValueSatisfying(p -> assertThat(p).contains("cannot start"));
    }

    @Test
    void noBuildImagesRunsEveryBuildHereAndStillSetsTheImageVariable() throws Exception {
        Path src = project("aws/codebuild/standard:7.0");
        Path out = temp.resolve("out2");
        CliRunner r = CliRunner.run("batch", "-s", src.toString(), "-a", out.toString(), "--no-build-images");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[in_image] image=aws/codebuild/standard:7.0");
        assertThat(zipText(out.resolve("in_image/app.zip"), "where-in_image.txt"))
                .isEqualTo("host\n");
    }

    private static String zipText(Path zip, String entry) throws Exception {
        try (var z = new java.util.zip.ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(entry)).readAllBytes());
        }
    }
}
