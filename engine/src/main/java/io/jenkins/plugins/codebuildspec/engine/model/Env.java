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
    /** Turns report auto-discover off when {@code false}; CodeBuild's own switch, which a buildspec may set. */
    public static final String AUTO_DISCOVER = "CODEBUILD_CONFIG_AUTO_DISCOVER";

    /** Where report auto-discover looks: a directory or a pattern such as {@code output/*xml}. */
    public static final String AUTO_DISCOVER_DIR = "CODEBUILD_CONFIG_AUTO_DISCOVER_DIR";

    /** The {@code CODEBUILD_*} names a buildspec may define. */
    public static final List<String> CONFIG_SWITCHES = List.of(AUTO_DISCOVER, AUTO_DISCOVER_DIR);

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
