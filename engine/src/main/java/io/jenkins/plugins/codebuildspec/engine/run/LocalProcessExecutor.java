package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs commands as processes on this machine. Every process of the build carries the build's cookie in
 * its environment, so that killing finds the processes that escaped the process tree (a daemonised
 * {@code sleep &} is re-parented to init), the way Jenkins' ProcessTreeKiller does. Where the machine
 * allows it, the commands are started by the build's keeper ({@link BuildKeeper}, see {@link Subreaper}),
 * which keeps the processes that cleared their environment ({@code env -i}, {@code sudo}) within reach;
 * it is started with the first command. One instance per build: builds running side by side must not
 * share a cookie.
 */
public final class LocalProcessExecutor implements CommandExecutor {
    /** The environment variable that marks every process a command started. */
    public static final String COOKIE = "CODEBUILD_LOCAL_PROCESS_COOKIE";

    private static final Duration GRACE = Duration.ofSeconds(2);

    /** How long output may keep coming after the command's shell has ended. */
    private static final Duration DRAIN = Duration.ofMillis(250);

    private final String cookie = UUID.randomUUID().toString();
    private final BuildProcesses processes = new BuildProcesses(cookie);
    private final Optional<Subreaper> subreaper;

    /** The build's keeper, once a command has started; a new one after a kill retired it. */
    private BuildKeeper keeper;

    /** Set when a keeper could not start: the commands then run as where there is none. */
    private boolean keeperFailed;

    /** An executor whose commands run under a keeper where this machine has one. */
    public LocalProcessExecutor() {
        this(Subreaper.local());
    }

    private LocalProcessExecutor(Optional<Subreaper> subreaper) {
        this.subreaper = subreaper;
    }

    /**
     * An executor without keepers, for commands that start nothing that outlives them (such as the
     * docker client, whose commands run in a container that is removed with the build).
     */
    public static LocalProcessExecutor withoutKeeper() {
        return new LocalProcessExecutor(Optional.empty());
    }

    /** Whether commands run under a keeper (see {@link Subreaper}). */
    public boolean keepsOrphans() {
        return subreaper.isPresent();
    }

    /** The build's keeper, started with the first command; empty where there is none. */
    private synchronized Optional<BuildKeeper> keeper() {
        if (subreaper.isEmpty() || keeperFailed) {
            return Optional.empty();
        }
        if (keeper == null || !keeper.usable()) {
            try {
                keeper = subreaper.get().keeper(COOKIE + "=" + cookie);
            } catch (IOException e) {
                keeperFailed = true;
                return Optional.empty();
            }
        }
        return Optional.of(keeper);
    }

    @Override
    public RunningCommand start(
            List<String> argv, Map<String, String> environment, String workingDirectory, OutputStream output)
            throws IOException {
        Optional<BuildKeeper> kept = keeper();
        for (int attempt = 1; kept.isPresent(); attempt++) {
            try {
                return startKept(kept.get(), argv, environment, workingDirectory, output);
            } catch (BuildKeeper.LostRequest e) {
                return lostCommand(e.pid());
            } catch (BuildKeeper.NotSent e) {
                if (attempt == 2) {
                    throw e;
                }
                // the keeper went away between commands (a command killed it) and never had this one:
                // once more with a new one
                kept.get().retire();
                kept = keeper();
            }
        }
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(new File(workingDirectory))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(COOKIE, cookie);
        Process process = builder.start();
        AtomicBoolean detached = new AtomicBoolean();
        Thread pump =
                new Thread(() -> pump(process.getInputStream(), output, detached), "output of pid " + process.pid());
        pump.setDaemon(true);
        pump.start();
        return new LocalCommand(process, pump, processes, detached);
    }

    /**
     * A command whose keeper ended with it in hand, before saying it had started it (a command that kills
     * its keeper at once does that): it may have run, so it is not run again; it ends as a command whose
     * keeper went away while it ran, with {@link BuildKeeper#LOST} once its process is gone (if the keeper
     * said which it was), and without output. What it left running carries the build's cookie, by which
     * killing finds it.
     */
    private RunningCommand lostCommand(long pid) {
        return new RunningCommand() {
            @Override
            public int waitFor() throws InterruptedException {
                if (pid >= 0) {
                    BuildKeeper.awaitGone(pid);
                }
                return BuildKeeper.LOST;
            }

            @Override
            public void kill() throws InterruptedException {
                processes.kill(List.of());
            }
        };
    }

