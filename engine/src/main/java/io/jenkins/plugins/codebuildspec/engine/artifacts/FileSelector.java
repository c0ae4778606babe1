package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Selects files the way CodeBuild's artifact and report settings do: patterns relative to a base
 * directory (itself possibly a glob), exclusions, flattening. Nothing outside the source directory is
 * ever followed or selected: {@code ..} and absolute patterns are skipped, and a symlink whose target
 * leaves the source directory is skipped with a message.
 */
public final class FileSelector {
    /** What to select, as the buildspec says it. */
    public record Request(
            Optional<String> baseDirectory,
            List<String> files,
            List<String> excludePaths,
            boolean discardPaths,
            boolean enableSymlinks,
            Collection<Path> excludedDirectories) {}

    private final Path source;
    private final Consumer<String> log;

    /**
     * @param sourceDirectory the build's source directory (must exist)
     * @param log receives CodeBuild's messages ({@code Expanding ...}, {@code Skipping invalid file path})
     */
    public FileSelector(Path sourceDirectory, Consumer<String> log) throws IOException {
        this.source = sourceDirectory.toRealPath();
        this.log = log;
    }

    /** The files, sorted by entry name; empty when nothing matched (the caller decides if that fails). */
    public List<SelectedFile> select(Request request) throws IOException, ArtifactException {
        List<Path> bases = baseDirectories(request.baseDirectory());
        List<Glob> excludes = request.excludePaths().stream().map(Glob::of).toList();
        Map<String, SelectedFile> byName = new TreeMap<>();
        log.accept("Assembling file list");
        for (Path base : bases) {
            String shownBase = source.relativize(base).toString();
            log.accept("Expanding file paths for base directory " + (shownBase.isEmpty() ? "." : shownBase));
            List<Candidate> candidates = walk(base, request.excludedDirectories());
            for (String pattern : request.files()) {
                log.accept("Expanding " + pattern);
                if (!safe(pattern)) {
                    log.accept("Skipping invalid file path " + pattern
                            + " (absolute and '..' paths would leave the source directory)");
                    continue;
                }
                Glob glob = Glob.of(pattern);
                int matched = 0;
                for (Candidate c : candidates) {
                    if (!matches(glob, c.relative) || excludes.stream().anyMatch(e -> e.matches(c.relative))) {
                        continue;
                    }
                    Optional<SelectedFile> file = toSelected(c, request);
                    if (file.isEmpty()) {
                        continue;
                    }
                    matched++;
                    SelectedFile previous = byName.putIfAbsent(file.get().entryName(), file.get());
                    if (previous != null && !previous.source().equals(file.get().source())) {
                        throw new ArtifactException(
                                "CLIENT_ERROR",
                                (request.discardPaths() ? "discard-paths: " : "")
                                        + "two files would have the same name "
                                        + file.get().entryName() + " in the artifact: "
                                        + source.relativize(previous.source()) + " and "
                                        + source.relativize(file.get().source()));
                    }
                }
                if (matched == 0) {
                    log.accept("Skipping invalid file path " + pattern);
                }
            }
        }
        log.accept("Found " + byName.size() + " file(s)");
        return List.copyOf(byName.values());
    }

    private static boolean matches(Glob glob, String relative) {
        if (glob.matches(relative)) {
            return true;
        }
        // A plain directory name selects everything under it [our rule].
        return glob.isLiteral() && relative.startsWith(glob.pattern() + "/");
    }

