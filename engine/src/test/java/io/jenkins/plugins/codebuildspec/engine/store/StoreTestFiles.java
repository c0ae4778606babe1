package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test zips made on disk, and the digests the tests compare them by. */
final class StoreTestFiles {
    static final int MIB = 1024 * 1024;

    private StoreTestFiles() {}

    /** Pseudo-random bytes, written 1 MiB at a time so a big file never sits in memory. */
    static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(seed);
        byte[] chunk = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    static ArtifactUpload upload(String identifier, String key, Path zip) throws IOException {
        return new ArtifactUpload(identifier, key, "my-project:0b2c-build", sha256(zip), Files.size(zip));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        return Checksums.hex(digest(in, Checksums.sha256()));
    }

    static String md5Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Checksums.hex(digest(in, Checksums.md5()));
        }
    }

    /** The ETag S3 gives a multipart object, computed here independently of the store's code path. */
    static String multipartETag(Path file, int partSize) throws IOException {
        List<byte[]> md5s = new ArrayList<>();
        MessageDigest all = Checksums.md5();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] part;
            while ((part = in.readNBytes(partSize)).length > 0) {
                md5s.add(Checksums.md5().digest(part));
            }
        }
        md5s.forEach(all::update);
        return Checksums.hex(all.digest()) + "-" + md5s.size();
    }

    private static byte[] digest(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
