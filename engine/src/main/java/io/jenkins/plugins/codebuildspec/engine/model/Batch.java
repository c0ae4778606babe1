package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Objects;
import java.util.Optional;

/** The {@code batch} block: how child builds are made, and whether one failure stops the rest. */
public record Batch(Position position, Optional<Boolean> fastFail, BatchConfig config) {
    public Batch {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fastFail, "fastFail");
        Objects.requireNonNull(config, "config");
    }
}
