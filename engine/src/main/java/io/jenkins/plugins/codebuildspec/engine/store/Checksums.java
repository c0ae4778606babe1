package io.jenkins.plugins.codebuildspec.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Digests the stores use to prove that what arrived is what was sent. */
final class Checksums {
    private static final int BUFFER = 64 * 1024;

    private Checksums() {}

    static MessageDigest md5() {
        return digest("MD5");
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** Streams the file through the digest, so a big zip never sits in memory. */
    static byte[] digestFile(Path file, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The value of a {@code Content-MD5} header. */
    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** S3's ETag of a multipart object: the MD5 of the parts' binary MD5s, then {@code -<parts>}. */
    static String multipartETag(List<byte[]> partMd5s) {
        MessageDigest md5 = md5();
        partMd5s.forEach(md5::update);
        return hex(md5.digest()) + "-" + partMd5s.size();
    }

    /** ETags arrive quoted ({@code "abc"}); CodeDeploy and comparisons want the bare value. */
    static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        String e = eTag.strip();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
