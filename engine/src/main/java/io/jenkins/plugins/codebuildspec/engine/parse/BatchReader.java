package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Batch;
import io.jenkins.plugins.codebuildspec.engine.model.BatchBuild;
import io.jenkins.plugins.codebuildspec.engine.model.BatchConfig;
import io.jenkins.plugins.codebuildspec.engine.model.BatchEnv;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code batch}: exactly one of build-list, build-graph, build-matrix and build-fanout. */
final class BatchReader {
    private static final List<String> KINDS = List.of("build-list", "build-graph", "build-matrix", "build-fanout");
    private static final String LIMIT_REASON =
            " (each shard is a build, and a batch may have at most " + Batch.MAX_BUILDS + " builds)";

    private final ParseContext ctx;

    BatchReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    Optional<Batch> read(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "batch");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get().check(KeyTable.BATCH);
        List<Fields.Entry> kinds =
                KINDS.stream().flatMap(k -> fields.entry(k).stream()).toList();
        if (kinds.isEmpty()) {
            ctx.error(fields.node(), "batch", "batch needs one of " + String.join(", ", KINDS));
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            ctx.error(
                    kinds.get(1).keyNode(),
                    "batch." + kinds.get(1).key(),
                    "batch may use only one of "
                            + String.join(", ", KINDS) + "; found both '"
                            + kinds.get(0).key() + "' and '"
                            + kinds.get(1).key() + "'");
            return Optional.empty();
        }
        Optional<Boolean> fastFail = fields.get("fast-fail").flatMap(n -> Values.yesNo(ctx, n, "batch.fast-fail"));
        Fields.Entry kind = kinds.get(0);
        Optional<BatchConfig> config =
                switch (kind.key()) {
                    case "build-list" -> Optional.of(new BatchConfig.BuildList(
                            ParseContext.position(kind.value()), builds(kind.value(), "batch.build-list", false)));
                    case "build-graph" -> graph(kind.value());
                    case "build-matrix" -> matrix(kind.value());
                    default -> fanout(kind.value());
                };
        return config.map(c -> new Batch(ParseContext.position(node), fastFail, c));
    }

    private List<BatchBuild> builds(Node node, String path, boolean graph) {
        List<BatchBuild> out = new ArrayList<>();
        ctx.visit(node);
        if (!(node instanceof SequenceNode seq)) {
            ctx.error(
                    node,
                    path,
                    path + " must be a list of builds (each with an identifier), found " + Values.describe(node));
            return out;
        }
        if (seq.getValue().size() > Batch.MAX_BUILDS) {
            ctx.error(
                    seq.getValue().get(Batch.MAX_BUILDS),
                    path,
                    path + " has " + seq.getValue().size() + " builds; a batch may have at most " + Batch.MAX_BUILDS
                            + " builds (this runner's limit, where CodeBuild uses the project's 'maximum builds allowed'):"
                            + " split it into several batches");
            return out;
        }
        Map<String, Position> seen = new HashMap<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String itemPath = path + "[" + i + "]";
            Optional<Fields> maybe = Values.map(ctx, item, itemPath);
            if (maybe.isEmpty()) {
                continue;
            }
            Fields fields = maybe.get().check(graph ? KeyTable.BUILD_GRAPH_ITEM : KeyTable.BUILD_LIST_ITEM);
            Optional<Text> id =
                    fields.get("identifier").flatMap(n -> Values.requiredString(ctx, n, itemPath + ".identifier"));
            if (!fields.has("identifier")) {
                ctx.error(item, itemPath + ".identifier", itemPath + " needs an identifier");
            }
            if (id.isEmpty()) {
                continue;
            }
            Position previous = seen.putIfAbsent(id.get().value(), id.get().position());
            if (previous != null) {
                ctx.add(
                        id.get().position(),
                        Severity.ERROR,
                        itemPath + ".identifier",
                        "duplicate build identifier '" + id.get().value() + "' (first used at line " + previous.line()
                                + ")");
                continue;
            }
            out.add(new BatchBuild(
                    id.get().value(),
                    ParseContext.position(item),
                    fields.get("buildspec").flatMap(n -> Values.requiredString(ctx, n, itemPath + ".buildspec")),
                    fields.get("env")
                            .map(n -> env(n, itemPath + ".env", KeyTable.BATCH_ENV))
                            .orElse(BatchEnv.EMPTY),
                    yesNo(fields, "ignore-failure"),
                    yesNo(fields, "debug-session"),
                    fields.get("depend-on")
                            .map(n -> Values.stringList(ctx, n, itemPath + ".depend-on", true))
                            .orElse(List.of())));
        }
        return out;
    }

    private Optional<BatchConfig> graph(Node node) {
        List<BatchBuild> builds = builds(node, "batch.build-graph", true);
        Map<String, BatchBuild> byId = new LinkedHashMap<>();
        builds.forEach(b -> byId.put(b.identifier(), b));
        boolean ok = true;
        for (BatchBuild build : builds) {
            for (Text dep : build.dependOn()) {
                if (!byId.containsKey(dep.value())) {
                    ok = false;
                    ctx.add(
                            dep.position(),
                            Severity.ERROR,
                            "batch.build-graph",
                            "build '" + build.identifier()
                                    + "' depends on '" + dep.value() + "', which is not a build in this graph"
                                    + Suggest.didYouMean(dep.value(), byId.keySet()) + " (builds: "
                                    + String.join(", ", byId.keySet()) + ")");
                }
            }
        }
        if (ok) {
            Optional<List<String>> cycle = GraphCycles.find(byId);
            if (cycle.isPresent()) {
                BatchBuild first = byId.get(cycle.get().get(0));
                ctx.add(
                        first.position(),
                        Severity.ERROR,
                        "batch.build-graph",
                        "batch.build-graph has a dependency" + " cycle: " + String.join(" -> ", cycle.get())
                                + "; no build in a cycle could ever start");
                return Optional.empty();
            }
        }
        return Optional.of(new BatchConfig.BuildGraph(ParseContext.position(node), builds));
    }

    private Optional<BatchConfig> matrix(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "batch.build-matrix");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get().check(KeyTable.BUILD_MATRIX);
        Fields st = fields.get("static")
                .flatMap(n -> Values.map(ctx, n, "batch.build-matrix.static"))
                .orElseGet(() -> Fields.empty(ctx, node, "batch.build-matrix.static"))
                .check(KeyTable.MATRIX_STATIC);
        var staticPart = new BatchConfig.MatrixStatic(
                ParseContext.position(st.node()),
                yesNo(st, "ignore-failure"),
                st.get("env")
                        .map(n -> env(n, "batch.build-matrix.static.env", KeyTable.BATCH_ENV))
                        .orElse(BatchEnv.EMPTY));
        if (!fields.has("dynamic")) {
            ctx.error(
                    fields.node(),
                    "batch.build-matrix.dynamic",
                    "batch.build-matrix needs a 'dynamic' block"
                            + " listing the buildspecs, images or variables to combine");
            return Optional.empty();
        }
        String dpath = "batch.build-matrix.dynamic";
        Fields dyn = Values.map(ctx, fields.get("dynamic").orElseThrow(), dpath)
                .orElseGet(() -> Fields.empty(ctx, node, dpath))
                .check(KeyTable.MATRIX_DYNAMIC);
        List<Text> buildspecs = dyn.get("buildspec")
                .map(n -> Values.stringList(ctx, n, dpath + ".buildspec", true))
                .orElse(List.of());
        Fields denv = dyn.get("env")
                .flatMap(n -> Values.map(ctx, n, dpath + ".env"))
                .orElseGet(() -> Fields.empty(ctx, node, dpath + ".env"))
                .check(KeyTable.MATRIX_DYNAMIC_ENV);
        List<Text> computeTypes = denv.get("compute-type")
                .map(n -> Values.stringList(ctx, n, dpath + ".env.compute-type", true))
                .orElse(List.of());
        List<Text> images = denv.get("image")
                .map(n -> Values.stringList(ctx, n, dpath + ".env.image", true))
                .orElse(List.of());
        Map<String, List<Text>> variables = new LinkedHashMap<>();
        denv.get("variables")
                .flatMap(n -> Values.map(ctx, n, dpath + ".env.variables"))
                .ifPresent(vars -> {
                    for (Fields.Entry e : vars.entries()) {
                        variables.put(e.key(), Values.stringList(ctx, e.value(), vars.join(e.key()), true));
                    }
                });
        if (buildspecs.isEmpty() && computeTypes.isEmpty() && images.isEmpty() && variables.isEmpty()) {
            ctx.warning(dyn.node(), dpath, dpath + " has nothing to combine: the matrix makes a single build");
        }
        if (!matrixFits(dyn.node(), dpath, buildspecs, images, computeTypes, variables)) {
            return Optional.empty();
        }
        return Optional.of(new BatchConfig.BuildMatrix(
                ParseContext.position(node),
                staticPart,
                new BatchConfig.MatrixDynamic(
                        ParseContext.position(dyn.node()), buildspecs, computeTypes, images, variables)));
    }

    /**
     * Checks the number of combinations against the batch limit from the list sizes alone: the
     * product can be astronomically large (30 variables of 10 values is 10^30), so it is never
     * materialised, and it is computed exactly so it cannot overflow.
     */
    private boolean matrixFits(
            Node node,
            String path,
            List<Text> buildspecs,
            List<Text> images,
            List<Text> computeTypes,
            Map<String, List<Text>> variables) {
        List<String> factors = new ArrayList<>();
        BigInteger builds = BigInteger.ONE;
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("buildspecs", buildspecs.size());
        sizes.put("images", images.size());
        sizes.put("compute types", computeTypes.size());
        variables.forEach((name, values) -> sizes.put("values of " + name, values.size()));
        for (Map.Entry<String, Integer> size : sizes.entrySet()) {
            if (size.getValue() > 0) {
                builds = builds.multiply(BigInteger.valueOf(size.getValue()));
                factors.add(size.getValue() + " " + size.getKey());
            }
        }
        if (builds.compareTo(BigInteger.valueOf(Batch.MAX_BUILDS)) <= 0) {
            return true;
        }
        ctx.error(
                node,
                path,
                "batch.build-matrix makes " + builds + " builds ("
                        + String.join(" x ", factors.size() > 6 ? factors.subList(0, 6) : factors)
                        + (factors.size() > 6 ? " x ..." : "")
                        + "); a batch may have at most " + Batch.MAX_BUILDS
                        + " builds (this runner's limit, where CodeBuild uses the project's 'maximum builds"
                        + " allowed'): combine fewer values");
        return false;
    }

    private Optional<BatchConfig> fanout(Node node) {
        Optional<Fields> maybe = Values.map(ctx, node, "batch.build-fanout");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get().check(KeyTable.BUILD_FANOUT);
        Optional<Integer> parallelism = fields.get("parallelism")
                .flatMap(n -> Values.wholeNumber(
                        ctx, n, "batch.build-fanout.parallelism", 1, Batch.MAX_BUILDS, LIMIT_REASON));
        return Optional.of(
                new BatchConfig.BuildFanout(ParseContext.position(node), parallelism, yesNo(fields, "ignore-failure")));
    }

    private BatchEnv env(Node node, String path, KeyTable table) {
        Optional<Fields> maybe = Values.map(ctx, node, path);
        if (maybe.isEmpty()) {
            return BatchEnv.EMPTY;
        }
        Fields f = maybe.get().check(table);
        if (f.has("compute-type") && f.has("fleet")) {
            ctx.error(
                    f.entry("fleet").orElseThrow().keyNode(),
                    path + ".fleet",
                    path + " sets both compute-type and"
                            + " fleet; a build runs either on a compute type or on a fleet, so keep one");
        }
        return new BatchEnv(
                ParseContext.position(node),
                f.get("compute-type").flatMap(n -> Values.requiredString(ctx, n, path + ".compute-type")),
                f.get("fleet").flatMap(n -> Values.requiredString(ctx, n, path + ".fleet")),
                f.get("image").flatMap(n -> Values.requiredString(ctx, n, path + ".image")),
                f.get("type").flatMap(n -> Values.requiredString(ctx, n, path + ".type")),
                f.get("privileged-mode").flatMap(n -> Values.yesNo(ctx, n, path + ".privileged-mode")),
                f.get("variables")
                        .map(n -> Values.stringMap(ctx, n, path + ".variables"))
                        .orElse(Map.of()));
    }

    private boolean yesNo(Fields fields, String key) {
        return fields.get(key)
                .flatMap(n -> Values.yesNo(ctx, n, fields.join(key)))
                .orElse(false);
    }
}
