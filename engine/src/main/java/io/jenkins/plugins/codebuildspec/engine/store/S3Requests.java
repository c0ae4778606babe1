package io.jenkins.plugins.codebuildspec.engine.store;

import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore.Encryption;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The parts of S3 requests that PutObject and CreateMultipartUpload share: key, metadata, encryption. */
final class S3Requests {
    static final String CONTENT_TYPE = "application/zip";
    private static final System.Logger LOG = System.getLogger(S3Requests.class.getName());

    private S3Requests() {}

    /** Joins key segments with single slashes, whatever slashes the segments bring. */
    static String joinKey(String... segments) {
        return Stream.of(segments)
                .filter(s -> s != null)
                .flatMap(s -> Stream.of(s.split("/+")))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining("/"));
    }

    static Map<String, String> metadata(ArtifactUpload upload) {
        return Map.of(
                "codebuild-build-id", headerSafe(upload.buildId()), "codebuild-sha256", headerSafe(upload.sha256()));
    }

    /** Metadata travels as signed HTTP headers: percent-encode anything outside printable ASCII. */
    static String headerSafe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            out.append(b >= 0x20 && b < 0x7f && b != '%' ? String.valueOf((char) b) : String.format("%%%02X", b));
        }
        return out.toString();
    }

    static PutObjectRequest.Builder encrypt(PutObjectRequest.Builder request, Encryption encryption, String kmsKeyId) {
        if (encryption == Encryption.S3) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (encryption == Encryption.KMS) {
            // Without a key id S3 uses the account's AWS managed key (aws/s3).
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        return request;
    }

    static CreateMultipartUploadRequest.Builder encrypt(
            CreateMultipartUploadRequest.Builder request, Encryption encryption, String kmsKeyId) {
        if (encryption == Encryption.S3) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (encryption == Encryption.KMS) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        return request;
    }

    /**
     * Finds why an upload's connection broke off. A server refusing a big PUT (no such bucket, access denied)
     * may close the connection rather than read the body it will not store; a bodiless request with the same
     * bucket, key, credentials and encryption gets its answer in words. Returns null when that one passes.
     */
    static S3Exception probe(S3Client s3, CreateMultipartUploadRequest sameTarget) {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(sameTarget).uploadId();
        } catch (S3Exception refusal) {
            return refusal;
        } catch (RuntimeException e) {
            return null;
        }
        try {
            s3.abortMultipartUpload(
                    b -> b.bucket(sameTarget.bucket()).key(sameTarget.key()).uploadId(uploadId));
        } catch (RuntimeException e) {
            // Harmless: an upload never completed shows no object.
        }
        return null;
    }

    /** Best effort removal of an object that must not stay, e.g. one whose ETag proved it wrong. */
    static void deleteQuietly(S3Client s3, S3Failures.Target target) {
        try {
            s3.deleteObject(b -> b.bucket(target.bucket()).key(target.key()));
        } catch (RuntimeException e) {
            // The type only: SDK messages can echo request details.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not delete {0} after a failed upload: {1}",
                    target.uri(),
                    e.getClass().getSimpleName());
        }
    }
}
