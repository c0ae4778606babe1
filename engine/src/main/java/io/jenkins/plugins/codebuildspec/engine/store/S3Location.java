package io.jenkins.plugins.codebuildspec.engine.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An artifact in S3, as CodeDeploy takes it: {@code aws deploy create-deployment --s3-location
 * bucket=B,key=K,bundleType=zip,eTag=E[,version=V]}.
 */
public record S3Location(String bucket, String key, String eTag, Optional<String> versionId, String bundleType) {
    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(bundleType, "bundleType");
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** The value of {@code aws deploy create-deployment --s3-location}. */
    public String codeDeployArgument() {
        return "bucket=" + bucket + ",key=" + key + ",bundleType=" + bundleType + ",eTag=" + eTag
                + versionId.map(v -> ",version=" + v).orElse("");
    }
}
