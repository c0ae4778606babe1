package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codebuild-local batch} over the batch-graph example and variations of it. */
class BatchCommandTest {
    @TempDir
    Path temp;

    private Path example() throws Exception {
        Path from = Path.of("..", "examples", "batch-graph").toAbsolutePath().normalize();
        Path to = temp.resolve("batch-graph");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    @Test
    void theGraphRunsInDependencyOrderEachBuildWithItsOwnArtifact() throws Exception {
        Path src = example();
        Path result = temp.resolve("batch.json");
        CliRunner r =
                CliRunner.run("batch", "-s", src.toString(), "--json", result.toString(), "--concurrent-builds", "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String out = r.out();
        assertThat(out.indexOf("Batch: lint SUCCEEDED")).isLessThan(out.indexOf("Batch: starting test_fast"));
        assertThat(out.indexOf("Batch: test_slow SUCCEEDED")).isLessThan(out.indexOf("Batch: starting package"));
        assertThat(out).contains("[test_slow] build test_slow runs test slow");
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("builds"))
                .extracting(b ->
                        b.get("identifier").asText() + "=" + b.get("status").asText())
                .containsExactly("lint=SUCCEEDED", "test_fast=SUCCEEDED", "test_slow=SUCCEEDED", "package=SUCCEEDED");
        assertThat(src.resolve(".codebuild/artifacts/package/package.zip")).exists();
        assertThat(src.resolve(".codebuild/artifacts/lint/lint.zip")).exists();
        assertThat(src.resolve("out"))
                .as("builds ran in copies, not in the source directory")
                .doesNotExist();
    }

    @Test
    void listAndBuildShowAndRunSingleBuilds() throws Exception {
        Path src = example();
        CliRunner listed = CliRunner.run("batch", "-s", src.toString(), "--list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("4 build(s):").contains("package").contains("after test_fast, test_slow");

        CliRunner one = CliRunner.run("batch", "-s", src.toString(), "--build", "package");
        assertThat(one.exitCode()).as(one.out()).isZero();
        assertThat(one.out()).contains("Batch: starting package").doesNotContain("Batch: starting lint");

        CliRunner unknown = CliRunner.run("batch", "-s", src.toString(), "--build", "pakage");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("the batch has no build 'pakage'")
                .contains("lint, test_fast, test_slow, package");
    }

    @Test
    void aFailingBuildWithFastFailFailsTheBatchAndLeavesDependentsNotRun() throws Exception {
        Path src = example();
        Files.writeString(src.resolve("src/add.sh"), "#!/bin/sh\necho wrong\n");
        CliRunner r = CliRunner.run("batch", "-s", src.toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("Batch FAILED").containsPattern("package +NOT_RUN");
    }

    @Test
    void fanoutShardsSplitTheTestFilesWithCodebuildTestsRun() throws Exception {
        Path src = Files.createDirectories(temp.resolve("fanout"));
        for (String f : java.util.List.of(
                "tests/test_a.py",
                "tests/test_b.py",
                "tests/unit/test_c.py",
                "tests/unit/test_d.py",
                "tests/unit/deep/test_e.py")) {
            Files.createDirectories(src.resolve(f).getParent());
            Files.writeString(src.resolve(f), "");
        }
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                batch:
                  build-fanout:
                    parallelism: 2
                phases:
                  build:
                    commands:
                      - >-
                        codebuild-tests-run
                        --test-command 'for f in $CODEBUILD_CURRENT_SHARD_FILES; do echo "ran $f"; done'
                        --files-search "codebuild-glob-search 'tests/**/*.py'"
                        --sharding-strategy equal-distribution
                """);
        Path html = temp.resolve("report/batch.html");
        CliRunner r = CliRunner.run("batch", "-s", src.toString(), "--report-html", html.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        java.util.List<String> ran = r.out()
                .lines()
                .filter(l -> l.contains("] ran tests/"))
                .map(l -> l.substring(l.indexOf("ran ")))
                .sorted()
                .toList();
        assertThat(ran)
                .containsExactly(
                        "ran tests/test_a.py",
                        "ran tests/test_b.py",
                        "ran tests/unit/deep/test_e.py",
                        "ran tests/unit/test_c.py",
                        "ran tests/unit/test_d.py");
        assertThat(r.out())
                .contains("[shard0] codebuild-tests-run: shard 0 of 2 runs 3 file(s)")
                .contains("[shard1] codebuild-tests-run: shard 1 of 2 runs 2 file(s)");
        assertThat(Files.readString(html))
                .contains("<a href=\"batch-shard0.html\">shard0</a>")
                .contains("<a href=\"batch-shard1.html\">shard1</a>");
        assertThat(Files.readString(html.resolveSibling("batch-shard1.html"))).contains("SUCCEEDED");
    }

    @Test
    void dryrunOnABatchPrintsThePlan() throws Exception {
        CliRunner r = CliRunner.run("batch", "-s", example().toString(), "--dryrun");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("4 build(s):").doesNotContain("Batch: starting");
    }

    @Test
    void aBuildspecWithoutBatchIsAUsageError() throws Exception {
        Path src = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(src.resolve("buildspec.yml"), "version: 0.2\nphases:\n  build:\n    commands: [true]\n");
        CliRunner r = CliRunner.run("batch", "-s", src.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("has no batch block; run it with 'run'");
    }

    @Test
    void fanoutShardsReportsAreMergedIntoOneGroupWithTotals() throws Exception {
        Path src = Files.createDirectories(temp.resolve("fanout-reports"));
        for (String f : java.util.List.of("tests/test_a.py", "tests/test_b.py", "tests/test_c.py")) {
            Files.createDirectories(src.resolve(f).getParent());
            Files.writeString(src.resolve(f), "");
        }
        // each shard writes one JUnit file per test file it runs; test_b fails
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                batch:
                  build-fanout:
                    parallelism: 2
                phases:
                  build:
                    commands:
                      - mkdir -p reports
                      - >-
                        codebuild-tests-run
                        --test-command 'for f in $CODEBUILD_CURRENT_SHARD_FILES; do n=$(basename $f .py); if [ $n = test_b ]; then r="<failure message=\\"no\\"/>"; else r=""; fi; printf "<testsuite name=\\"%s\\" tests=\\"2\\"><testcase name=\\"one\\">%s</testcase><testcase name=\\"two\\"/></testsuite>" $n "$r" > reports/$n.xml; done'
                        --files-search "codebuild-glob-search 'tests/*.py'"
                        --sharding-strategy equal-distribution
                reports:
                  unit:
                    files: ['reports/*.xml']
                """);
        Path html = temp.resolve("fr/batch.html");
        Path json = temp.resolve("fr/batch.json");
        CliRunner r = CliRunner.run(
                "batch", "-s", src.toString(), "--report-html", html.toString(), "--json", json.toString());
        // a failing test fails a build through its command, as in CodeBuild, not through the report
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Merged reports of the fanout's 2 builds:")
                .contains("unit: 6 tests, 5 passed, 1 failed, 0 errors, 0 skipped");
        JsonNode reports = new ObjectMapper().readTree(json.toFile()).get("reports");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("group").asText()).isEqualTo("unit");
        assertThat(reports.get(0).get("totals").get("tests").asInt()).isEqualTo(6);
        assertThat(reports.get(0).get("totals").get("failures").asInt()).isEqualTo(1);
        assertThat(reports.get(0).get("files")).hasSize(3);
        assertThat(reports.get(0).get("failingTests").get(0).asText())
                .contains("one")
                .contains("(shard");
        assertThat(Files.readString(html))
                .contains("<table id=\"merged-reports\">")
                .contains("<td>unit</td><td>JUNITXML</td><td>6</td><td>5</td><td>1</td>");
    }
}
