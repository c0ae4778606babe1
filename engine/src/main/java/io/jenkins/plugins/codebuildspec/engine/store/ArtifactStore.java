package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where finished artifact zips go: a local directory or S3. A store never leaves a partial file or
 * object under the final name: it appears whole, or not at all.
 */
public interface ArtifactStore {
    /**
     * Stores one finished zip.
     *
     * @param zip the complete zip on this machine
     * @param upload what it is and the key it goes under
     * @throws IOException with a message that names the artifact and the destination, and holds no
     *     credential
     */
    StoredArtifact store(Path zip, ArtifactUpload upload) throws IOException, InterruptedException;

    /** Where this store puts things, for the log: a directory or {@code s3://bucket/prefix}. */
    String describe();
}
