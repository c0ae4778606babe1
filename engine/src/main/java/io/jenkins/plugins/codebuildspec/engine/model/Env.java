package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code env} block. Variable values are literal strings: CodeBuild does not expand
 * {@code $PATH} in them.
 */
public record Env(
        Position position,
        Optional<Text> shell,
        Map<String, Text> variables,
        Map<String, Text> parameterStore,
        Map<String, SecretsManagerRef> secretsManager,
        List<Text> exportedVariables,
        Optional<Boolean> gitCredentialHelper) {
    public static final Env EMPTY =
            new Env(Position.NONE, Optional.empty(), Map.of(), Map.of(), Map.of(), List.of(), Optional.empty());

    public Env {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(shell, "shell");
        variables = Collections2.copyOf(variables);
        parameterStore = Collections2.copyOf(parameterStore);
        secretsManager = Collections2.copyOf(secretsManager);
        exportedVariables = List.copyOf(exportedVariables);
        Objects.requireNonNull(gitCredentialHelper, "gitCredentialHelper");
    }
}
