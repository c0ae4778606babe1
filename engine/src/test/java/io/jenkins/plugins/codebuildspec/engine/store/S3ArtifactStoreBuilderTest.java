package io.jenkins.plugins.codebuildspec.engine.store;

import static io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore.Encryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store's settings, key layout and configuration errors, none of which needs a server. */
class S3ArtifactStoreBuilderTest {
    @TempDir
    Path tmp;

    private final Map<String, String> savedProperties = new HashMap<>();

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private void setProperty(String name, String value) {
        savedProperties.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** Points the SDK at empty shared config and credentials files, whatever this machine has. */
    private void emptyAwsConfig() throws IOException {
        setProperty("aws.configFile", Files.createFile(tmp.resolve("config")).toString());
        setProperty(
                "aws.sharedCredentialsFile",
                Files.createFile(tmp.resolve("credentials")).toString());
        setProperty("aws.region", null);
        setProperty("aws.disableEc2Metadata", "true");
    }

    @Test
    void partSizeGrowsSoThatNoUploadNeedsMoreThan10000Parts() {
        assertThat(S3ArtifactStore.effectivePartSize(8 * MIB, 100 * MIB)).isEqualTo(8 * MIB);
        assertThat(S3ArtifactStore.effectivePartSize(8 * MIB, 80_000 * MIB)).isEqualTo(8 * MIB);
        assertThat(S3ArtifactStore.effectivePartSize(8 * MIB, 80_000 * MIB + 1)).isEqualTo(9 * MIB);
        long size = 200L * 1024 * MIB;
        long part = S3ArtifactStore.effectivePartSize(8 * MIB, size);
        assertThat((size + part - 1) / part).isLessThanOrEqualTo(10_000);
        assertThat(part % MIB).isZero();
    }

    @Test
    void keyLayoutAndDescription() {
        ArtifactUpload upload = new ArtifactUpload("", "dir/app.zip", "proj:abc-123", "00", 1);
        try (S3ArtifactStore plain = S3ArtifactStore.builder()
                        .bucket("b")
                        .region("eu-west-1")
                        .build();
                S3ArtifactStore nested = S3ArtifactStore.builder()
                        .bucket("b")
                        .region("eu-west-1")
                        .prefix("//a//b/")
                        .includeBuildId(true)
                        .build()) {
            assertThat(plain.objectKey(upload)).isEqualTo("dir/app.zip");
            assertThat(plain.describe()).isEqualTo("s3://b");
            assertThat(nested.objectKey(upload)).isEqualTo("a/b/proj/abc-123/dir/app.zip");
            assertThat(nested.describe()).isEqualTo("s3://b/a/b");
        }
    }

    @Test
    void metadataValuesAreKeptToPrintableAscii() {
        assertThat(S3Requests.headerSafe("job:1")).isEqualTo("job:1");
        assertThat(S3Requests.headerSafe("jöb%\n")).isEqualTo("j%C3%B6b%25%0A");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> S3ArtifactStore.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3ArtifactStore.builder().bucket("s3://b/x").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        S3ArtifactStore.builder().bucket("b").partSize(4 * MIB).build())
                .hasMessageContaining("5 MiB");
        assertThatThrownBy(() ->
                        S3ArtifactStore.builder().bucket("b").parallelism(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ArtifactStore.builder()
                        .bucket("b")
                        .kmsKeyId("k")
                        .encryption(Encryption.S3)
                        .build())
                .hasMessageContaining("KMS");
        assertThatThrownBy(() -> S3ArtifactStore.builder()
                        .bucket("b")
                        .profile("p")
                        .credentialsProvider(S3ProxyServer.credentials())
                        .build())
                .hasMessageContaining("not both");
    }

    @Test
    void missingCredentialsSayHowToProvideThem() throws Exception {
        emptyAwsConfig();
        Path zip = StoreTestFiles.randomFile(tmp, "app.zip", 10, 1);
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("b")
                .region("us-east-1")
                .profile("ci")
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "cannot upload the primary artifact to s3://b/app.zip: no usable AWS" + " credentials")
                    .hasMessageContaining("--profile");
        }
    }

    @Test
    void missingRegionSaysHowToProvideIt() throws Exception {
        assumeTrue(
                System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "the environment names a region");
        emptyAwsConfig();
        Path zip = StoreTestFiles.randomFile(tmp, "app.zip", 10, 1);
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("b")
                .credentialsProvider(S3ProxyServer.credentials())
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot upload the primary artifact to s3://b/app.zip: no AWS region: set AWS_REGION"
                            + " or pass --region");
        }
    }
}
