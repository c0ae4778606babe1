package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keeper of one build ({@code build-keeper.pl}, see {@link Subreaper}): a perl process started once,
 * a child subreaper and the leader of its own session, that starts each command as its child on request
 * and reports its exit status. Every process a command leaves behind, even one that cleared its
 * environment and was orphaned, stays a descendant of the keeper, so killing finds it. A command then
 * costs a fork in the keeper instead of starting perl. Each command's output is a pipe of its own, which
 * this JVM opens through {@code /proc/<keeper>/fd}; the keeper lets go of its end once that is open, so
 * the pipe ends when the command and what it left running have closed it.
 */
final class BuildKeeper {
    private static final String SCRIPT = load();

    /** A command's exit code when the keeper went away before reporting it. */
    static final int LOST = 255;

    private final Process process;
    private final OutputStream requests;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean retired;
    private volatile boolean ended;

    /** A command between its request and its exit report. */
    private static final class Pending {
        final CompletableFuture<long[]> started = new CompletableFuture<>();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        volatile long pid = -1;
    }

    /** What a request still waiting for its start gets when the keeper goes away. */
    private static final class KeeperEnded extends IOException {
        private static final long serialVersionUID = 1L;

        KeeperEnded() {
            super("error=0, the build keeper ended");
        }
    }

    /**
     * The keeper went away after it was sent a command and before it said whether the command started: the
     * command may have run (it may be what ended the keeper), so it must not be sent again.
     */
    static final class LostRequest extends IOException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        LostRequest(String program, long pid) {
            super("the build keeper ended while it started " + program);
            this.pid = pid;
        }