    private RunningCommand startKept(
            BuildKeeper keeper,
            List<String> argv,
            Map<String, String> environment,
            String workingDirectory,
            OutputStream output)
            throws IOException {
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, BuildKeeper.resolve(argv.get(0), workingDirectory));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(COOKIE, cookie);
        BuildKeeper.Started started = keeper.start(resolved, env, workingDirectory);
        AtomicBoolean detached = new AtomicBoolean();
        Thread pump = new Thread(() -> pump(started.output(), output, detached), "output of pid " + started.pid());
        pump.setDaemon(true);
        pump.start();
        return new KeptCommand(keeper, started, pump, processes, detached);
    }

    /**
     * Without a keeper: the shell must stay in the terminal's session to control it. Its processes carry
     * the cookie, so that killing the build finds them.
     */
    @Override
    public RunningCommand startInteractive(
            List<String> argv, Map<String, String> environment, String workingDirectory, Terminal terminal)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(new File(workingDirectory));
        if (terminal.inherits()) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true);
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(COOKIE, cookie);
        Process process = builder.start();
        AtomicBoolean detached = new AtomicBoolean();
        Thread pump;
        if (terminal.inherits()) {
            pump = new Thread(() -> {});
        } else {
            pump = new Thread(
                    () -> pump(process.getInputStream(), terminal.out(), detached), "output of pid " + process.pid());
            Thread input =
                    new Thread(() -> feed(terminal.in(), process.getOutputStream()), "input of " + process.pid());
            input.setDaemon(true);
            input.start();
        }
        pump.setDaemon(true);
        pump.start();
        return new LocalCommand(process, pump, processes, detached);
    }

    /** Copies what the user types to the command until either ends; the command gets end of input then. */
    private static void feed(InputStream in, OutputStream out) {
        byte[] buffer = new byte[4096];
        try (out) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the command ended and closed its input
        }
    }

    private static void pump(InputStream in, OutputStream out, AtomicBoolean detached) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!detached.get()) {
                    out.write(buffer, 0, n);
                }
            }
            out.flush();
        } catch (IOException e) {
            // The process was killed and its pipe closed; what was read has been written.
        }
    }

    private record LocalCommand(Process process, Thread pump, BuildProcesses processes, AtomicBoolean detached)
            implements RunningCommand {
        /**
         * A command that leaves a process in the background ({@code nohup dockerd &}) ends when its shell
         * ends, as in CodeBuild, though the background process still holds the output pipe: what it
         * prints later is not logged.
         */
        @Override
        public int waitFor() throws InterruptedException {
            int code = process.waitFor();
            pump.join(DRAIN.toMillis());
            detached.set(true);
            return code;
        }

        @Override
        public void kill() throws InterruptedException {
            processes.kill(List.of(process.toHandle()));
            process.waitFor();
            pump.join(GRACE.toMillis());
        }
    }

    /** A command the build's keeper started. */
    private record KeptCommand(
            BuildKeeper keeper,
            BuildKeeper.Started started,
            Thread pump,
            BuildProcesses processes,
            AtomicBoolean detached)
            implements RunningCommand {
        /** As {@link LocalCommand#waitFor()}: output after the command's shell ended is not logged. */
        @Override
        public int waitFor() throws IOException, InterruptedException {
            int code;
            try {
                code = started.exit().get();
            } catch (ExecutionException e) {
                throw new IOException("waiting for pid " + started.pid() + " failed", e.getCause());
            }
            pump.join(DRAIN.toMillis());
            detached.set(true);
            return code;
        }

        /**
         * The keeper takes no more commands, so that it ends as soon as what it holds is gone (it ignores
         * TERM); the next command starts a new one.
         */
        @Override
        public void kill() throws InterruptedException {
            keeper.retire();
            List<ProcessHandle> roots = new ArrayList<>();
            ProcessHandle.of(started.pid()).ifPresent(roots::add);
            roots.add(keeper.handle());
            processes.kill(roots);
            try {
                started.exit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // gone with its keeper
            }
            pump.join(GRACE.toMillis());
        }
    }

    /** Ends the build's processes, and the keeper with them: it exits once it holds none. */
    @Override
    public void killRemaining() throws InterruptedException {
        BuildKeeper last;
        synchronized (this) {
            last = keeper;
            keeper = null;
        }
        if (last == null) {
            processes.kill(List.of());
            return;
        }
        last.retire();
        processes.kill(List.of(last.handle()));
        last.awaitEnd(GRACE.toMillis());
    }

    @Override
    public void writeFile(String path, String content) throws IOException {
        Path file = Path.of(path);
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        // Only the owner reads it, unless the directory is shared with run-as users (who must read the
        // scripts). Written in place: no one reads the engine's files while they are written.
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(
                        file,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(shared(parent) ? "rw-r--r--" : "rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the default access applies
            }
        }
        // Overwritten, then cut to length, rather than opened with O_TRUNC: on ext4 (auto_da_alloc) closing
        // a file truncated to nothing and rewritten starts its write-back, ~0.6 ms for each command's
        // script; this costs ~0.01 ms.
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        int length = bytes.remaining();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (channel.size() > length) {
                channel.truncate(length);
            }
        }
    }

    private static boolean shared(Path directory) {
        try {
            return Files.getPosixFilePermissions(directory).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createDirectory(String path, boolean shared) throws IOException {
        Path dir = Files.createDirectories(Path.of(path));
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(shared ? "rwxrwxrwx" : "rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's default access applies
        }
    }

    @Override
    public void removeStale(String parent, String family) {
        LocalTempDirectory.removeStale(Path.of(parent), family);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        Path root = Path.of(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
