package io.jenkins.plugins.codebuildspec.engine.store;

import static io.jenkins.plugins.codebuildspec.engine.store.StoreTestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore.Encryption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The S3 store against S3Proxy's filesystem backend: round trips, layout, and clear failures. */
class S3ArtifactStoreTest {
    private static final String BUCKET = "artifacts";

    @TempDir
    static Path tmp;

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3proxy")), S3ProxyServer.Backend.FILESYSTEM);
        server.createBucket(BUCKET);
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** S3Proxy's filesystem backend refuses SSE headers, so these tests store unencrypted. */
    private static S3ArtifactStore.Builder store() {
        return S3ArtifactStore.builder()
                .bucket(BUCKET)
                .endpointOverride(server.endpoint())
                .credentialsProvider(S3ProxyServer.credentials())
                .encryption(Encryption.NONE);
    }

    @Test
    void singlePutRoundTripsBytesMetadataAndContentMd5() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "small.zip", 300_000, 1);
        ArtifactUpload upload = StoreTestFiles.upload("", "single/app.zip", zip);
        RecordingInterceptor recorder = new RecordingInterceptor();

        StoredArtifact stored;
        try (S3ArtifactStore store = store().executionInterceptor(recorder).build()) {
            stored = store.store(zip, upload);
        }

        assertThat(stored.location()).isEqualTo("s3://artifacts/single/app.zip");
        S3Location location = stored.s3().orElseThrow();
        assertThat(location.eTag()).isEqualTo(StoreTestFiles.md5Hex(zip));
        assertThat(location.bundleType()).isEqualTo("zip");
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("single/app.zip"))) {
            assertThat(StoreTestFiles.sha256(in)).isEqualTo(upload.sha256());
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("single/app.zip"));
        assertThat(head.contentType()).isEqualTo("application/zip");
        assertThat(head.metadata())
                .containsEntry("codebuild-build-id", "my-project:0b2c-build")
                .containsEntry("codebuild-sha256", upload.sha256());
        PutObjectRequest put = recorder.requests(PutObjectRequest.class).get(0);
        assertThat(Base64.getDecoder().decode(put.contentMD5()))
                .isEqualTo(HexFormat.of().parseHex(StoreTestFiles.md5Hex(zip)));
        assertThat(put.serverSideEncryption()).isNull();
        assertThat(recorder.sent(PutObjectRequest.class)).singleElement().satisfies(http -> {
            assertThat(http.firstMatchingHeader("Content-MD5")).contains(put.contentMD5());
            assertThat(http.firstMatchingHeader("Expect")).isEmpty();
            assertThat(http.firstMatchingHeader("x-amz-server-side-encryption")).isEmpty();
        });
    }

    @Test
    void multipartUploadOf100MiBRoundTripsWithTheMultipartETag() throws Exception {
        long size = 100L * MIB + 12_345;
        Path zip = StoreTestFiles.randomFile(tmp, "big.zip", size, 2);
        ArtifactUpload upload = StoreTestFiles.upload("big", "big/app.zip", zip);
        RecordingInterceptor recorder = new RecordingInterceptor();

        StoredArtifact stored;
        try (S3ArtifactStore store = store().partSize(8 * MIB)
                .parallelism(4)
                .executionInterceptor(recorder)
                .build()) {
            stored = store.store(zip, upload);
        }

        String expectedETag = StoreTestFiles.multipartETag(zip, 8 * MIB);
        assertThat(expectedETag).endsWith("-13");
        assertThat(stored.s3().orElseThrow().eTag()).isEqualTo(expectedETag);
        assertThat(recorder.sent(UploadPartRequest.class)).hasSize(13).allSatisfy(http -> assertThat(
                        http.firstMatchingHeader("Content-MD5"))
                .isPresent());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("big/app.zip"));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(Checksums.unquote(head.eTag())).isEqualTo(expectedETag);
        assertThat(head.metadata()).containsEntry("codebuild-sha256", upload.sha256());
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("big/app.zip"))) {
            assertThat(StoreTestFiles.sha256(in)).isEqualTo(upload.sha256());
        }
        Files.delete(zip);
    }

    @Test
    void keyJoinsPrefixBuildIdAndKeyWithSingleSlashes() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "layout.zip", 1000, 3);
        try (S3ArtifactStore withId =
                        store().prefix("/ci//builds/").includeBuildId(true).build();
                S3ArtifactStore withoutId = store().prefix("ci/builds").build()) {
            assertThat(withId.describe()).isEqualTo("s3://artifacts/ci/builds");
            assertThat(withId.store(zip, StoreTestFiles.upload("", "sub/app.zip", zip))
                            .location())
                    .isEqualTo("s3://artifacts/ci/builds/my-project/0b2c-build/sub/app.zip");
            assertThat(withoutId
                            .store(zip, StoreTestFiles.upload("", "sub/app.zip", zip))
                            .location())
                    .isEqualTo("s3://artifacts/ci/builds/sub/app.zip");
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ci/")).contents())
                .extracting(o -> o.key())
                .containsExactlyInAnyOrder("ci/builds/my-project/0b2c-build/sub/app.zip", "ci/builds/sub/app.zip");
    }

    @Test
    void awsEndpointUrlS3FromTheGivenEnvironmentReachesTheLocalStoreWithPathStyle() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "env-endpoint.zip", 1000, 5);
        // no endpointOverride: the SDK's standard variable, read from the environment the caller gives
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket(BUCKET)
                .region("us-east-1")
                .environment(Map.of(
                        "AWS_ENDPOINT_URL",
                        "http://127.0.0.1:9/not-this-one",
                        "AWS_ENDPOINT_URL_S3",
                        server.endpoint().toString()))
                .credentialsProvider(S3ProxyServer.credentials())
                .encryption(Encryption.NONE)
                .build()) {
            store.store(zip, StoreTestFiles.upload("", "env/app.zip", zip));
        }
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("env/app.zip")).contentLength())
                .isEqualTo(1000);
    }

    @Test
    void anEndpointVariableThatIsNoUrlIsNamed() {
        assertThatThrownBy(() -> S3ArtifactStore.builder()
                        .bucket(BUCKET)
                        .environment(Map.of("AWS_ENDPOINT_URL", "localhost:4566"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL is not an http:// or https:// URL");
    }

    @Test
    void nonexistentBucketIsNamedInTheError() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "nobucket.zip", 1000, 4);
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("no-such-bucket")
                .endpointOverride(server.endpoint())
                .credentialsProvider(S3ProxyServer.credentials())
                .encryption(Encryption.NONE)
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot upload the primary artifact to s3://no-such-bucket/app.zip:"
                            + " bucket no-such-bucket does not exist");
            assertThatThrownBy(() -> store.store(zip, new ArtifactUpload("reports", "r.zip", "p:1", "0", 1)))
                    .hasMessageContaining("artifact 'reports' to s3://no-such-bucket/r.zip");
        }
    }

    /** S3Proxy drops the connection instead of reading a big body it refuses; the store still says why. */
    @Test
    void bigSinglePutToAMissingBucketStillNamesTheBucket() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "bignobucket.zip", 12L * MIB, 12);
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("missing-bucket")
                .maxAttempts(2)
                .endpointOverride(server.endpoint())
                .credentialsProvider(S3ProxyServer.credentials())
                .encryption(Encryption.NONE)
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot upload the primary artifact to s3://missing-bucket/app.zip:"
                            + " bucket missing-bucket does not exist");
        }
    }

    @Test
    void rejectedCredentialsAreReportedWithoutTheSecret() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "badcreds.zip", 1000, 5);
        String secret = "wrong-secret-value-1234";
        try (S3ArtifactStore store = store().credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.IDENTITY, secret)))
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "creds.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("credentials were rejected")
                    .hasMessageContaining("s3://artifacts/creds.zip")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        }
    }

    @Test
    void encryptionRefusedByAnS3CompatibleStoreSaysSo() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "sse.zip", 1000, 6);
        try (S3ArtifactStore store = store().encryption(Encryption.S3).build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "sse.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("server-side encryption");
        }
        assertAbsent("sse.zip");
    }

    @Test
    void missingZipIsNamed() throws Exception {
        Path zip = tmp.resolve("missing.zip");
        try (S3ArtifactStore store = store().build()) {
            assertThatThrownBy(() -> store.store(zip, new ArtifactUpload("", "missing.zip", "p:1", "0", 1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://artifacts/missing.zip")
                    .hasMessageContaining(zip + " does not exist");
        }
    }

    @Test
    void contentMd5ThatDoesNotMatchTheBytesIsRefusedByTheServer() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "badmd5.zip", 100_000, 7);
        try (S3ArtifactStore store =
                store().executionInterceptor(new WrongContentMd5(0)).build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "badmd5.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://artifacts/badmd5.zip: checksum mismatch");
        }
        assertAbsent("badmd5.zip");
    }

    @Test
    void partWhoseContentMd5DoesNotMatchAbortsTheMultipartUpload() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "badpart.zip", 16L * MIB, 8);
        RecordingInterceptor recorder = new RecordingInterceptor();
        try (S3ArtifactStore store = store().partSize(5L * MIB)
                .parallelism(2)
                .executionInterceptor(recorder)
                .executionInterceptor(new WrongContentMd5(2))
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "badpart.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://artifacts/badpart.zip: checksum mismatch");
        }
        assertAborted(recorder);
        assertAbsent("badpart.zip");
    }

    @Test
    void putWhoseETagIsNotTheMd5IsDeleted() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "badetag.zip", 100_000, 9);
        ExecutionInterceptor wrongETag = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                return context.response() instanceof PutObjectResponse put
                        ? put.toBuilder().eTag("\"" + "0".repeat(32) + "\"").build()
                        : context.response();
            }
        };
        try (S3ArtifactStore store = store().executionInterceptor(wrongETag).build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "badetag.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("checksum mismatch uploading the primary artifact to"
                            + " s3://artifacts/badetag.zip: the object has ETag 000");
        }
        assertAbsent("badetag.zip");
    }

    @Test
    void partWhoseETagIsNotItsMd5AbortsBeforeCompleting() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "badpartetag.zip", 16L * MIB, 10);
        RecordingInterceptor recorder = new RecordingInterceptor();
        ExecutionInterceptor wrongPartETag = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                return context.request() instanceof UploadPartRequest part && part.partNumber() == 3
                        ? ((UploadPartResponse) context.response())
                                .toBuilder().eTag("\"" + "f".repeat(32) + "\"").build()
                        : context.response();
            }
        };
        try (S3ArtifactStore store = store().partSize(5L * MIB)
                .executionInterceptor(recorder)
                .executionInterceptor(wrongPartETag)
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("app", "badpartetag.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("checksum mismatch uploading artifact 'app' to"
                            + " s3://artifacts/badpartetag.zip: part 3 has ETag fff");
        }
        assertThat(recorder.requests(CompleteMultipartUploadRequest.class)).isEmpty();
        assertAborted(recorder);
        assertAbsent("badpartetag.zip");
    }

    @Test
    void interruptStopsTheUploadAbortsItAndThrowsInterruptedException() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "interrupt.zip", 30L * MIB, 11);
        RecordingInterceptor recorder = new RecordingInterceptor();
        Thread caller = Thread.currentThread();
        ExecutionInterceptor interrupter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest) {
                    caller.interrupt();
                }
            }
        };
        try (S3ArtifactStore store = store().partSize(5L * MIB)
                .parallelism(1)
                .executionInterceptor(recorder)
                .executionInterceptor(interrupter)
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "interrupt.zip", zip)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(recorder.requests(UploadPartRequest.class)).hasSizeLessThan(6);
        assertAborted(recorder);
        assertAbsent("interrupt.zip");
    }

    /** Replaces the Content-MD5 of the PutObject (part 0) or of one part with the MD5 of other bytes. */
    private static final class WrongContentMd5 implements ExecutionInterceptor {
        private final int partNumber;

        WrongContentMd5(int partNumber) {
            this.partNumber = partNumber;
        }

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            boolean target = partNumber == 0
                    ? context.request() instanceof PutObjectRequest
                    : context.request() instanceof UploadPartRequest part && part.partNumber() == partNumber;
            String otherMd5 = Base64.getEncoder().encodeToString(Checksums.md5().digest(new byte[] {1, 2, 3}));
            return target
                    ? context.httpRequest().toBuilder()
                            .putHeader("Content-MD5", otherMd5)
                            .build()
                    : context.httpRequest();
        }
    }

    /** The store sent one abort for its upload, and S3Proxy no longer lists the upload. */
    private static void assertAborted(RecordingInterceptor recorder) {
        String uploadId = recorder.requests(UploadPartRequest.class).get(0).uploadId();
        assertThat(recorder.requests(AbortMultipartUploadRequest.class))
                .singleElement()
                .satisfies(abort -> assertThat(abort.uploadId()).isEqualTo(uploadId));
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .noneMatch(upload -> upload.uploadId().equals(uploadId));
    }

    private static void assertAbsent(String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key(key))).isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents())
                .isEmpty();
    }
}
