package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.secrets.AwsSecretResolver;
import io.jenkins.plugins.codebuildspec.engine.secrets.LocalSecretResolver;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretException;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretResolver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The AWS side of a local run: region, the host's credentials when {@code -c} asks for them, and where
 * secrets come from (a local file when given, AWS otherwise).
 */
final class BuildSetup implements AutoCloseable {
    /** Variables that carry credentials: only passed into the build with {@code -c}. */
    static final List<String> CREDENTIAL_VARIABLES =
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private final String region;
    private final String profile;
    private final AwsCredentials credentials;
    private final SecretResolver resolver;

    BuildSetup(String profile, String region, boolean useCredentials, Path secretFile) {
        this.region = region != null
                ? region
                : firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"));
        this.profile = profile;
        this.credentials = useCredentials ? resolve(profile) : null;
        if (secretFile != null) {
            try {
                this.resolver = LocalSecretResolver.fromFile(secretFile);
            } catch (SecretException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else {
            AwsSecretResolver.Builder builder = AwsSecretResolver.builder();
            if (this.region != null) {
                builder.region(this.region);
            }
            if (credentials != null) {
                builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
            } else if (profile != null) {
                builder.profile(profile);
            }
            this.resolver = builder.build();
        }
    }

    private static AwsCredentials resolve(String profile) {
        AwsCredentialsProvider provider = profile != null
                ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        try {
            return provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("-c: no AWS credentials found"
                    + (profile != null ? " for profile " + profile : "") + " (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, run 'aws configure', or name a profile with --profile)");
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    String region() {
        return region;
    }

    /** The host's credentials when -c resolved them, for AWS calls the runner makes itself. */
    Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentials).map(StaticCredentialsProvider::create);
    }

    Optional<String> profile() {
        return credentials == null ? Optional.ofNullable(profile) : Optional.empty();
    }

    Optional<SecretResolver> secretResolver() {
        return Optional.of(resolver);
    }

    /** The machine's environment, less its AWS credential variables unless {@code -c} was given. */
    Map<String, String> machineEnvironment(Map<String, String> machine) {
        Map<String, String> env = new LinkedHashMap<>(machine);
        if (credentials == null) {
            CREDENTIAL_VARIABLES.forEach(env::remove);
        }
        return env;
    }

    /** The caller's variables, with the host's credentials added under them when {@code -c} was given. */
    Map<String, String> withCredentials(Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        if (credentials != null) {
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                env.put("AWS_SESSION_TOKEN", session.sessionToken());
            }
        }
        env.putAll(overrides);
        return env;
    }

    /** Every credential value, to be masked in the log and the result. */
    Set<String> secretValues() {
        Set<String> values = new LinkedHashSet<>();
        if (credentials != null) {
            values.add(credentials.accessKeyId());
            values.add(credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                values.add(session.sessionToken());
            }
        }
        return values;
    }

    @Override
    public void close() {
        if (resolver instanceof AwsSecretResolver aws) {
            aws.close();
        }
    }
}
