package io.jenkins.plugins.codebuildspec.engine.secrets;

import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.store.AwsEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Resolves secrets from AWS Systems Manager and Secrets Manager, creating each client on first use. */
public final class AwsSecretResolver implements SecretResolver, AutoCloseable {
    private final String region;
    private final URI ssmEndpoint;
    private final URI secretsManagerEndpoint;
    private final AwsCredentialsProvider credentialsProvider;
    private final String profile;
    private final Integer maxAttempts;
    private final Duration apiCallTimeout;

    // Guarded by this; created on first use so that a parameter-store-only buildspec never needs Secrets Manager.
    private SsmClient ssm;
    private SecretsManagerClient secretsManager;
    private ProfileCredentialsProvider profileCredentials;

    private AwsSecretResolver(Builder builder) {
        this.region = builder.region;
        // an explicit override wins over the SDK's standard variables, as in the SDK
        this.ssmEndpoint = builder.endpointOverride != null
                ? builder.endpointOverride
                : AwsEndpoints.of(AwsEndpoints.SSM, builder.environment).orElse(null);
        this.secretsManagerEndpoint = builder.endpointOverride != null
                ? builder.endpointOverride
                : AwsEndpoints.of(AwsEndpoints.SECRETS_MANAGER, builder.environment)
                        .orElse(null);
        this.credentialsProvider = builder.credentialsProvider;
        this.profile = builder.profile;
        this.maxAttempts = builder.maxAttempts;
        this.apiCallTimeout = builder.apiCallTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String parameter(String variable, String parameterName) throws SecretException {
        String prefix = SecretMessages.parameterPrefix(variable);
        String subject = "parameter " + parameterName;
        SsmClient client = null;
        try {
            client = ssm();
            return client.getParameter(r -> r.name(parameterName).withDecryption(true))
                    .parameter()
                    .value();
        } catch (ParameterNotFoundException e) {
            throw new SecretException(prefix + ": " + subject + " not found in region " + regionOf(client), e);
        } catch (SdkException e) {
            throw AwsErrors.translate(
                    prefix, subject, "ssm:GetParameter", regionOf(client), endpoint("Systems Manager", client), e);
        }
    }

    @Override
    public String secret(String variable, SecretsManagerRef reference) throws SecretException {
        String prefix = SecretMessages.secretPrefix(variable);
        String subject = SecretMessages.describe(reference);
        SecretsManagerClient client = null;
        GetSecretValueResponse response;
        try {
            client = secretsManager();
            response = client.getSecretValue(r -> r.secretId(reference.secretId())
                    .versionStage(reference.versionStage().orElse(null))
                    .versionId(reference.versionId().orElse(null)));
        } catch (ResourceNotFoundException e) {
            // AWS's text says whether the secret or only the version is missing, and holds no value.
            throw new SecretException(
                    prefix + ": " + subject + " not found in region " + regionOf(client) + ": " + AwsErrors.message(e),
                    e);
        } catch (SdkException e) {
            throw AwsErrors.translate(
                    prefix,
                    subject,
                    "secretsmanager:GetSecretValue",
                    regionOf(client),
                    endpoint("Secrets Manager", client),
                    e);
        }
        String text = response.secretString();
        if (text == null) {
            throw new SecretException(prefix + ": " + subject
                    + (response.secretBinary() != null
                            ? " is a binary secret (SecretBinary); binary secrets are not supported as environment"
                                    + " variables, store the value as a SecretString (for example base64-encoded)"
                            : " has no SecretString"));
        }
        if (reference.jsonKey().isEmpty()) {
            return text;
        }
        return JsonKeys.extract(
                variable, reference.secretId(), reference.jsonKey().get(), text);
    }

    @Override
    public synchronized void close() {
        if (ssm != null) {
            ssm.close();
            ssm = null;
        }
        if (secretsManager != null) {
            secretsManager.close();
            secretsManager = null;
        }
        if (profileCredentials != null) {
            profileCredentials.close();
            profileCredentials = null;
        }
    }

    private synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = configure(SsmClient.builder(), ssmEndpoint);
        }
        return ssm;
    }

    private synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = configure(SecretsManagerClient.builder(), secretsManagerEndpoint);
        }
        return secretsManager;
    }

    /** Builds a client; throws SdkClientException (caught by the callers) when no region can be found. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, URI endpointOverride) {
        // Netty and Apache clients are excluded from the build; the JDK's URL connection is enough here.
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        AwsCredentialsProvider credentials = credentials();
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        builder.overrideConfiguration(o -> {
            if (profile != null) {
                // Makes the SDK read the region (and other settings) from this profile as well.
                o.defaultProfileName(profile);
            }
            if (maxAttempts != null) {
                o.retryStrategy(r -> r.maxAttempts(maxAttempts));
            }
            if (apiCallTimeout != null) {
                o.apiCallTimeout(apiCallTimeout);
            }
        });
        return builder.build();
    }

    /** Null means the SDK's default chain (DefaultCredentialsProvider), which the client then owns and closes. */
    private synchronized AwsCredentialsProvider credentials() {
        if (credentialsProvider != null) {
            return credentialsProvider;
        }
        if (profile == null) {
            return null;
        }
        if (profileCredentials == null) {
            // Not the default chain with this profile: that would prefer AWS_ACCESS_KEY_ID over an explicit profile.
            profileCredentials = ProfileCredentialsProvider.create(profile);
        }
        return profileCredentials;
    }

    private String regionOf(Object client) {
        AwsServiceClientConfiguration configuration = configurationOf(client);
        if (configuration != null && configuration.region() != null) {
            return configuration.region().id();
        }
        return region == null ? "(unknown)" : region;
    }

    private String endpoint(String service, Object client) {
        URI endpointOverride = service.equals("Systems Manager") ? ssmEndpoint : secretsManagerEndpoint;
        if (endpointOverride != null) {
            return endpointOverride.toString();
        }
        return "the AWS " + service + " endpoint in region " + regionOf(client);
    }

    private static AwsServiceClientConfiguration configurationOf(Object client) {
        if (client instanceof SsmClient ssmClient) {
            return ssmClient.serviceClientConfiguration();
        }
        if (client instanceof SecretsManagerClient secretsClient) {
            return secretsClient.serviceClientConfiguration();
        }
        return null;
    }

    /** Settings of an {@link AwsSecretResolver}; all optional, unset ones follow the AWS SDK's defaults. */
    public static final class Builder {
        private String region;
        private URI endpointOverride;
        private Map<String, String> environment = System.getenv();
        private AwsCredentialsProvider credentialsProvider;
        private String profile;
        private Integer maxAttempts;
        private Duration apiCallTimeout;

        private Builder() {}

        /** Such as {@code eu-west-1}; unset, the SDK's chain decides (AWS_REGION, the profile, instance metadata). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * One endpoint for both services, such as a LocalStack URL; both answer on the same port there.
         * Unset, the regional AWS endpoints are used.
         */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /**
         * Where {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} and {@code AWS_ENDPOINT_URL}
         * are read when no endpoint override is given (default: this process's environment).
         *
         * @throws IllegalArgumentException at {@link #build()} when one of them is not a URL
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Credentials to use; takes precedence over {@link #profile(String)} for credentials. */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /** A profile of ~/.aws/config and ~/.aws/credentials for credentials and, if none is given, the region. */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        /** Attempts per call including the first; 1 disables retries. Unset, the SDK's retry strategy decides. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Limit for one call including its retries. */
        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
            return this;
        }

        public AwsSecretResolver build() {
            return new AwsSecretResolver(this);
        }
    }
}
