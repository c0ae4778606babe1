package io.jenkins.plugins.codebuildspec.engine.cache;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactException;
import io.jenkins.plugins.codebuildspec.engine.artifacts.FileSelector;
import io.jenkins.plugins.codebuildspec.engine.artifacts.SelectedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $(codebuild-hash-files package-lock.json '**}{@code /*.gradle')} in cache keys: the SHA-256 of
 * the matching files' names and contents, in name order, so the key changes when they do.
 */
public final class HashFiles {
    private static final Pattern CALL = Pattern.compile("\\$\\(\\s*codebuild-hash-files\\s+([^)]*)\\)");

    private HashFiles() {}

    /** Whether a key uses {@code codebuild-hash-files}. */
    public static boolean uses(String key) {
        return CALL.matcher(key).find();
    }

    /** The key with every {@code $(codebuild-hash-files ...)} replaced by its hash. */
    public static String substitute(String key, Path sourceDirectory) throws IOException {
        Matcher m = CALL.matcher(key);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(hash(sourceDirectory, arguments(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> arguments(String text) {
        return Pattern.compile("\\s+")
                .splitAsStream(text.trim())
                .map(a -> a.replaceAll("^['\"]|['\"]$", ""))
                .filter(a -> !a.isEmpty())
                .toList();
    }

    static String hash(Path sourceDirectory, List<String> globs) throws IOException {
        List<SelectedFile> files;
        try {
            files = new FileSelector(sourceDirectory, m -> {})
                    .select(new FileSelector.Request(Optional.empty(), globs, List.of(), false, false, List.of()));
        } catch (ArtifactException e) {
            throw new IOException(e.getMessage(), e);
        }
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        for (SelectedFile f : files) {
            sha.update(f.entryName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(f.source())) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
