package io.jenkins.plugins.codebuildspec.engine.cache;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactException;
import io.jenkins.plugins.codebuildspec.engine.artifacts.FileSelector;
import io.jenkins.plugins.codebuildspec.engine.artifacts.SelectedFile;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ZipPackager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The build cache in a local directory: one entry per key, each a zip of the cached paths with its
 * SHA-256 beside it. An entry is written under a temporary name and renamed when complete; one whose
 * checksum or zip does not read back is ignored with a warning, never used.
 */
public final class LocalCache {
    private static final String SOURCE_PREFIX = "src/";
    private static final String ABSOLUTE_PREFIX = "abs/";

    private final Path directory;

    public LocalCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Restores the entry for the key, else the newest entry whose key starts with a fallback key. */
    public CacheOutcome restore(CacheJob job) throws IOException, InterruptedException {
        List<String> messages = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        entry(job.key()).ifPresent(candidates::add);
        for (String prefix : job.fallbackKeys()) {
            candidates.addAll(byPrefix(prefix));
        }
        if (candidates.isEmpty()) {
            messages.add("Cache: no entry for key " + job.key()
                    + (job.fallbackKeys().isEmpty() ? "" : " or fallback keys " + job.fallbackKeys()));
            return new CacheOutcome("", 0, messages);
        }
        for (Path entry : candidates) {
            String key = Files.readString(entry.resolve("key"), StandardCharsets.UTF_8);
            try {
                int files = extract(entry, Path.of(job.sourceDirectory()));
                messages.add("Cache: restored " + files + " file(s) from key " + key
                        + (key.equals(job.key()) ? "" : " (fallback for " + job.key() + ")"));
                return new CacheOutcome(key, files, messages);
            } catch (IOException e) {
                messages.add("Cache: ignoring the entry for key " + key + ": " + e.getMessage());
            }
        }
        return new CacheOutcome("", 0, messages);
    }

    /** Saves the paths under the key, replacing its entry only once the new one is complete. */
    public CacheOutcome save(CacheJob job) throws IOException, InterruptedException {
        List<String> messages = new ArrayList<>();
        List<SelectedFile> files = select(job, messages);
        if (files.isEmpty()) {
            messages.add("Cache: nothing to save for key " + job.key() + " (no file matches " + job.paths() + ")");
            return new CacheOutcome("", 0, messages);
        }
        Path entries = Files.createDirectories(directory.resolve("entries"));
        Path temp = entries.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectories(temp);
        try {
            ZipPackager.Packaged zip = new ZipPackager().write(files, temp.resolve("data.zip"));
            Files.writeString(temp.resolve("data.sha256"), zip.sha256() + "\n", StandardCharsets.UTF_8);
            Files.writeString(temp.resolve("key"), job.key(), StandardCharsets.UTF_8);
            Path target = entries.resolve(name(job.key()));
            Path old = entries.resolve(".old-" + UUID.randomUUID());
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
            messages.add("Cache: saved " + files.size() + " file(s) under key " + job.key());
            return new CacheOutcome(job.key(), files.size(), messages);
        } finally {
            deleteTree(temp);
        }
    }

