package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Stores artifact zips in S3 or an S3-compatible store, verifying every byte with MD5s and the ETag. */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    static final long MIB = 1024L * 1024;
    static final long MIN_PART_SIZE = 5 * MIB;
    /** Below S3's 5 GiB part limit: a part must fit one Java array. */
    static final long MAX_PART_SIZE = 1024 * MIB;

    static final int MAX_PARTS = 10_000;
    private static final long MAX_SINGLE_PUT = 5L * 1024 * MIB;

    /** Server-side encryption of stored objects. */
    public enum Encryption {
        NONE,
        S3,
        KMS
    }

    private final String bucket;
    private final String prefix;
    private final boolean includeBuildId;
    private final Encryption encryption;
    private final String kmsKeyId;
    private final long partSize;
    private final long multipartThreshold;
    private final int parallelism;
    private final S3ClientFactory factory;
    private S3Client client;
    private Region region;
    private boolean closed;

    private S3ArtifactStore(Builder b) {
        this.bucket = b.bucket;
        this.prefix = S3Requests.joinKey(b.prefix);
        this.includeBuildId = b.includeBuildId;
        this.encryption = b.effectiveEncryption();
        this.kmsKeyId = b.kmsKeyId;
        this.partSize = b.partSize;
        this.multipartThreshold = b.multipartThreshold;
        this.parallelism = b.parallelism;
        this.factory = new S3ClientFactory(
                b.region, b.endpointOverride, b.credentialsProvider, b.profile, b.maxAttempts, b.interceptors);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StoredArtifact store(Path zip, ArtifactUpload upload) throws IOException, InterruptedException {
        String key = objectKey(upload);
        String what = LocalDirectoryStore.describe(upload);
        S3Failures.Target target = new S3Failures.Target(what, bucket, key, "", encryption == Encryption.KMS);
        long size;
        try {
            size = Files.size(zip);
        } catch (NoSuchFileException e) {
            throw target.failure("the zip " + zip + " does not exist", e);
        }
        S3Client s3;
        try {
            factory.checkCredentials();
            s3 = client();
        } catch (IOException e) {
            throw target.failure(e.getMessage(), e);
        }
        target = new S3Failures.Target(what, bucket, key, endpoint(), target.kms());
        try {
            S3MultipartUpload.Result result = size >= multipartThreshold || size > MAX_SINGLE_PUT
                    ? multipart(s3, target, zip, size, upload)
                    : putSingle(s3, target, zip, size, upload);
            S3Location location =
                    new S3Location(bucket, key, result.eTag(), Optional.ofNullable(result.versionId()), "zip");
            return new StoredArtifact(location.uri(), Optional.of(location));
        } catch (SdkException e) {
            if (S3Failures.isInterrupt(e)) {
                throw new InterruptedException("upload of " + what + " to " + target.uri() + " interrupted");
            }
            if (!(e instanceof S3Exception) && !S3Failures.unreachable(e)) {
                // The connection broke off mid-request: ask again without a body to learn whether S3 refused it.
                S3Exception refusal = S3Requests.probe(s3, createRequest(target, upload));
                if (refusal != null) {
                    throw S3Failures.describe(refusal, target);
                }
            }
            throw S3Failures.describe(e, target);
        } catch (UncheckedIOException e) {
            throw target.failure("reading the zip failed: " + e.getCause().getMessage(), e);
        } catch (IllegalArgumentException e) {
            // The SDK validates some values (bucket names) before sending anything.
            throw target.failure(e.getMessage(), e);
        }
    }

    private S3MultipartUpload.Result putSingle(
            S3Client s3, S3Failures.Target target, Path zip, long size, ArtifactUpload upload) throws IOException {
        byte[] md5;
        try {
            md5 = Checksums.digestFile(zip, Checksums.md5());
        } catch (IOException e) {
            throw target.failure("reading the zip failed: " + e, e);
        }
        PutObjectRequest request = S3Requests.encrypt(PutObjectRequest.builder(), encryption, kmsKeyId)
                .bucket(bucket)
                .key(target.key())
                .contentType(S3Requests.CONTENT_TYPE)
                .contentLength(size)
                .metadata(S3Requests.metadata(upload))
                // The server recomputes the MD5 of what it received and refuses the PUT if it differs.
                .contentMD5(Checksums.base64(md5))
                .build();
        PutObjectResponse response = s3.putObject(request, RequestBody.fromFile(zip));
        String eTag = Checksums.unquote(response.eTag());
        if (verifiesETags() && !eTag.equalsIgnoreCase(Checksums.hex(md5))) {
            S3Requests.deleteQuietly(s3, target);
            throw target.checksumMismatch("the object has ETag " + eTag + ", expected MD5 " + Checksums.hex(md5));
        }
        return new S3MultipartUpload.Result(eTag, response.versionId());
    }

    private S3MultipartUpload.Result multipart(
            S3Client s3, S3Failures.Target target, Path zip, long size, ArtifactUpload upload)
            throws IOException, InterruptedException {
        long effectivePartSize = effectivePartSize(partSize, size);
        if (effectivePartSize > MAX_PART_SIZE) {
            throw target.failure("the zip is too big for S3 (" + size + " bytes)", null);
        }
        return new S3MultipartUpload(s3, target, zip, size, effectivePartSize, parallelism, verifiesETags())
                .run(createRequest(target, upload));
    }

    private CreateMultipartUploadRequest createRequest(S3Failures.Target target, ArtifactUpload upload) {
        return S3Requests.encrypt(CreateMultipartUploadRequest.builder(), encryption, kmsKeyId)
                .bucket(bucket)
                .key(target.key())
                .contentType(S3Requests.CONTENT_TYPE)
                .metadata(S3Requests.metadata(upload))
                .build();
    }

    /** Under SSE-KMS the ETag is not the MD5 of the bytes; Content-MD5 on each request still holds. */
    private boolean verifiesETags() {
        return encryption != Encryption.KMS;
    }

    /** S3 allows 10,000 parts: a bigger zip gets bigger parts, rounded up to whole MiB. */
    static long effectivePartSize(long configured, long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return needed <= configured ? configured : (needed + MIB - 1) / MIB * MIB;
    }

    String objectKey(ArtifactUpload upload) {
        return S3Requests.joinKey(prefix, includeBuildId ? upload.buildId().replace(':', '/') : "", upload.key());
    }

    private synchronized S3Client client() throws IOException {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        if (client == null) {
            region = factory.resolveRegion();
            client = factory.create(region);
        }
        return client;
    }

    private synchronized String endpoint() {
        return factory.describeEndpoint(region);
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
        factory.close();
    }

    /** Settings of an {@link S3ArtifactStore}; only the bucket is required. */
    public static final class Builder {
        private String bucket;
        private String prefix = "";
        private boolean includeBuildId;
        private Region region;
        private URI endpointOverride;
        private Map<String, String> environment = System.getenv();
        private AwsCredentialsProvider credentialsProvider;
        private String profile;
        private Encryption encryption;
        private String kmsKeyId;
        private long partSize = 8 * MIB;
        private long multipartThreshold = 16 * MIB;
        private int parallelism = 4;
        private int maxAttempts = 5;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

        private Builder() {}

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** A base prefix; the object key is {@code prefix/[build/id/]key}, without doubled slashes. */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        /** Puts the build id ({@code :} becoming {@code /}) between the prefix and the key. */
        public Builder includeBuildId(boolean includeBuildId) {
            this.includeBuildId = includeBuildId;
            return this;
        }

        public Builder region(String region) {
            this.region = region == null || region.isBlank() ? null : Region.of(region.strip());
            return this;
        }

        /** An S3-compatible store (MinIO, S3Proxy, Ceph); requests then use path-style bucket addressing. */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /**
         * Where {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} are read when no endpoint override is
         * given (default: this process's environment); see {@link AwsEndpoints}.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /** A named profile of the shared AWS config and credentials files. */
        public Builder profile(String profile) {
            this.profile = profile == null || profile.isBlank() ? null : profile.strip();
            return this;
        }

        /** Default {@link Encryption#S3}, or {@link Encryption#KMS} when a KMS key id is given. */
        public Builder encryption(Encryption encryption) {
            this.encryption = encryption;
            return this;
        }

        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.strip();
            return this;
        }

        /** Bytes per part, at least 5 MiB; grown for big zips so that no upload needs over 10,000 parts. */
        public Builder partSize(long partSize) {
            this.partSize = partSize;
            return this;
        }

        /** Zips of at least this many bytes go up in parts. */
        public Builder multipartThreshold(long multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
            return this;
        }

        /** Parts in flight at once; memory use is about this times the part size. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Attempts per request, retries backing off exponentially. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** For tests: observe or disturb the SDK's requests. */
        Builder executionInterceptor(ExecutionInterceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        public S3ArtifactStore build() {
            if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
                throw new IllegalArgumentException(
                        "an S3 bucket name is required (without s3:// or a path): " + bucket);
            }
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException("part size must be between 5 MiB and 1 GiB: " + partSize);
            }
            if (multipartThreshold < 1 || parallelism < 1 || parallelism > 64 || maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "multipart threshold and attempts must be positive, parallelism" + " between 1 and 64");
            }
            if (credentialsProvider != null && profile != null) {
                throw new IllegalArgumentException("give either a credentials provider or a profile, not both");
            }
            if (kmsKeyId != null && encryption != null && encryption != Encryption.KMS) {
                throw new IllegalArgumentException("a KMS key id needs KMS encryption, not " + encryption);
            }
            if (endpointOverride == null) {
                endpointOverride = AwsEndpoints.of(AwsEndpoints.S3, environment).orElse(null);
            }
            return new S3ArtifactStore(this);
        }

        private Encryption effectiveEncryption() {
            return encryption != null ? encryption : kmsKeyId != null ? Encryption.KMS : Encryption.S3;
        }
    }
}
