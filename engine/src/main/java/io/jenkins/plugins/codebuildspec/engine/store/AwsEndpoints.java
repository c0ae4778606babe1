package io.jenkins.plugins.codebuildspec.engine.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS SDKs' standard endpoint variables, for local stacks (LocalStack, MinIO, S3Proxy):
 * {@code AWS_ENDPOINT_URL_<SERVICE>} ({@code S3}, {@code SSM}, {@code SECRETS_MANAGER}), else
 * {@code AWS_ENDPOINT_URL}; {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} turns both off. Read from
 * an environment the caller gives (Jenkins: the step's), so the engine's clients also get S3's
 * path-style addressing and the messages name the endpoint, which the SDK's own lookup would not.
 */
public final class AwsEndpoints {
    public static final String S3 = "S3";
    public static final String SSM = "SSM";
    public static final String SECRETS_MANAGER = "SECRETS_MANAGER";

    private AwsEndpoints() {}

    /**
     * The endpoint configured for {@code service}, if any.
     *
     * @throws IllegalArgumentException naming the variable when its value is not an http(s) URL
     */
    public static Optional<URI> of(String service, Map<String, String> environment) {
        if ("true"
                .equals(environment
                        .getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "")
                        .strip()
                        .toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        for (String name : new String[] {"AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(parse(name, value.strip()));
            }
        }
        return Optional.empty();
    }

    private static URI parse(String name, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, without the cause's text: the value could hold user-info
        }
        throw new IllegalArgumentException(
                name + " is not an http:// or https:// URL with a host; set it like http://localhost:4566");
    }
}
