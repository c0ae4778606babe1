package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Notices a file that changed between its selection and the end of its packaging, such as a log a
 * background process still writes: its entry would describe a file that never existed as a whole, so
 * the artifact fails, naming the file, rather than being called good.
 */
final class FileChanges {
    private FileChanges() {}

    /** Fails when {@code bytesRead} or the file's size or modification time now differ from its selection. */
    static void check(SelectedFile f, long bytesRead) throws IOException {
        if (bytesRead != f.size()) {
            throw changed(f, f.size() + " bytes when selected, " + bytesRead + " when read");
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(f.source(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw changed(f, "it was removed");
        }
        if (now.size() != f.size()) {
            throw changed(f, f.size() + " bytes when selected, " + now.size() + " after it was read");
        }
        if (now.lastModifiedTime().toMillis() != f.modifiedMillis()) {
            throw changed(f, "it was modified after it was selected");
        }
    }

    static ChangedFileException changed(SelectedFile f, String how) {
        return new ChangedFileException(f.source() + " changed while the artifact was being packaged (" + how
                + "): stop whatever writes it before UPLOAD_ARTIFACTS (wait for background processes), or leave"
                + " it out with exclude-paths");
    }

    /** A file that did not hold still while it was zipped. */
    static final class ChangedFileException extends IOException {
        private static final long serialVersionUID = 1L;

        ChangedFileException(String message) {
            super(message);
        }
    }
}
