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
        Path checksum = target.resolveSibling(target.getFileName() + ".sha256");
        try {
            Files.createDirectories(target.getParent());
            storeBoth(zip, upload, target, checksum);
        } catch (ChecksumMismatchException e) {
            throw e;
        } catch (NoSuchFileException e) {
            String reason = Files.exists(zip) ? IoMessages.plain(e) : "the zip " + zip + " does not exist";
            throw new IOException("cannot store " + describe(upload) + " to " + target + ": " + reason, e);
        } catch (IOException e) {
            throw new IOException("cannot store " + describe(upload) + " to " + target + ": " + IoMessages.plain(e), e);
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

    /**
     * Writes the zip and its checksum file under temporary names, then renames both: a failure at any
     * point (a full disk after the zip fitted) leaves neither under its final name, and never a zip
     * beside a checksum file that describes another.
     */
    private static void storeBoth(Path zip, ArtifactUpload upload, Path target, Path checksum) throws IOException {
        // Same directory, so the renames never cross file systems and ATOMIC_MOVE is available.
        Path zipTemp = temporary(target);
        Path checksumTemp = temporary(checksum);
        boolean zipRenamed = false;
        boolean done = false;
        try {
            String sha256 = write(zipTemp, out -> {
                String actual = copyAndDigest(zip, out);
                if (!actual.equalsIgnoreCase(upload.sha256())) {
                    // Checked before the rename: a zip that changed after it was hashed never gets the name.
                    throw new ChecksumMismatchException("checksum mismatch storing " + describe(upload) + " to "
                            + target + ": the copy has SHA-256 " + actual + ", expected " + upload.sha256());
                }
                return actual;
            });
            String line = sha256 + "  " + target.getFileName() + "\n";
            write(checksumTemp, out -> {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                return sha256;
            });
            Files.move(zipTemp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            zipRenamed = true;
            Files.move(checksumTemp, checksum, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(zipTemp);
                Files.deleteIfExists(checksumTemp);
                if (zipRenamed) {
                    // the new zip replaced any previous one: remove it, and a checksum file left describing
                    // the zip it replaced
                    Files.deleteIfExists(target);
                    if (Files.isRegularFile(checksum, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(checksum);
                    }
                }
            }
        }
    }

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Writes through a file body into a new file, flushed to disk before it is renamed. */
    private static String write(Path file, Body body) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            String result = body.write(out);
            // Flush to disk before the rename so a crash cannot leave a named but empty file.
            out.force(true);
            return result;
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
