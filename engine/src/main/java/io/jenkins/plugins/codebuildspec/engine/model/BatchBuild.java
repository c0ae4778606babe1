package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One child build of a {@code build-list} or {@code build-graph}. */
public record BatchBuild(
        String identifier,
        Position position,
        Optional<Text> buildspec,
        BatchEnv env,
        boolean ignoreFailure,
        boolean debugSession,
        List<Text> dependOn) {
    public BatchBuild {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(buildspec, "buildspec");
        Objects.requireNonNull(env, "env");
        dependOn = List.copyOf(dependOn);
    }
}
