package io.jenkins.plugins.codebuildspec.engine.store;

import static io.jenkins.plugins.codebuildspec.engine.store.StoreTestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Server-side encryption, proved by the headers on the wire and by S3Proxy reporting it back. */
class S3ArtifactStoreEncryptionTest {
    // S3Proxy's filesystem backend refuses every SSE header (NotImplemented); its transient backend accepts
    // them and reports them on HeadObject, so these tests run against a transient one.
    private static final String BUCKET = "encrypted";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    static Path tmp;

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3proxy")), S3ProxyServer.Backend.TRANSIENT);
        server.createBucket(BUCKET);
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static S3ArtifactStore.Builder store(RecordingInterceptor recorder) {
        return S3ArtifactStore.builder()
                .bucket(BUCKET)
                .endpointOverride(server.endpoint())
                .credentialsProvider(S3ProxyServer.credentials())
                .executionInterceptor(recorder);
    }

    @Test
    void defaultIsSseS3SentOnPutObjectAndReportedByHeadObject() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "sse-s3.zip", 50_000, 11);
        RecordingInterceptor recorder = new RecordingInterceptor();
        try (S3ArtifactStore store = store(recorder).build()) {
            store.store(zip, StoreTestFiles.upload("", "sse-s3.zip", zip));
        }
        assertThat(recorder.sent(PutObjectRequest.class)).singleElement().satisfies(http -> assertThat(
                        http.firstMatchingHeader("x-amz-server-side-encryption"))
                .contains("AES256"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("sse-s3.zip"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void kmsKeyIdIsPassedThroughAndReportedByHeadObject() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "kms.zip", 50_000, 12);
        RecordingInterceptor recorder = new RecordingInterceptor();
        StoredArtifact stored;
        try (S3ArtifactStore store = store(recorder).kmsKeyId(KMS_KEY).build()) {
            stored = store.store(zip, StoreTestFiles.upload("", "kms.zip", zip));
        }
        assertThat(recorder.sent(PutObjectRequest.class)).singleElement().satisfies(http -> {
            assertThat(http.firstMatchingHeader("x-amz-server-side-encryption")).contains("aws:kms");
            assertThat(http.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id"))
                    .contains(KMS_KEY);
            assertThat(http.firstMatchingHeader("Content-MD5")).isPresent();
        });
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("kms.zip"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
        assertThat(stored.s3().orElseThrow().eTag()).isNotBlank();
    }

    @Test
    void multipartUploadCarriesEncryptionOnCreateMultipartUpload() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "sse-multi.zip", 11L * MIB, 13);
        RecordingInterceptor recorder = new RecordingInterceptor();
        StoredArtifact stored;
        try (S3ArtifactStore store =
                store(recorder).partSize(5L * MIB).multipartThreshold(5L * MIB).build()) {
            stored = store.store(zip, StoreTestFiles.upload("", "sse-multi.zip", zip));
        }
        assertThat(recorder.sent(CreateMultipartUploadRequest.class))
                .singleElement()
                .satisfies(http -> assertThat(http.firstMatchingHeader("x-amz-server-side-encryption"))
                        .contains("AES256"));
        assertThat(stored.s3().orElseThrow().eTag()).isEqualTo(StoreTestFiles.multipartETag(zip, 5 * MIB));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("sse-multi.zip"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("sse-multi.zip"))) {
            assertThat(StoreTestFiles.sha256(in)).isEqualTo(StoreTestFiles.sha256(zip));
        }
    }
}
