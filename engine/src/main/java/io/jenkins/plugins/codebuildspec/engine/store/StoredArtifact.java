package io.jenkins.plugins.codebuildspec.engine.store;

import java.util.Objects;
import java.util.Optional;

/** Where an artifact was stored: a path or an {@code s3://} URI, and for S3 the CodeDeploy location. */
public record StoredArtifact(String location, Optional<S3Location> s3) {
    public StoredArtifact {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(s3, "s3");
    }
}
