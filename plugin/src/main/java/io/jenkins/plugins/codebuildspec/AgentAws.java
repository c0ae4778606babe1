package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.secrets.AwsSecretResolver;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** The AWS settings the agent needs; a null field leaves the choice to the AWS SDK's defaults there. */
record AgentAws(String region, String profile, AwsKeys keys, Map<String, String> endpoints) implements Serializable {
    private static final long serialVersionUID = 1L;

    AgentAws {
        endpoints = new LinkedHashMap<>(endpoints);
    }

    AgentAws(String region, String profile, AwsKeys keys) {
        this(region, profile, keys, Map.of());
    }

    /**
     * The SDK's endpoint variables of the step's environment ({@code AWS_ENDPOINT_URL}, its per-service
     * forms, {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}), for an S3-compatible store or a local stack;
     * the agent's own environment does not have what a {@code withEnv} set.
     */
    AgentAws withEndpoints(Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("AWS_ENDPOINT_URL") || name.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
                found.put(name, value);
            }
        });
        return new AgentAws(region, profile, keys, found);
    }

    /** A resolver for this run's AWS look-ups, built on the agent; the caller closes it. */
    AwsSecretResolver secretResolver() {
        AwsSecretResolver.Builder builder = AwsSecretResolver.builder().environment(endpoints);
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
