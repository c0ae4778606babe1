package io.jenkins.plugins.codebuildspec.engine.batch;

import io.jenkins.plugins.codebuildspec.engine.model.Batch;
import io.jenkins.plugins.codebuildspec.engine.model.BatchBuild;
import io.jenkins.plugins.codebuildspec.engine.model.BatchConfig;
import io.jenkins.plugins.codebuildspec.engine.model.BatchEnv;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a buildspec's {@code batch} block into the child builds it stands for: the builds of a
 * build-list or build-graph as written, one build per combination of a build-matrix's dynamic values,
 * and {@code parallelism} shards of a build-fanout.
 */
public final class BatchPlanner {
    private BatchPlanner() {}

    /**
     * The child builds, in order.
     *
     * @throws IllegalArgumentException when the batch has more than {@link Batch#MAX_BUILDS} builds
     *     (the parser rejects such files; this guards models built by other means)
     */
    public static List<ChildBuild> plan(Batch batch) {
        long size = size(batch.config());
        if (size > Batch.MAX_BUILDS) {
            throw new IllegalArgumentException("the batch has " + (size == Long.MAX_VALUE ? "too many" : size)
                    + " builds; a batch may have at most " + Batch.MAX_BUILDS);
        }
        BatchConfig config = batch.config();
        if (config instanceof BatchConfig.BuildList list) {
            return list.builds().stream().map(b -> child(b, List.of())).toList();
        }
        if (config instanceof BatchConfig.BuildGraph graph) {
            return graph.builds().stream()
                    .map(b -> child(b, b.dependOn().stream().map(Text::value).toList()))
                    .toList();
        }
        if (config instanceof BatchConfig.BuildMatrix matrix) {
            return matrix(matrix);
        }
        return fanout((BatchConfig.BuildFanout) config);
    }

    /** How many builds the batch makes, without making them; saturates at Long.MAX_VALUE. */
    static long size(BatchConfig config) {
        if (config instanceof BatchConfig.BuildList list) {
            return list.builds().size();
        }
        if (config instanceof BatchConfig.BuildGraph graph) {
            return graph.builds().size();
        }
        if (config instanceof BatchConfig.BuildMatrix matrix) {
            BatchConfig.MatrixDynamic d = matrix.dynamic();
            long size = 1;
            List<Integer> sizes = new ArrayList<>(List.of(
                    d.buildspecs().size(), d.images().size(), d.computeTypes().size()));
            d.variables().values().forEach(v -> sizes.add(v.size()));
            for (int n : sizes) {
                if (n > 0) {
                    try {
                        size = Math.multiplyExact(size, n);
                    } catch (ArithmeticException e) {
                        return Long.MAX_VALUE;
                    }
                }
            }
            return size;
        }
        return ((BatchConfig.BuildFanout) config).parallelism().orElse(1);
    }

    private static ChildBuild child(BatchBuild b, List<String> dependOn) {
        return new ChildBuild(
                b.identifier(),
                b.buildspec().map(Text::value),
                values(b.env().variables()),
                b.env().image().map(Text::value),
                b.env().computeType().map(Text::value),
                b.ignoreFailure(),
                dependOn,
                b.buildspec().map(s -> "buildspec " + s.value()).orElse("this buildspec"));
    }

    private static Map<String, String> values(Map<String, Text> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** The cross product of buildspecs, images, compute types and each variable's values, in order. */
    private static List<ChildBuild> matrix(BatchConfig.BuildMatrix matrix) {
        BatchConfig.MatrixDynamic d = matrix.dynamic();
        BatchEnv fixed = matrix.staticPart().env();
        List<Map<String, String>> combos = List.of(new LinkedHashMap<>());
        combos = expand(combos, "buildspec", d.buildspecs());
        combos = expand(combos, "image", d.images());
        combos = expand(combos, "compute-type", d.computeTypes());
        for (Map.Entry<String, List<Text>> variable : d.variables().entrySet()) {
            combos = expand(combos, "$" + variable.getKey(), variable.getValue());
        }
        List<ChildBuild> builds = new ArrayList<>();
        int n = 1;
        for (Map<String, String> combo : combos) {
            Map<String, String> variables = values(fixed.variables());
            combo.forEach((k, v) -> {
                if (k.startsWith("$")) {
                    variables.put(k.substring(1), v);
                }
            });
            builds.add(new ChildBuild(
                    "build" + n++,
                    Optional.ofNullable(combo.get("buildspec")),
                    variables,
                    Optional.ofNullable(combo.get("image"))
                            .or(() -> fixed.image().map(Text::value)),
                    Optional.ofNullable(combo.get("compute-type"))
                            .or(() -> fixed.computeType().map(Text::value)),
                    matrix.staticPart().ignoreFailure(),
                    List.of(),
                    describe(combo)));
        }
        return builds;
    }

    private static List<Map<String, String>> expand(List<Map<String, String>> combos, String key, List<Text> values) {
        if (values.isEmpty()) {
            return combos;
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            for (Text value : values) {
                Map<String, String> next = new LinkedHashMap<>(combo);
                next.put(key, value.value());
                out.add(next);
            }
        }
        return out;
    }

    private static String describe(Map<String, String> combo) {
        if (combo.isEmpty()) {
            return "the only combination";
        }
        List<String> parts = new ArrayList<>();
        combo.forEach((k, v) -> parts.add((k.startsWith("$") ? k.substring(1) : k) + "=" + v));
        return String.join(", ", parts);
    }

    /** Shards numbered from 0, as CodeBuild's test splitting numbers them. */
    private static List<ChildBuild> fanout(BatchConfig.BuildFanout fanout) {
        int shards = fanout.parallelism().orElse(1);
        List<ChildBuild> builds = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            builds.add(new ChildBuild(
                    "shard" + i,
                    Optional.empty(),
                    Map.of(
                            "CODEBUILD_CURRENT_SHARD_INDEX",
                            Integer.toString(i),
                            "CODEBUILD_TOTAL_SHARDS",
                            Integer.toString(shards)),
                    Optional.empty(),
                    Optional.empty(),
                    fanout.ignoreFailure(),
                    List.of(),
                    "shard " + (i + 1) + " of " + shards));
        }
        return builds;
    }
}
