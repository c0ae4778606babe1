package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.store.ArtifactStore;
import io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The artifact store the flags ask for: a local directory by default, S3 with {@code --s3-bucket}. */
record StoreChoice(ArtifactStore store) implements AutoCloseable {
    static StoreChoice of(
            String bucket, String prefix, String endpoint, String kmsKeyId, boolean noSse, BuildSetup setup, Path dir) {
        if (bucket == null) {
            if (prefix != null || endpoint != null || kmsKeyId != null || noSse) {
                throw new IllegalArgumentException(
                        "--s3-prefix, --endpoint-url, --kms-key-id and --no-sse need" + " --s3-bucket");
            }
            return new StoreChoice(new LocalDirectoryStore(dir));
        }
        S3ArtifactStore.Builder builder = S3ArtifactStore.builder().bucket(bucket);
        if (prefix != null) {
            builder.prefix(prefix);
        }
        if (setup.region() != null) {
            builder.region(setup.region());
        }
        if (endpoint != null) {
            try {
                URI uri = new URI(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(endpoint, "needs a scheme and a host");
                }
                builder.endpointOverride(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "--endpoint-url " + endpoint + " is not a URL like" + " http://127.0.0.1:9000");
            }
        }
        if (kmsKeyId != null && noSse) {
            throw new IllegalArgumentException("--kms-key-id and --no-sse contradict each other; keep one");
        }
        if (kmsKeyId != null) {
            builder.kmsKeyId(kmsKeyId);
        }
        if (noSse) {
            builder.encryption(S3ArtifactStore.Encryption.NONE);
        }
        setup.credentialsProvider().ifPresent(builder::credentialsProvider);
        setup.profile().ifPresent(builder::profile);
        return new StoreChoice(builder.build());
    }

    @Override
    public void close() {
        if (store instanceof S3ArtifactStore s3) {
            s3.close();
        }
    }
}
