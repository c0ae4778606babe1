package io.jenkins.plugins.codebuildspec.engine.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One build of a batch: its identifier ({@code CODEBUILD_BATCH_BUILD_IDENTIFIER}), the buildspec it
 * runs (empty: the batch's own), the variables it adds, the image and compute type it asks for, and
 * how it relates to the others.
 */
public record ChildBuild(
        String identifier,
        Optional<String> buildspec,
        Map<String, String> variables,
        Optional<String> image,
        Optional<String> computeType,
        boolean ignoreFailure,
        List<String> dependOn,
        String description) {
    public ChildBuild {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(buildspec, "buildspec");
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(computeType, "computeType");
        dependOn = List.copyOf(dependOn);
        Objects.requireNonNull(description, "description");
    }
}