    private static boolean safe(String pattern) {
        if (pattern.startsWith("/") || pattern.startsWith("~")) {
            return false;
        }
        for (String part : pattern.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private List<Path> baseDirectories(Optional<String> baseDirectory) throws IOException, ArtifactException {
        if (baseDirectory.isEmpty()
                || baseDirectory.get().isBlank()
                || baseDirectory.get().equals(".")) {
            log.accept("Expanding base directory path: .");
            return List.of(source);
        }
        String pattern = baseDirectory.get();
        log.accept("Expanding base directory path: " + pattern);
        if (!safe(pattern)) {
            throw new ArtifactException(
                    "CLIENT_ERROR",
                    "base-directory " + pattern + " is outside the source directory; it must be a path inside it");
        }
        Glob glob = Glob.of(pattern);
        List<Path> bases = new ArrayList<>();
        if (glob.isLiteral()) {
            Path dir = source.resolve(glob.pattern());
            if (Files.isDirectory(dir) && inside(dir.toRealPath())) {
                bases.add(dir.toRealPath());
            }
        } else {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = slashed(source.relativize(dir));
                    if (!rel.isEmpty() && glob.matches(rel)) {
                        bases.add(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (bases.isEmpty()) {
            throw new ArtifactException("CLIENT_ERROR", "no matching base directory path found for " + pattern);
        }
        bases.sort(null);
        return bases;
    }

    private boolean inside(Path real) {
        return real.startsWith(source);
    }

    /** A file or symlink under a base directory, with its path relative to that base and its attributes. */
    private record Candidate(Path path, String relative, boolean symlink, BasicFileAttributes attrs) {}

    private List<Candidate> walk(Path base, Collection<Path> excludedDirectories) throws IOException {
        List<Path> skip = new ArrayList<>();
        for (Path p : excludedDirectories) {
            if (Files.exists(p)) {
                skip.add(p.toRealPath());
            }
        }
        List<Candidate> out = new ArrayList<>();
        Files.walkFileTree(base, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    out.add(new Candidate(file, slashed(base.relativize(file)), attrs.isSymbolicLink(), attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                log.accept("Skipping unreadable path " + source.relativize(file) + ": " + exc.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        // directory order differs between file systems: sort, so messages and results do not
        out.sort(java.util.Comparator.comparing(Candidate::relative));
        return out;
    }

    private Optional<SelectedFile> toSelected(Candidate c, Request request) throws IOException {
        String name = request.discardPaths() ? c.path.getFileName().toString() : c.relative;
        if (!c.symlink) {
            // the walk's own attributes: no second look at each file
            return Optional.of(new SelectedFile(
                    c.path,
                    name,
                    mode(c.path, c.attrs),
                    c.attrs.size(),
                    c.attrs.lastModifiedTime().toMillis(),
                    Optional.empty()));
        }
        Path target;
        try {
            target = c.path.toRealPath();
        } catch (IOException e) {
            log.accept("Skipping symlink " + source.relativize(c.path) + ": its target does not exist");
            return Optional.empty();
        }
        if (!inside(target)) {
            log.accept("Skipping symlink " + source.relativize(c.path) + ": it points outside the source directory");
            return Optional.empty();
        }
        if (request.enableSymlinks()) {
            String link = Files.readSymbolicLink(c.path).toString();
            return Optional.of(new SelectedFile(
                    c.path,
                    name,
                    0120777,
                    link.length(),
                    c.attrs.lastModifiedTime().toMillis(),
                    Optional.of(link)));
        }
        if (Files.isDirectory(target)) {
            log.accept("Skipping symlink " + source.relativize(c.path) + ": it points to a directory, which is not"
                    + " followed (enable-symlinks: yes stores it as a link)");
            return Optional.empty();
        }
        BasicFileAttributes targetAttrs = Files.readAttributes(target, BasicFileAttributes.class);
        return Optional.of(new SelectedFile(
                target,
                name,
                mode(target, targetAttrs),
                targetAttrs.size(),
                targetAttrs.lastModifiedTime().toMillis(),
                Optional.empty()));
    }

    /**
     * A relative path with {@code /} between its names. Not {@code toString().replace('\\', '/')}: on
     * Linux a backslash is part of a file name ({@code back\\slash.txt}) and must stay in the entry name.
     */
    static String slashed(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path name : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(name);
        }
        return out.toString();
    }

    /** The file's Unix mode with its type bits, so a zip keeps scripts executable. */
    static int mode(Path file, BasicFileAttributes attrs) throws IOException {
        Set<PosixFilePermission> perms;
        if (attrs instanceof PosixFileAttributes posix) {
            perms = posix.permissions();
        } else {
            try {
                perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException e) {
                return 0100644; // not a POSIX file system
            }
        }
        int mode = 0100000;
        int bit = 0400;
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if (perms.contains(p)) {
                mode |= bit;
            }
            bit >>= 1;
        }
        return mode;
    }
}