        /** The command's pid when the keeper reported it, else -1. */
        long pid() {
            return pid;
        }
    }

    /** The keeper was gone before it got the request: nothing ran, a new keeper may be sent it. */
    static final class NotSent extends IOException {
        private static final long serialVersionUID = 1L;

        NotSent(Throwable cause) {
            super("the build keeper has ended", cause);
        }
    }

    /** A started command: its pid, its output and its exit code when it ends. */
    record Started(long pid, InputStream output, CompletableFuture<Integer> exit) {}

    private BuildKeeper(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
    }

    private static String load() {
        try (InputStream in = BuildKeeper.class.getResourceAsStream("build-keeper.pl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the engine jar lacks build-keeper.pl", e);
        }
    }

    /**
     * Starts a keeper with {@code perl}, for the {@code prctl} and {@code setsid} system call numbers
     * given; its only variable is {@code cookie} (NAME=value), so that killing by cookie finds it.
     */
    static BuildKeeper start(String perl, int[] syscalls, String cookie) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(perl, "-e", SCRIPT, "" + syscalls[0], "" + syscalls[1])
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        int eq = cookie.indexOf('=');
        builder.environment().put(cookie.substring(0, eq), cookie.substring(eq + 1));
        Process process = builder.start();
        BuildKeeper keeper = new BuildKeeper(process);
        BufferedReader replies =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = replies.readLine();
        if (ready == null || !ready.startsWith("k ")) {
            process.destroyForcibly();
            throw new IOException("the build keeper did not start: " + (ready == null ? "it ended" : ready));
        }
        Thread reader = new Thread(() -> keeper.readReplies(replies), "build keeper " + process.pid());
        reader.setDaemon(true);
        reader.start();
        return keeper;
    }

    /** The keeper process itself. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether it takes commands: not retired, and running. */
    boolean usable() {
        return !retired && !ended && process.isAlive();
    }

    /**
     * Runs {@code argv} ({@code argv[0]} already resolved, as {@link ProcessBuilder} does with this
     * JVM's PATH) with exactly {@code environment}, in {@code directory}, standard input empty.
     *
     * @throws NotSent when the keeper was gone before it got the request
     * @throws LostRequest when the keeper ended with the request in hand: the command may have run
     * @throws IOException when it cannot start, with {@link ProcessBuilder}'s message
     */
    Started start(List<String> argv, Map<String, String> environment, String directory) throws IOException {
        if (!usable()) {
            throw new NotSent(null);
        }
        int id = ids.incrementAndGet();
        Pending p = new Pending();
        pending.put(id, p);
        if (ended) {
            lost(); // the reader saw the end before this command was added
        }
        try {
            byte[] payload = payload(argv, environment, directory);
            try {
                synchronized (requests) {
                    requests.write(("r " + id + " " + payload.length + "\n").getBytes(StandardCharsets.US_ASCII));
                    requests.write(payload);
                    requests.flush();
                }
            } catch (IOException e) {
                throw new NotSent(e); // its end of the pipe is closed: it is gone
            }
            long[] started;
            try {
                started = p.started.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while starting " + argv.get(0));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof KeeperEnded) {
                    // sent, and not answered: whether it started is unknown
                    throw new LostRequest(argv.get(0), -1);
                }
                throw new IOException(
                        "Cannot run program \"" + argv.get(0) + "\" (in directory \"" + directory + "\"): "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
            InputStream output;
            try {
                output = new FileInputStream("/proc/" + process.pid() + "/fd/" + started[1]);
            } catch (IOException e) {
                if (endsWithin(GRACE_MILLIS)) {
                    // the keeper went away first, its end of the output with it: the command runs (it may be
                    // what ended the keeper) and cannot be followed
                    throw new LostRequest(argv.get(0), started[0]);
                }
                ProcessHandle.of(started[0]).ifPresent(ProcessHandle::destroyForcibly);
                letGo(id);
                throw new IOException("cannot read the output of \"" + argv.get(0) + "\": " + e.getMessage(), e);
            }
            letGo(id);
            return new Started(started[0], output, p.exit);
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            throw e;
        }
    }

    /** How long a keeper whose files are gone may take to be gone itself. */
    private static final long GRACE_MILLIS = 200;

    /** Whether the keeper has ended or ends within {@code millis}. */
    private boolean endsWithin(long millis) {
        try {
            return ended || awaitEnd(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended || !process.isAlive();
        }
    }

    /** Tells the keeper to let go of its end of command {@code id}'s output; nothing to do once it is gone. */
    private void letGo(int id) {
        synchronized (requests) {
            try {
                requests.write(("c " + id + "\n").getBytes(StandardCharsets.US_ASCII));
                requests.flush();
            } catch (IOException e) {
                // the keeper is gone, and its end of the pipe with it
            }
        }
    }

    private static byte[] payload(List<String> argv, Map<String, String> environment, String directory) {
        StringBuilder s = new StringBuilder(4096);
        s.append(checked(directory, "directory")).append('\0').append(argv.size());
        for (String arg : argv) {
            s.append('\0').append(checked(arg, "argument"));
        }
        environment.forEach((name, value) -> {
            if (name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Invalid environment variable name: \"" + name + "\"");
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Invalid environment variable value: \"" + value + "\"");
            }
            s.append('\0').append(name).append('=').append(value);
        });
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String checked(String text, String what) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character in the " + what + " " + text);
        }
        return text;
    }

    private void readReplies(BufferedReader replies) {
        try (replies) {
            String line;
            while ((line = replies.readLine()) != null) {
                String[] f = line.split(" ", 3);
                if (f.length < 3) {
                    continue;
                }
                Pending p = pending.get(Integer.parseInt(f[1]));
                if (p == null) {
                    continue;
                }
                switch (f[0]) {
                    case "s" -> {
                        String[] pidAndFd = f[2].split(" ");
                        p.pid = Long.parseLong(pidAndFd[0]);
                        p.started.complete(new long[] {p.pid, Long.parseLong(pidAndFd[1])});
                    }
                    case "e" -> {
                        pending.remove(Integer.parseInt(f[1]));
                        p.started.completeExceptionally(new IOException(f[2]));
                    }
                    case "x" -> {
                        pending.remove(Integer.parseInt(f[1]));
                        p.exit.complete(Integer.parseInt(f[2]));
                    }
                    default -> {
                        // not a reply of this version
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the keeper is gone
        } finally {
            ended = true;
            lost();
        }
    }

    /**
     * The keeper went away (killed with the build, or by a command): nothing more is reported. A command
     * not started yet fails; a running one ends with {@link #LOST} once its process is gone.
     */
    private void lost() {
        for (var entry : pending.entrySet()) {
            Pending p = entry.getValue();
            pending.remove(entry.getKey());
            p.started.completeExceptionally(new KeeperEnded());
            if (p.pid < 0) {
                p.exit.complete(LOST);
            } else {
                Thread watch = new Thread(() -> awaitGone(p), "end of pid " + p.pid);
                watch.setDaemon(true);
                watch.start();
            }
        }
    }

    /**
     * Completes {@code p} once its process is gone or a zombie: re-parented to init, which need not reap
     * it soon in a container, so {@link ProcessHandle#onExit} might not see it end.
     */
    private static void awaitGone(Pending p) {
        try {
            awaitGone(p.pid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.exit.complete(LOST);
        }
    }

    /** Returns once process {@code pid} is gone or a zombie. */
    static void awaitGone(long pid) throws InterruptedException {
        while (!gone(pid)) {
            Thread.sleep(20);
        }
    }

    /** Whether process {@code pid} is gone or a zombie. */
    private static boolean gone(long pid) {
        String text;
        try {
            text = java.nio.file.Files.readString(
                    java.nio.file.Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return true;
        }
        int close = text.lastIndexOf(')');
        return close < 0 || close + 2 >= text.length() || text.charAt(close + 2) == 'Z';
    }

    /**
     * Takes no more commands: the keeper ends once its last descendant is gone, at once when there is
     * none. The next command needs a new keeper.
     */
    void retire() {
        retired = true;
        synchronized (requests) {
            try {
                requests.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    /** Waits up to {@code millis} for the keeper process to end; whether it did. */
    boolean awaitEnd(long millis) throws InterruptedException {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return !process.isAlive();
        }
    }

    /** {@code program} as {@link ProcessBuilder} finds it: a path as given, a name on this JVM's PATH. */
    static String resolve(String program, String directory) throws IOException {
        if (program.contains("/")) {
            return program;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/bin:/usr/bin" : path).split(File.pathSeparator, -1)) {
            File f = new File(dir.isEmpty() ? directory : dir, program);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        throw new IOException("Cannot run program \"" + program + "\" (in directory \"" + directory
                + "\"): error=2, No such file or directory");
    }
}
