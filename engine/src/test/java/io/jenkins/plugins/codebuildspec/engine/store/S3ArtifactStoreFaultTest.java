package io.jenkins.plugins.codebuildspec.engine.store;

import static io.jenkins.plugins.codebuildspec.engine.store.StoreTestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore.Encryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The S3 store when S3Proxy dies mid-upload: after a restart nothing is under the artifact's key. */
class S3ArtifactStoreFaultTest {
    // The filesystem backend, so that whatever the dead server stored would outlive the restart.
    private static final String BUCKET = "faults";

    @TempDir
    static Path tmp;

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3proxy")), S3ProxyServer.Backend.FILESYSTEM);
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Each test leaves the server up for the next, whatever it did to it. */
    @AfterEach
    void serverUp() throws Exception {
        if (!answers()) {
            server.restart();
        }
    }

    private static boolean answers() {
        try (S3Client s3 = server.client()) {
            s3.listBuckets();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static S3ArtifactStore.Builder store() {
        return S3ArtifactStore.builder()
                .bucket(BUCKET)
                .endpointOverride(server.endpoint())
                .credentialsProvider(S3ProxyServer.credentials())
                .encryption(Encryption.NONE);
    }

    private static void assertNothingUnder(String key) {
        try (S3Client s3 = server.client()) {
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents())
                    .isEmpty();
        }
    }

    @Test
    void serverKilledAfterTheSecondPartLeavesNoObjectAfterRestart() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "fault.zip", 40L * MIB, 21);
        AtomicInteger partsDone = new AtomicInteger();
        ExecutionInterceptor killer = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest && partsDone.incrementAndGet() == 2) {
                    try {
                        server.stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (S3ArtifactStore store = store().partSize(5L * MIB)
                .multipartThreshold(5L * MIB)
                .parallelism(2)
                .executionInterceptor(killer)
                .build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("", "fault/app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot upload the primary artifact to s3://faults/fault/app.zip: cannot reach the S3"
                            + " endpoint " + server.endpoint() + " (connection refused)");
        }
        assertThat(partsDone.get()).isLessThan(8);

        server.restart();
        assertNothingUnder("fault/app.zip");
    }

    @Test
    void serverDownBeforeASinglePutLeavesNoObject() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "down.zip", 100_000, 22);
        server.stop();
        try (S3ArtifactStore store = store().maxAttempts(2).build()) {
            assertThatThrownBy(() -> store.store(zip, StoreTestFiles.upload("site", "down/app.zip", zip)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot upload artifact 'site' to s3://faults/down/app.zip: cannot reach"
                            + " the S3 endpoint http://127.0.0.1:");
        }
        server.restart();
        assertNothingUnder("down/app.zip");
    }

    /** Connections kept alive to the old server process must not fail the next upload. */
    @Test
    void uploadAfterAServerRestartSucceeds() throws Exception {
        Path zip = StoreTestFiles.randomFile(tmp, "again.zip", 100_000, 23);
        try (S3ArtifactStore store = store().build()) {
            store.store(zip, StoreTestFiles.upload("", "again/1.zip", zip));
            server.restart();
            StoredArtifact second = store.store(zip, StoreTestFiles.upload("", "again/2.zip", zip));
            assertThat(second.location()).isEqualTo("s3://faults/again/2.zip");
        }
    }
}
