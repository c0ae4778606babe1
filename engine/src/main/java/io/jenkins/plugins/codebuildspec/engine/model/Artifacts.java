package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Map;
import java.util.Objects;

/** The {@code artifacts} block: the primary artifact and any secondary ones, by identifier. */
public record Artifacts(ArtifactSpec primary, Map<String, ArtifactSpec> secondary) {
    public Artifacts {
        Objects.requireNonNull(primary, "primary");
        secondary = Collections2.copyOf(secondary);
    }
}
