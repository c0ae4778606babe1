package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Objects;
import java.util.Optional;

/** The {@code proxy} block: meaningful only inside CodeBuild's proxy-server setup. */
public record Proxy(Position position, Optional<Boolean> uploadArtifacts, Optional<Boolean> logs) {
    public Proxy {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(uploadArtifacts, "uploadArtifacts");
        Objects.requireNonNull(logs, "logs");
    }
}
