package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.store.ArtifactStore;
import io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.codebuildspec.engine.store.S3ArtifactStore;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Where a run's artifacts and cache go, as plain values for the agent, which builds the stores itself. */
record StoreSettings(
        // null strings mean "not set"; paths are on the agent
        String bucket,
        String prefix,
        String endpointUrl,
        String kmsKeyId,
        // false: no server-side encryption header at all
        boolean serverSideEncryption,
        AgentAws aws,
        // where the zips go without a bucket: inside the workspace, so that Jenkins can archive them
        String localDirectory,
        // where zips are written before they are stored; with a bucket, also their local copies
        String zipDirectory,
        // never packaged, such as the directories above
        List<String> excludedDirectories,
        // the buildspec's cache on the agent
        String cacheDirectory)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    StoreSettings {
        excludedDirectories = List.copyOf(excludedDirectories);
    }

    boolean usesS3() {
        return bucket != null;
    }

    /** Opens the store on the agent; close it when done. */
    ArtifactStore open() {
        if (!usesS3()) {
            return new LocalDirectoryStore(Path.of(localDirectory));
        }
        S3ArtifactStore.Builder builder = S3ArtifactStore.builder()
                .environment(aws.endpoints())
                .bucket(bucket)
                .prefix(prefix)
                .region(aws.region())
                .kmsKeyId(kmsKeyId);
        if (!serverSideEncryption) {
            builder.encryption(S3ArtifactStore.Encryption.NONE);
        }
        if (endpointUrl != null) {
            builder.endpointOverride(URI.create(endpointUrl));
        }
        if (aws.keys() != null) {
            builder.credentialsProvider(aws.keys().provider());
        } else if (aws.profile() != null) {
            builder.profile(aws.profile());
        }
        return builder.build();
    }
}
