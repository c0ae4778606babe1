package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The four shapes a batch can take; a buildspec uses exactly one. */
public sealed interface BatchConfig {
    Position position();

    /** Independent builds, run side by side. */
    record BuildList(Position position, List<BatchBuild> builds) implements BatchConfig {
        public BuildList {
            Objects.requireNonNull(position, "position");
            builds = List.copyOf(builds);
        }
    }

    /** Builds with {@code depend-on} edges, run in dependency order. */
    record BuildGraph(Position position, List<BatchBuild> builds) implements BatchConfig {
        public BuildGraph {
            Objects.requireNonNull(position, "position");
            builds = List.copyOf(builds);
        }
    }

    /** One build per combination of the dynamic values, each with the static settings. */
    record BuildMatrix(Position position, MatrixStatic staticPart, MatrixDynamic dynamic) implements BatchConfig {
        public BuildMatrix {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(staticPart, "staticPart");
            Objects.requireNonNull(dynamic, "dynamic");
        }
    }

    /** {@code build-matrix.static}: settings shared by every combination. */
    record MatrixStatic(Position position, boolean ignoreFailure, BatchEnv env) {
        public MatrixStatic {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(env, "env");
        }
    }

    /** {@code build-matrix.dynamic}: the values whose cross product makes the builds. */
    record MatrixDynamic(
            Position position,
            List<Text> buildspecs,
            List<Text> computeTypes,
            List<Text> images,
            Map<String, List<Text>> variables) {
        public MatrixDynamic {
            Objects.requireNonNull(position, "position");
            buildspecs = List.copyOf(buildspecs);
            computeTypes = List.copyOf(computeTypes);
            images = List.copyOf(images);
            variables = Collections2.copyOf(variables);
        }
    }

    /** The same build split into {@code parallelism} shards of the test files. */
    record BuildFanout(Position position, Optional<Integer> parallelism, boolean ignoreFailure) implements BatchConfig {
        public BuildFanout {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(parallelism, "parallelism");
        }
    }
}
