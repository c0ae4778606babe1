package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code env} of one batch build: which image and machine (compute type or reserved fleet) it wants,
 * and extra variables.
 */
public record BatchEnv(
        Position position,
        Optional<Text> computeType,
        Optional<Text> fleet,
        Optional<Text> image,
        Optional<Text> type,
        Optional<Boolean> privilegedMode,
        Map<String, Text> variables) {
    public static final BatchEnv EMPTY = new BatchEnv(
            Position.NONE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of());

    public BatchEnv {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(computeType, "computeType");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(privilegedMode, "privilegedMode");
        variables = Collections2.copyOf(variables);
    }
}
