package io.jenkins.plugins.codebuildspec;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS keys resolved on the controller and handed to the agent for one call; never printed. */
record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) implements Serializable {
    private static final long serialVersionUID = 1L;

    AwsKeys {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        // An empty token is how the environment says "no token": the SDK would send it and fail.
        sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
    }

    /** Built where the keys are used, so no SDK object has to cross the remoting channel. */
    AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(
                sessionToken == null
                        ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                        : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    }

    /** Every value to mask in the console. */
    Set<String> values() {
        Set<String> values = new LinkedHashSet<>();
        values.add(accessKeyId);
        values.add(secretAccessKey);
        if (sessionToken != null) {
            values.add(sessionToken);
        }
        return values;
    }

    @Override
    public String toString() {
        // Records print their fields; these must not reach a log or an exception message.
        return "AwsKeys[redacted]";
    }
}
