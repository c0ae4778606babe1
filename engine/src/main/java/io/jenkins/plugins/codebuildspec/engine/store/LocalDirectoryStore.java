package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

/** Stores artifact zips under a local directory, with a {@code sha256sum}-style file beside each. */
public final class LocalDirectoryStore implements ArtifactStore {
    private static final int BUFFER = 64 * 1024;

    private final Path dir;

    public LocalDirectoryStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public StoredArtifact store(Path zip, ArtifactUpload upload) throws IOException {
        Path target = dir.resolve(upload.key()).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            // ArtifactUpload already refuses '..'; this guards odd keys such as "a/./" all the same.
            throw new IOException(
                    "cannot store " + describe(upload) + ": key " + upload.key() + " leads outside " + dir);
        }
        try {
            Files.createDirectories(target.getParent());
            String sha256 = writeAtomically(target, out -> {
                String actual = copyAndDigest(zip, out);
                if (!actual.equalsIgnoreCase(upload.sha256())) {
                    // Checked before the rename: a zip that changed after it was hashed never gets the name.
                    throw new ChecksumMismatchException("checksum mismatch storing " + describe(upload) + " to "
                            + target + ": the copy has SHA-256 " + actual + ", expected " + upload.sha256());
                }
                return actual;
            });
            String line = sha256 + "  " + target.getFileName() + "\n";
            writeAtomically(target.resolveSibling(target.getFileName() + ".sha256"), out -> {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                return sha256;
            });
        } catch (ChecksumMismatchException e) {
            throw e;
        } catch (NoSuchFileException e) {
            String reason = Files.exists(zip) ? e.toString() : "the zip " + zip + " does not exist";
            throw new IOException("cannot store " + describe(upload) + " to " + target + ": " + reason, e);
        } catch (IOException e) {
            throw new IOException("cannot store " + describe(upload) + " to " + target + ": " + e, e);
        }
        return new StoredArtifact(target.toString(), Optional.empty());
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    static String describe(ArtifactUpload upload) {
        return upload.identifier().isEmpty() ? "the primary artifact" : "artifact '" + upload.identifier() + "'";
    }

    /** Writes through a file body into a hidden temporary sibling, then renames it over the target. */
    private static String writeAtomically(Path target, Body body) throws IOException {
        // Same directory, so the rename never crosses file systems and ATOMIC_MOVE is available.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            String result;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                result = body.write(out);
                // Flush to disk before the rename so a crash cannot leave a named but empty file.
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return result;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String copyAndDigest(Path zip, FileChannel out) throws IOException {
        MessageDigest sha256 = Checksums.sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(zip)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
        }
        return Checksums.hex(sha256.digest());
    }

    private static final class ChecksumMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        ChecksumMismatchException(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Body {
        String write(FileChannel out) throws IOException;
    }
}