    private List<SelectedFile> select(CacheJob job, List<String> messages) throws IOException {
        List<SelectedFile> all = new ArrayList<>();
        for (String pattern : job.paths()) {
            boolean absolute = pattern.startsWith("/");
            Path base = absolute ? literalBase(pattern) : Path.of(job.sourceDirectory());
            if (!Files.isDirectory(base)) {
                messages.add("Cache: skipping " + pattern + " (no such directory " + base + ")");
                continue;
            }
            String glob = absolute ? base.relativize(Path.of(pattern)).toString() : pattern;
            String prefix = absolute ? ABSOLUTE_PREFIX + base.toString().substring(1) + "/" : SOURCE_PREFIX;
            try {
                for (SelectedFile f : new FileSelector(base, m -> {})
                        .select(new FileSelector.Request(
                                Optional.empty(),
                                List.of(glob.isEmpty() ? "**/*" : glob),
                                List.of(),
                                false,
                                true,
                                List.of()))) {
                    all.add(new SelectedFile(
                            f.source(),
                            prefix + f.entryName(),
                            f.unixMode(),
                            f.size(),
                            f.modifiedMillis(),
                            f.linkTarget()));
                }
            } catch (ArtifactException e) {
                messages.add("Cache: skipping " + pattern + ": " + e.getMessage());
            }
        }
        all.sort(Comparator.comparing(SelectedFile::entryName));
        List<SelectedFile> unique = new ArrayList<>();
        for (SelectedFile f : all) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).entryName().equals(f.entryName())) {
                unique.add(f);
            }
        }
        return unique;
    }

    /** The directory part of an absolute pattern before its first wildcard. */
    private static Path literalBase(String pattern) {
        Path base = Path.of("/");
        for (String part : pattern.substring(1).split("/")) {
            if (part.contains("*") || part.contains("?") || part.contains("[")) {
                break;
            }
            base = base.resolve(part);
        }
        return Files.isDirectory(base) ? base : base.getParent() == null ? base : base.getParent();
    }

    private int extract(Path entry, Path sourceDirectory) throws IOException {
        Path zip = entry.resolve("data.zip");
        String expected = Files.readString(entry.resolve("data.sha256"), StandardCharsets.UTF_8)
                .strip();
        String actual = sha256(zip);
        if (!expected.equals(actual)) {
            throw new IOException("its checksum does not match (the entry is incomplete or damaged)");
        }
        int count = 0;
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                Path target = target(e.getName(), sourceDirectory);
                Files.createDirectories(target.getParent());
                if (e.isUnixSymlink()) {
                    String link = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(link));
                } else {
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    applyMode(target, e.getUnixMode());
                    Files.setLastModifiedTime(target, FileTime.fromMillis(e.getTime()));
                }
                count++;
            }
        }
        return count;
    }

    /** Where an entry goes; names that would escape their root are refused (zip slip). */
    private static Path target(String name, Path sourceDirectory) throws IOException {
        Path root;
        String rest;
        if (name.startsWith(SOURCE_PREFIX)) {
            root = sourceDirectory.toAbsolutePath().normalize();
            rest = name.substring(SOURCE_PREFIX.length());
        } else if (name.startsWith(ABSOLUTE_PREFIX)) {
            root = Path.of("/");
            rest = name.substring(ABSOLUTE_PREFIX.length());
        } else {
            throw new IOException("unexpected entry " + name);
        }
        Path target = root.resolve(rest).normalize();
        if (!target.startsWith(root) || rest.contains("..")) {
            throw new IOException("entry " + name + " would be written outside " + root);
        }
        return target;
    }

    private static void applyMode(Path file, int mode) {
        if (mode == 0) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(all[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default mode
        }
    }

    private Optional<Path> entry(String key) {
        Path p = directory.resolve("entries").resolve(name(key));
        return Files.isRegularFile(p.resolve("key")) ? Optional.of(p) : Optional.empty();
    }

    /** Entries whose key starts with the prefix, newest first. */
    private List<Path> byPrefix(String prefix) throws IOException {
        Path entries = directory.resolve("entries");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(entries)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                entries, p -> !p.getFileName().toString().startsWith("."))) {
            for (Path p : dirs) {
                Path keyFile = p.resolve("key");
                if (Files.isRegularFile(keyFile)
                        && Files.readString(keyFile, StandardCharsets.UTF_8).startsWith(prefix)) {
                    found.add(p);
                }
            }
        }
        found.sort(Comparator.comparing((Path p) -> {
                    try {
                        return Files.getLastModifiedTime(p.resolve("key"));
                    } catch (IOException e) {
                        return FileTime.fromMillis(0);
                    }
                })
                .reversed());
        return found;
    }

    private static String name(String key) {
        return HexFormat.of().formatHex(HashFiles.sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(Path file) throws IOException {
        var md = HashFiles.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
