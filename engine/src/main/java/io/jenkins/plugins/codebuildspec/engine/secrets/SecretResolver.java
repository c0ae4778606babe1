package io.jenkins.plugins.codebuildspec.engine.secrets;

import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;

/**
 * Looks up the values behind a buildspec's {@code env.parameter-store} and {@code env.secrets-manager}.
 * Implementations: AWS (Systems Manager and Secrets Manager) and a local mapping for offline use.
 * Messages of the exceptions name the variable and the reference, never a value.
 */
public interface SecretResolver {
    /**
     * The (decrypted) value of a Systems Manager parameter.
     *
     * @param variable the buildspec variable it is for, for messages
     * @param parameterName the parameter's name, such as {@code /CodeBuild/dockerLoginPassword}
     */
    String parameter(String variable, String parameterName) throws SecretException;

    /**
     * The value of a Secrets Manager secret, reduced to its {@code json-key} when the reference names
     * one, at the reference's version stage or version id when it names them.
     *
     * @param variable the buildspec variable it is for, for messages
     */
    String secret(String variable, SecretsManagerRef reference) throws SecretException;
}
