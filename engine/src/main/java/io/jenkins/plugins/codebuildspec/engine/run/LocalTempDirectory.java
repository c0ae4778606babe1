package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build-private temporary directory on this machine for the engine's state files. It prefers a
 * memory-backed file system ({@code $XDG_RUNTIME_DIR}, then {@code /dev/shm}): the state files hold the
 * build's variables, which then never reach a disk, and writing them is several times cheaper there than
 * on a journaled disk. Falls back to the JVM's temporary directory. Each directory records its owner
 * (pid and start time) in {@value #OWNER}, and the directories of runners that are gone (killed with
 * SIGKILL, or a JVM that halted) are removed when the next one is created.
 */
public final class LocalTempDirectory {
    /** What every such directory's name starts with, whatever the caller's prefix adds. */
    static final String FAMILY = "codebuild-local-";

    /** The file that names the directory's owner: {@code <pid> <start time in epoch ms, or -1>}. */
    static final String OWNER = ".owner";

    private LocalTempDirectory() {}

    /** Creates a new directory, readable only by this user, with a unique name; prefix starts with {@value #FAMILY}. */
    public static Path create(String prefix) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(Path.of(runtime));
        }
        candidates.add(Path.of("/dev/shm"));
        candidates.add(Path.of(System.getProperty("java.io.tmpdir")));
        return create(candidates, prefix);
    }

    static Path create(List<Path> candidates, String prefix) throws IOException {
        IOException last = null;
        for (Path base : candidates) {
            if (Files.isDirectory(base) && Files.isWritable(base)) {
                removeStale(base, FAMILY);
                try {
                    Path dir = Files.createTempDirectory(
                            base,
                            prefix,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    Files.writeString(
                            Files.createFile(
                                    dir.resolve(OWNER),
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            record(ProcessHandle.current()),
                            StandardCharsets.US_ASCII);
                    return dir;
                } catch (IOException e) {
                    last = e;
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: try the next place
                }
            }
        }
        throw last != null ? last : new IOException("no writable temporary directory among " + candidates);
    }

    static String record(ProcessHandle process) {
        return process.pid() + " "
                + process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** Whether the process an owner record names is still running (a reused pid does not count). */
    static boolean alive(String record) {
        String[] parts = record.trim().split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            long start = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = p.get().info().startInstant();
            return start < 0 || started.isEmpty() || started.get().toEpochMilli() == start;
        } catch (NumberFormatException e) {
            return true; // not a record this class wrote: leave the directory alone
        }
    }

    /**
     * Removes the directories in {@code base} whose names start with {@code family} and whose owner is
     * gone. Directories without an owner record (written by older versions, or being created right now),
     * and other users' (unreadable), are left alone.
     */
    static void removeStale(Path base, String family) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, family + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER);
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        || !Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    if (!alive(Files.readString(owner, StandardCharsets.US_ASCII))) {
                        deleteTree(dir);
                    }
                } catch (IOException e) {
                    // another user's, or removed meanwhile
                }
            }
        } catch (IOException e) {
            // cannot list: nothing to clean here
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
