package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.secrets.LocalSecretResolver;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretException;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretResolver;
import java.util.Map;

/** The secret values in this JVM, on the agent: what {@link AgentSecretResolver} does through remoting. */
final class DirectSecretResolver implements SecretResolver {
    private final Map<String, String> fromJenkins;
    private final LocalSecretResolver jenkins;
    private final AgentAws aws;

    DirectSecretResolver(Map<String, String> fromJenkins, AgentAws aws) {
        this.fromJenkins = Map.copyOf(fromJenkins);
        this.jenkins = LocalSecretResolver.of(fromJenkins, "the step's secretCredentials");
        this.aws = aws;
    }

    @Override
    public String parameter(String variable, String parameterName) throws SecretException {
        return fromJenkins.containsKey(variable)
                ? jenkins.parameter(variable, parameterName)
                : AgentWork.parameter(aws, variable, parameterName);
    }

    @Override
    public String secret(String variable, SecretsManagerRef reference) throws SecretException {
        return fromJenkins.containsKey(variable)
                ? jenkins.secret(variable, reference)
                : AgentWork.secret(
                        aws,
                        variable,
                        reference.secretId(),
                        reference.jsonKey().orElse(null),
                        reference.versionStage().orElse(null),
                        reference.versionId().orElse(null));
    }
}
