package io.jenkins.plugins.codebuildspec.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches of real builds (real shells) scheduled by dependencies, concurrency and fast-fail. */
class BatchRunnerTest {
    @TempDir
    Path temp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Every child runs the same buildspec with its own variables, in its own source directory. */
    private BatchRunner.BatchResult run(String commands, List<ChildBuild> plan, int concurrency, boolean fastFail)
            throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        var spec = new BuildspecParser()
                .parse("b.yml", "version: 0.2\nphases:\n  build:\n    commands:\n" + commands)
                .orThrow();
        BatchRunner runner = new BatchRunner(concurrency, fastFail, log::add);
        return runner.run(plan, (child, started) -> {
            Path src = Files.createDirectories(temp.resolve("src-" + child.identifier()));
            Map<String, String> vars = new java.util.LinkedHashMap<>(child.variables());
            vars.put("SHARED", shared.toString());
            vars.put("ID", child.identifier());
            BuildRequest request = new BuildRequest(
                            spec,
                            src.toString(),
                            temp.resolve("tmp").toString(),
                            BuildContext.of("batch", 1).withBatchBuildIdentifier(child.identifier()))
                    .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                    .overrides(vars);
            BuildRunner build = new BuildRunner(new LocalProcessExecutor(), BuildLog.to(System.out));
            started.accept(build);
            return build.run(request);
        });
    }

    private static ChildBuild child(String id, boolean ignoreFailure, String... dependOn) {
        return new ChildBuild(
                id,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                ignoreFailure,
                List.of(dependOn),
                id);
    }

    @Test
    void aBuildStartsOnlyAfterTheBuildsItDependsOnSucceeded() throws Exception {
        BatchRunner.BatchResult r = run(
                """
                      - 'if [ "$ID" = b ]; then test -f "$SHARED/a-done"; fi'
                      - 'test "$CODEBUILD_BATCH_BUILD_IDENTIFIER" = "$ID"'
                      - touch "$SHARED/$ID-done"
                """,
                List.of(child("b", false, "a"), child("a", false)),
                2,
                false);
        assertThat(r.status()).as(String.join("\n", log)).isEqualTo("SUCCEEDED");
        assertThat(r.builds()).extracting(BatchRunner.ChildResult::status).containsExactly("SUCCEEDED", "SUCCEEDED");
    }

    @Test
    void aFailedDependencyLeavesItsDependentsNotRunUnlessItMayFail() throws Exception {
        BatchRunner.BatchResult r = run(
                """
                      - 'case "$ID" in fails*) exit 1;; esac'
                """,
                List.of(
                        child("fails", false),
                        child("after-fails", false, "fails"),
                        child("fails-ok", true),
                        child("after-fails-ok", false, "fails-ok")),
                1,
                false);
        assertThat(r.status()).isEqualTo("FAILED");
        assertThat(r.builds())
                .extracting(BatchRunner.ChildResult::status)
                .containsExactly("FAILED", "NOT_RUN", "FAILED", "SUCCEEDED");
        assertThat(r.builds().get(1).reason()).isEqualTo("depends on fails, which did not succeed");
    }

    @Test
    void failuresThatMayHappenLeaveTheBatchSucceeded() throws Exception {
        BatchRunner.BatchResult r =
                run("      - 'test \"$ID\" != flaky'\n", List.of(child("ok", false), child("flaky", true)), 2, true);
        assertThat(r.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void fastFailStopsTheOtherBuilds() throws Exception {
        long start = System.nanoTime();
        BatchRunner.BatchResult r = run(
                """
                      - 'if [ "$ID" = slow ]; then sleep 30; fi'
                      - 'test "$ID" != broken'
                """,
                List.of(child("slow", false), child("broken", false), child("later", false)),
                2,
                true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.status()).isEqualTo("FAILED");
        assertThat(r.builds())
                .extracting(BatchRunner.ChildResult::status)
                .containsExactly("STOPPED", "FAILED", "NOT_RUN");
        assertThat(r.builds().get(2).reason()).isEqualTo("fast-fail: an earlier build failed");
    }

    @Test
    void noMoreThanTheConcurrencyLimitRunAtOnce() throws Exception {
        BatchRunner.BatchResult r = run(
                """
                      - touch "$SHARED/running-$ID"
                      - ls "$SHARED" | grep -c '^running-' >> "$SHARED/counts"
                      - sleep 0.4
                      - rm "$SHARED/running-$ID"
                """,
                List.of(child("a", false), child("b", false), child("c", false), child("d", false)),
                2,
                false);
        assertThat(r.succeeded()).isTrue();
        List<Integer> counts = Files.readAllLines(temp.resolve("shared/counts")).stream()
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        assertThat(counts).hasSize(4).allMatch(c -> c <= 2).contains(2);
    }
}
