package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one artifact contains and where it goes: the primary artifact (identifier empty) or one of the
 * {@code secondary-artifacts}.
 */
public record ArtifactSpec(
        Optional<String> identifier,
        Position position,
        List<Text> files,
        Optional<Text> name,
        boolean discardPaths,
        Optional<Text> baseDirectory,
        List<Text> excludePaths,
        boolean enableSymlinks,
        Optional<Text> s3Prefix) {
    public ArtifactSpec {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(position, "position");
        files = List.copyOf(files);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        excludePaths = List.copyOf(excludePaths);
        Objects.requireNonNull(s3Prefix, "s3Prefix");
    }
}
