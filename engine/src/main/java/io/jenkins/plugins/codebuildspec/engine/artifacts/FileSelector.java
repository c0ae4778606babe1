package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
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
    /** Whether this file system has POSIX attributes (then one look at each file gives its mode too). */
    private final boolean posix;

    /**
     * @param sourceDirectory the build's source directory (must exist)
     * @param log receives CodeBuild's messages ({@code Expanding ...}, {@code Skipping invalid file path})
     */
    public FileSelector(Path sourceDirectory, Consumer<String> log) throws IOException {
        this.source = sourceDirectory.toRealPath();
        this.log = log;
        this.posix = source.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The files, sorted by entry name; empty when nothing matched (the caller decides if that fails). */
    public List<SelectedFile> select(Request request) throws IOException, ArtifactException {
        List<Path> bases = baseDirectories(request.baseDirectory());
        List<Glob> excludes = request.excludePaths().stream().map(Glob::of).toList();
        // in the order found: candidates come sorted, so one base and one pattern need no sort at the end
        Map<String, SelectedFile> byName = new LinkedHashMap<>();
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
                    if (!matches(glob, c.relative) || excluded(excludes, c.relative)) {
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
        SelectedFile[] sorted = byName.values().toArray(new SelectedFile[0]);
        Arrays.sort(sorted, java.util.Comparator.comparing(SelectedFile::entryName));
        return List.of(sorted);
    }

    private static boolean excluded(List<Glob> excludes, String relative) {
        for (Glob e : excludes) {
            if (e.matches(relative)) {
                return true;
            }
        }
        return false;
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
                    String rel = source.relativize(dir).toString().replace('\\', '/');
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
        Set<Path> skip = new HashSet<>();
        for (Path p : excludedDirectories) {
            if (Files.exists(p)) {
                skip.add(p.toRealPath());
            }
        }
        if (skip.contains(base)) {
            return List.of();
        }
        // the walk is mostly the kernel's stat work: directories are walked on every core
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Walked walked;
        try {
            walked = pool.invoke(new DirectoryWalk(base, "", skip));
        } finally {
            pool.shutdown();
        }
        // messages from the calling thread only, in path order whatever the threads did
        walked.messages.forEach(log);
        return walked.files;
    }

    /** What a walk below one directory found: its files sorted by relative path, and its messages. */
    private record Walked(List<Candidate> files, List<String> messages) {}

    /** An entry of one directory, with the key that sorts it among its siblings. */
    private record Entry(String key, Path path, BasicFileAttributes attrs) {}

    private static final java.util.Comparator<Entry> BY_KEY = (a, b) -> a.key.compareTo(b.key);

    /**
     * One directory of the walk; its subdirectories are walked as tasks of their own. Directory order
     * differs between file systems, so each directory's entries are sorted by name (a directory's name
     * with its {@code /}) and assembled in that order: that is the order of the whole relative paths,
     * without sorting them all at the end, and the same whatever the number of threads.
     *
     * <p>Each entry is looked at once, relative to the open directory where the platform allows it
     * ({@link SecureDirectoryStream}: fstatat on one name rather than a stat that resolves the whole
     * path again), and with its POSIX attributes, which give the mode too. The relative name is built as
     * the walk goes down, not recomputed from each path.
     */
    private final class DirectoryWalk extends RecursiveTask<Walked> {
        private final Path dir;
        private final String prefix;
        private final Set<Path> skip;

        DirectoryWalk(Path dir, String prefix, Set<Path> skip) {
            this.dir = dir;
            this.prefix = prefix;
            this.skip = skip;
        }

        @Override
        protected Walked compute() {
            List<String> messages = new ArrayList<>();
            List<Entry> entries = list(messages);
            List<DirectoryWalk> subdirectories = new ArrayList<>();
            for (Entry e : entries) {
                if (e.attrs.isDirectory()) {
                    subdirectories.add(new DirectoryWalk(e.path, prefix + e.key, skip));
                }
            }
            if (subdirectories.isEmpty()) {
                List<Candidate> files = new ArrayList<>(entries.size());
                for (Entry e : entries) {
                    files.add(new Candidate(e.path, prefix + e.key, e.attrs.isSymbolicLink(), e.attrs));
                }
                return new Walked(files, messages);
            }
            invokeAll(subdirectories);
            List<Candidate> files = new ArrayList<>();
            int next = 0;
            for (Entry e : entries) {
                if (e.attrs.isDirectory()) {
                    Walked below = subdirectories.get(next++).join();
                    files.addAll(below.files);
                    messages.addAll(below.messages);
                } else {
                    files.add(new Candidate(e.path, prefix + e.key, e.attrs.isSymbolicLink(), e.attrs));
                }
            }
            return new Walked(files, messages);
        }

        private List<Entry> list(List<String> messages) {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                SecureDirectoryStream<Path> secure =
                        stream instanceof SecureDirectoryStream<Path> s && posix ? s : null;
                for (Path child : stream) {
                    Path name = child.getFileName();
                    BasicFileAttributes attrs;
                    try {
                        attrs = secure != null
                                ? secure.getFileAttributeView(
                                                name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                        .readAttributes()
                                : posix
                                        ? Files.readAttributes(
                                                child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                                        : Files.readAttributes(
                                                child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        messages.add("Skipping unreadable path " + source.relativize(child) + ": " + e.getMessage());
                        continue;
                    }
                    if (attrs.isDirectory()) {
                        if (!skip.contains(child)) {
                            entries.add(new Entry(name + "/", child, attrs));
                        }
                    } else if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        entries.add(new Entry(name.toString(), child, attrs));
                    }
                }
            } catch (IOException e) {
                messages.add("Skipping unreadable path " + source.relativize(dir) + ": " + e.getMessage());
            } catch (DirectoryIteratorException e) {
                messages.add("Skipping unreadable path " + source.relativize(dir) + ": "
                        + e.getCause().getMessage());
            }
            entries.sort(BY_KEY);
            return entries;
        }
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
