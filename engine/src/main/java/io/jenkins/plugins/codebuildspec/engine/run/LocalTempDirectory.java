package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A build-private temporary directory on this machine for the engine's state files. It prefers a
 * memory-backed file system ({@code $XDG_RUNTIME_DIR}, then {@code /dev/shm}): the state files hold
 * secret values, which then never reach a disk, and writing them is several times cheaper there than
 * on a journaled disk. Falls back to the JVM's temporary directory.
 */
public final class LocalTempDirectory {
    private LocalTempDirectory() {}

    /** Creates a new directory, readable only by this user, with a unique name. */
    public static Path create(String prefix) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(Path.of(runtime));
        }
        candidates.add(Path.of("/dev/shm"));
        for (Path base : candidates) {
            if (Files.isDirectory(base) && Files.isWritable(base)) {
                try {
                    return Files.createTempDirectory(
                            base,
                            prefix,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (IOException | UnsupportedOperationException e) {
                    // try the next place
                }
            }
        }
        return Files.createTempDirectory(prefix);
    }
}
