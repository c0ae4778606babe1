package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.secrets.AwsSecretResolver;
import java.io.Serializable;

/** The AWS settings the agent needs; a null field leaves the choice to the AWS SDK's defaults there. */
record AgentAws(String region, String profile, AwsKeys keys) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A resolver for this run's AWS look-ups, built on the agent; the caller closes it. */
    AwsSecretResolver secretResolver() {
        AwsSecretResolver.Builder builder = AwsSecretResolver.builder();
        if (region != null) {
            builder.region(region);
        }
        if (keys != null) {
            builder.credentialsProvider(keys.provider());
        } else if (profile != null) {
            builder.profile(profile);
        }
        return builder.build();
    }
}
