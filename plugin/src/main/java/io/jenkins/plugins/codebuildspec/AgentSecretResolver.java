package io.jenkins.plugins.codebuildspec;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.secrets.LocalSecretResolver;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretException;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretResolver;
import java.io.IOException;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/** The buildspec's secret values: from Jenkins where {@code secretCredentials} says so, else from AWS. */
final class AgentSecretResolver implements SecretResolver {
    private final Map<String, String> fromJenkins;
    private final LocalSecretResolver jenkins;
    private final VirtualChannel channel;
    private final AgentAws aws;

    /** @param fromJenkins buildspec variable name to the value of its Jenkins credential */
    AgentSecretResolver(Map<String, String> fromJenkins, VirtualChannel channel, AgentAws aws) {
        this.fromJenkins = Map.copyOf(fromJenkins);
        this.jenkins = LocalSecretResolver.of(fromJenkins, "the step's secretCredentials");
        this.channel = channel;
        this.aws = aws;
    }

    @Override
    public String parameter(String variable, String parameterName) throws SecretException {
        if (fromJenkins.containsKey(variable)) {
            return jenkins.parameter(variable, parameterName);
        }
        return onAgent(new ParameterLookup(aws, variable, parameterName), variable);
    }

    @Override
    public String secret(String variable, SecretsManagerRef reference) throws SecretException {
        if (fromJenkins.containsKey(variable)) {
            return jenkins.secret(variable, reference);
        }
        return onAgent(
                new SecretLookup(
                        aws,
                        variable,
                        reference.secretId(),
                        reference.jsonKey().orElse(null),
                        reference.versionStage().orElse(null),
                        reference.versionId().orElse(null)),
                variable);
    }

    /** From the agent: its network and the run's credentials, never the controller's own AWS identity. */
    private String onAgent(MasterToSlaveCallable<String, SecretException> lookup, String variable)
            throws SecretException {
        try {
            return channel.call(lookup);
        } catch (IOException e) {
            throw new SecretException(variable + ": the agent could not be asked for the value: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(variable + ": interrupted while looking the value up");
        }
    }

    private static final class ParameterLookup extends MasterToSlaveCallable<String, SecretException> {
        private static final long serialVersionUID = 1L;
        private final AgentAws aws;
        private final String variable;
        private final String parameterName;

        ParameterLookup(AgentAws aws, String variable, String parameterName) {
            this.aws = aws;
            this.variable = variable;
            this.parameterName = parameterName;
        }

        @Override
        public String call() throws SecretException {
            return AgentWork.parameter(aws, variable, parameterName);
        }
    }

    private static final class SecretLookup extends MasterToSlaveCallable<String, SecretException> {
        private static final long serialVersionUID = 1L;
        private final AgentAws aws;
        private final String variable;
        private final String secretId;
        private final String jsonKey;
        private final String versionStage;
        private final String versionId;

        SecretLookup(
                AgentAws aws, String variable, String secretId, String jsonKey, String versionStage, String versionId) {
            this.aws = aws;
            this.variable = variable;
            this.secretId = secretId;
            this.jsonKey = jsonKey;
            this.versionStage = versionStage;
            this.versionId = versionId;
        }

        @Override
        public String call() throws SecretException {
            return AgentWork.secret(aws, variable, secretId, jsonKey, versionStage, versionId);
        }
    }
}
