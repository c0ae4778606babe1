package io.jenkins.plugins.codebuildspec;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Where a run's AWS credentials and region come from, decided on the controller. */
final class AwsSetup {
    static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private final AgentAws agent;
    private final String source;
    private final boolean fromJenkinsCredential;

    private AwsSetup(AgentAws agent, String source, boolean fromJenkinsCredential) {
        this.agent = agent;
        this.source = source;
        this.fromJenkinsCredential = fromJenkinsCredential;
    }

    /**
     * Credentials, first found: the step's {@code credentialsId}; keys an enclosing {@code withCredentials}
     * or {@code withAWS} put in the step's environment; the global default credential; a profile named in
     * the environment; the agent's default chain (instance profile, web identity). Keys resolved here go to
     * the agent with each call that needs them and are never kept in the Pipeline's saved state.
     */
    static AwsSetup resolve(
            Run<?, ?> run,
            EnvVars env,
            @CheckForNull String credentialsId,
            @CheckForNull String defaultCredentialsId,
            @CheckForNull String region,
            @CheckForNull String defaultRegion)
            throws AbortException {
        String effectiveRegion = firstSet(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), defaultRegion);
        if (credentialsId != null) {
            return fromCredential(run, credentialsId, effectiveRegion);
        }
        String accessKeyId = Util.fixEmpty(env.get(ACCESS_KEY_ID));
        String secretAccessKey = Util.fixEmpty(env.get(SECRET_ACCESS_KEY));
        if (accessKeyId != null && secretAccessKey != null) {
            AwsKeys keys = new AwsKeys(accessKeyId, secretAccessKey, env.get(SESSION_TOKEN));
            return new AwsSetup(
                    new AgentAws(effectiveRegion, null, keys), "AWS_ACCESS_KEY_ID of the step's environment", false);
        }
        if (defaultCredentialsId != null) {
            return fromCredential(run, defaultCredentialsId, effectiveRegion);
        }
        String profile = Util.fixEmptyAndTrim(env.get("AWS_PROFILE"));
        if (profile != null) {
            return new AwsSetup(new AgentAws(effectiveRegion, profile, null), "AWS profile " + profile, false);
        }
        return new AwsSetup(
                new AgentAws(effectiveRegion, null, null), "the agent's default AWS credentials chain", false);
    }

    private static AwsSetup fromCredential(Run<?, ?> run, String id, String region) throws AbortException {
        StandardCredentials credential = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (credential == null) {
            throw new AbortException("credentialsId: no credential '" + id + "' is available to "
                    + run.getParent().getFullName());
        }
        AwsKeys keys;
        if (credential instanceof UsernamePasswordCredentials up) {
            String secret = up.getPassword().getPlainText();
            if (Util.fixEmpty(up.getUsername()) == null || secret.isEmpty()) {
                throw new AbortException("credentialsId '" + id + "': its username (the access key id) and password"
                        + " (the secret access key) must both be set");
            }
            keys = new AwsKeys(up.getUsername(), secret, null);
        } else if (OptionalPlugins.awsCredentials() && AwsPluginCredentials.handles(credential)) {
            try {
                keys = AwsPluginCredentials.resolve(credential);
            } catch (RuntimeException e) {
                // An IAM role to assume is resolved through STS here; its messages hold no secret.
                throw new AbortException(
                        "credentialsId '" + id + "': the AWS credential could not be resolved: " + e.getMessage());
            }
            if (keys == null) {
                // aws-credentials' way of saying "no keys, no role": use what the machine provides.
                return new AwsSetup(
                        new AgentAws(region, null, null),
                        "the agent's default AWS credentials chain (credential '" + id + "' holds no keys)",
                        false);
            }
        } else {
            throw new AbortException("credentialsId '" + id + "' is a "
                    + credential.getDescriptor().getDisplayName()
                    + "; use a 'Username with password' credential holding the access key id and secret access key"
                    + (OptionalPlugins.awsCredentials() ? ", or an AWS credential" : ""));
        }
        return new AwsSetup(new AgentAws(region, null, keys), "Jenkins credential '" + id + "'", true);
    }

    /** What the agent needs for S3 and the secret look-ups. */
    AgentAws agent() {
        return agent;
    }

    /** For the console: where the credentials come from, never what they are. */
    String describe() {
        return "AWS credentials: " + source + "; region: "
                + (agent.region() == null ? "the SDK's default" : agent.region());
    }

    /**
     * The credentials as the build's variables when they come from a Jenkins credential, as CodeBuild
     * gives the build its service role's; otherwise the build already has what its environment holds.
     */
    Map<String, String> buildVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (fromJenkinsCredential) {
            AwsKeys keys = agent.keys();
            variables.put(ACCESS_KEY_ID, keys.accessKeyId());
            variables.put(SECRET_ACCESS_KEY, keys.secretAccessKey());
            // Empty removes a token an enclosing withAWS left: it belongs to other keys.
            variables.put(SESSION_TOKEN, keys.sessionToken() == null ? "" : keys.sessionToken());
        }
        return variables;
    }

    /** Every credential value, to be masked. */
    Set<String> secretValues() {
        return agent.keys() == null ? Set.of() : agent.keys().values();
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            String v = Util.fixEmptyAndTrim(value);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
