package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code secrets-manager} reference, {@code secret-id[:json-key[:version-stage[:version-id]]]}. The
 * secret id may itself be an ARN, which contains colons: its first seven fields are the id.
 */
public record SecretsManagerRef(
        String secretId,
        Optional<String> jsonKey,
        Optional<String> versionStage,
        Optional<String> versionId,
        Position position) {
    private static final int ARN_FIELDS = 7;

    public SecretsManagerRef {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(jsonKey, "jsonKey");
        Objects.requireNonNull(versionStage, "versionStage");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(position, "position");
    }

    /**
     * Splits a reference as CodeBuild does. Empty fields mean "not given", so {@code id::AWSPREVIOUS}
     * names a version stage without a JSON key.
     *
     * @throws IllegalArgumentException when the secret id is empty or there are too many fields
     */
    public static SecretsManagerRef parse(String reference, Position position) {
        String[] parts = reference.split(":", -1);
        int idFields = reference.startsWith("arn:") ? Math.min(ARN_FIELDS, parts.length) : 1;
        String id = String.join(":", Arrays.copyOfRange(parts, 0, idFields));
        String[] rest = Arrays.copyOfRange(parts, idFields, parts.length);
        if (id.isBlank()) {
            throw new IllegalArgumentException("the secret id is empty");
        }
        if (rest.length > 3) {
            throw new IllegalArgumentException("expected secret-id[:json-key[:version-stage[:version-id]]], found "
                    + (rest.length + 1) + " fields");
        }
        return new SecretsManagerRef(id, field(rest, 0), field(rest, 1), field(rest, 2), position);
    }

    private static Optional<String> field(String[] fields, int index) {
        return index < fields.length && !fields[index].isEmpty() ? Optional.of(fields[index]) : Optional.empty();
    }
}
