package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Objects;
import java.util.Optional;

/** The {@code batch} block: how child builds are made, and whether one failure stops the rest. */
public record Batch(Position position, Optional<Boolean> fastFail, BatchConfig config) {
    /**
     * The most child builds one batch may have. CodeBuild bounds a batch by its project's "maximum
     * builds allowed" restriction; there is no project here, so this fixed limit stands in for it
     * [our rule]. A batch above it is rejected when the file is read, before any plan is made.
     */
    public static final int MAX_BUILDS = 100;

    public Batch {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fastFail, "fastFail");
        Objects.requireNonNull(config, "config");
    }
}
