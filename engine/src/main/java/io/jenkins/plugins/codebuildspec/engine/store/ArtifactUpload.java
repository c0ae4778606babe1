package io.jenkins.plugins.codebuildspec.engine.store;

import java.util.Objects;

/**
 * One artifact to store: its identifier (empty for the primary artifact), its key relative to the
 * store ({@code [s3-prefix/]name.zip}, {@code /} separated, never starting with {@code /} or
 * containing {@code ..}), the build it comes from, and the zip's SHA-256 (hex) and size.
 */
public record ArtifactUpload(String identifier, String key, String buildId, String sha256, long size) {
    public ArtifactUpload {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(sha256, "sha256");
        if (key.isEmpty() || key.startsWith("/") || key.contains("..") || key.contains("\\")) {
            throw new IllegalArgumentException("artifact key must be relative, without '..': " + key);
        }
    }
}
