package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file chosen for an artifact: where it is on disk, the name it gets in the zip, its Unix mode, and
 * for a symlink stored as a link, its target as written.
 */
public record SelectedFile(
        Path source, String entryName, int unixMode, long size, long modifiedMillis, Optional<String> linkTarget) {
    public SelectedFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(entryName, "entryName");
        Objects.requireNonNull(linkTarget, "linkTarget");
    }

    public boolean isSymlink() {
        return linkTarget.isPresent();
    }
}
