package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.Serializable;
import java.util.Optional;

/**
 * One packaged and stored artifact, shaped for CodeDeploy: the zip's path, SHA-256 and size, where it
 * was stored, and for S3 the bucket, key, ETag, version id and bundle type ({@code zip}). The S3 fields
 * are null when the artifact went to a local directory.
 */
public record ArtifactResult(
        String identifier,
        String name,
        String zipPath,
        String sha256,
        long size,
        int entries,
        String location,
        String bucket,
        String key,
        String eTag,
        String versionId,
        String bundleType)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * This result as shown to users, each name and path passed through {@code mask}: an artifact named
     * after a secret keeps its real name where it is stored, and is shown masked.
     */
    public ArtifactResult masked(java.util.function.UnaryOperator<String> mask) {
        return new ArtifactResult(
                identifier,
                mask.apply(name),
                mask.apply(zipPath),
                sha256,
                size,
                entries,
                mask.apply(location),
                mask.apply(bucket),
                mask.apply(key),
                eTag,
                versionId,
                bundleType);
    }

    public boolean inS3() {
        return bucket != null;
    }

    public Optional<String> s3Uri() {
        return inS3() ? Optional.of("s3://" + bucket + "/" + key) : Optional.empty();
    }

    /** What {@code aws deploy create-deployment --s3-location} takes, for S3 artifacts. */
    public Optional<String> codeDeployS3Location() {
        if (!inS3()) {
            return Optional.empty();
        }
        return Optional.of("bucket=" + bucket + ",key=" + key + ",bundleType=" + bundleType + ",eTag=" + eTag
                + (versionId == null ? "" : ",version=" + versionId));
    }
}
