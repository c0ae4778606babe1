package io.jenkins.plugins.codebuildspec.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.model.Batch;
import io.jenkins.plugins.codebuildspec.engine.model.BatchConfig;
import io.jenkins.plugins.codebuildspec.engine.model.BatchEnv;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The child builds each batch shape stands for. */
class BatchPlannerTest {
    private static List<ChildBuild> plan(String batchYaml) {
        var spec = new BuildspecParser()
                .parse("b.yml", "version: 0.2\nbatch:\n" + batchYaml + "phases:\n  build:\n    commands: [echo]\n")
                .orThrow();
        return BatchPlanner.plan(spec.batch().orElseThrow());
    }

    @Test
    void buildListKeepsEachBuildAsWritten() {
        List<ChildBuild> builds = plan(
                """
                  build-list:
                    - identifier: linux
                      env:
                        variables: {TARGET: linux}
                        image: img:1
                    - identifier: docs
                      buildspec: docs.yml
                      ignore-failure: true
                """);
        assertThat(builds).extracting(ChildBuild::identifier).containsExactly("linux", "docs");
        assertThat(builds.get(0).variables()).containsExactly(Map.entry("TARGET", "linux"));
        assertThat(builds.get(0).image()).contains("img:1");
        assertThat(builds.get(1).buildspec()).contains("docs.yml");
        assertThat(builds.get(1).ignoreFailure()).isTrue();
    }

    @Test
    void buildGraphCarriesDependencies() {
        List<ChildBuild> builds = plan(
                """
                  build-graph:
                    - identifier: build1
                    - identifier: build2
                      depend-on: [build1]
                """);
        assertThat(builds.get(1).dependOn()).containsExactly("build1");
    }

    @Test
    void buildMatrixMakesOneBuildPerCombination() {
        List<ChildBuild> builds = plan(
                """
                  build-matrix:
                    static:
                      ignore-failure: true
                      env:
                        variables: {COMMON: c}
                    dynamic:
                      buildspec: [a.yml, b.yml]
                      env:
                        image: [img:1, img:2]
                        variables:
                          MODE: [fast, slow, full]
                """);
        assertThat(builds).hasSize(12);
        assertThat(builds)
                .extracting(ChildBuild::identifier)
                .startsWith("build1", "build2")
                .endsWith("build12");
        ChildBuild first = builds.get(0);
        assertThat(first.buildspec()).contains("a.yml");
        assertThat(first.image()).contains("img:1");
        assertThat(first.variables()).containsExactly(Map.entry("COMMON", "c"), Map.entry("MODE", "fast"));
        assertThat(first.description()).isEqualTo("buildspec=a.yml, image=img:1, MODE=fast");
        assertThat(builds.get(11).description()).isEqualTo("buildspec=b.yml, image=img:2, MODE=full");
        assertThat(builds).allMatch(ChildBuild::ignoreFailure);
    }

    @Test
    void buildFanoutMakesNumberedShards() {
        List<ChildBuild> builds =
                plan("""
                  build-fanout:
                    parallelism: 3
                """);
        assertThat(builds).extracting(ChildBuild::identifier).containsExactly("shard0", "shard1", "shard2");
        assertThat(builds.get(2).variables())
                .containsEntry("CODEBUILD_CURRENT_SHARD_INDEX", "2")
                .containsEntry("CODEBUILD_TOTAL_SHARDS", "3");
        assertThat(builds.get(0).buildspec()).isEqualTo(Optional.empty());
    }

    @Test
    void aBatchAboveTheLimitIsRefusedWithoutBeingMade() {
        var huge = new Batch(
                Position.NONE,
                Optional.empty(),
                new BatchConfig.BuildFanout(Position.NONE, Optional.of(Integer.MAX_VALUE), false));
        assertThatThrownBy(() -> BatchPlanner.plan(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the batch has 2147483647 builds; a batch may have at most 100");
        List<Text> ten = IntStream.range(0, 10)
                .mapToObj(i -> new Text(Integer.toString(i), Position.NONE))
                .toList();
        Map<String, List<Text>> variables = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            variables.put("V" + i, ten);
        }
        var matrix = new Batch(
                Position.NONE,
                Optional.empty(),
                new BatchConfig.BuildMatrix(
                        Position.NONE,
                        new BatchConfig.MatrixStatic(Position.NONE, false, BatchEnv.EMPTY),
                        new BatchConfig.MatrixDynamic(Position.NONE, List.of(), List.of(), List.of(), variables)));
        assertThatThrownBy(() -> BatchPlanner.plan(matrix))
                .hasMessage("the batch has too many builds; a batch may have at most 100");
    }

    @Test
    void aBatchAtTheLimitIsPlanned() {
        assertThat(plan("""
                  build-fanout:
                    parallelism: 100
                """))
                .hasSize(100);
    }
}
