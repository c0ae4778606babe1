package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs commands through a shell server ({@code shell-server.sh}) that a caller started once for the
 * build somewhere this JVM cannot start processes itself, such as inside a container reached only through
 * {@code docker exec}: each command is a small script and a line in the server's request pipe, and the
 * command's output and exit code come back as files in a directory both sides see (the container's
 * bind-mounted workspace {@code @tmp}). A command then costs a fork in the container instead of a
 * {@code docker exec}. Processes are killed by the build's cookie through this machine's {@code /proc},
 * where a container's processes are visible too; file operations are local.
 */
public final class ShellServerExecutor implements CommandExecutor, AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration POLL_MIN = Duration.ofMillis(1);
    private static final Duration POLL_MAX = Duration.ofMillis(20);

    private final Path dir;
    private final LocalProcessExecutor files = new LocalProcessExecutor();
    private final String cookie;
    private final BuildProcesses processes;
    private final AtomicInteger ids = new AtomicInteger();

    private ShellServerExecutor(Path dir, String cookie) {
        this.dir = dir;
        this.cookie = cookie;
        this.processes = new BuildProcesses(cookie);
    }

    /** The server's script, to be written into the server's directory and run as {@code sh FILE DIR}. */
    public static String script() {
        try (InputStream in = ShellServerExecutor.class.getResourceAsStream("shell-server.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the engine jar lacks shell-server.sh", e);
        }
    }

    /**
     * Connects to the server started on {@code dir}, waiting up to {@code timeout} for it to be ready;
     * {@code alive} says whether the process that runs it is still there. Every command carries
     * {@code cookie}, by which the build's processes are found and killed (also by whoever started the
     * server, from inside the container).
     */
    public static ShellServerExecutor connect(
            Path dir, Duration timeout, java.util.function.BooleanSupplier alive, String cookie)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(dir.resolve("ready"))) {
            if (Files.exists(dir.resolve("failed"))) {
                throw new IOException("the shell server could not start: " + Files.readString(dir.resolve("failed")));
            }
            if (!alive.getAsBoolean()) {
                throw new IOException("the shell server ended before it was ready (does the image have /bin/sh,"
                        + " mkfifo and env?)");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the shell server was not ready within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
        return new ShellServerExecutor(dir, cookie);
    }

    /** The PATH the server itself has (the container image's), for the build to start from. */
    public Optional<String> serverPath() throws IOException {
        return files.readFile(dir.resolve("path").toString()).filter(p -> !p.isEmpty());
    }

    @Override
    public RunningCommand start(
            List<String> argv, Map<String, String> environment, String workingDirectory, OutputStream output)
            throws IOException {
        int id = ids.incrementAndGet();
        StringBuilder run = new StringBuilder();
        Map<String, String> perlVariables = new java.util.LinkedHashMap<>();
        environment.forEach((name, value) -> {
            // Only what a shell can export; others could not reach the command through sh either.
            if (NAME.matcher(name).matches() && !name.equals(LocalProcessExecutor.COOKIE)) {
                if (name.startsWith("PERL")) {
                    perlVariables.put(name, value);
                } else {
                    export(run, name, value);
                }
            }
        });
        export(run, LocalProcessExecutor.COOKIE, cookie);
        run.append("cd ").append(quote(workingDirectory)).append(" || exit 1\n");
        // The server feeds this script on standard input; the command gets none.
        StringBuilder args = new StringBuilder();
        argv.forEach(a -> args.append(' ').append(quote(a)));
        args.append(" </dev/null");
        // Under a keeper where the container has perl (see Subreaper), so that processes that clear
        // their environment are found too; perl's own variables are renamed for the keeper.
        Optional<int[]> syscalls = Subreaper.syscalls(System.getProperty("os.arch", ""));
        if (syscalls.isPresent()) {
            run.append("if command -v perl >/dev/null 2>&1; then\n");
            perlVariables.forEach((name, value) -> export(run, Subreaper.KEEP + name, value));
            run.append("exec perl -e ")
                    .append(quote(Subreaper.SCRIPT))
                    .append(' ')
                    .append(syscalls.get()[0])
                    .append(' ')
                    .append(syscalls.get()[1])
                    .append(args)
                    .append("\nfi\n");
        }
        perlVariables.forEach((name, value) -> export(run, name, value));
        run.append("exec").append(args).append('\n');
        files.writeFile(dir.resolve(id + ".run").toString(), run.toString());
        request(Integer.toString(id));
        Command command = new Command(id, output);
        command.pump.start();
        return command;
    }

    /** Asks the server to stop once the current command is done. */
    @Override
    public void close() throws IOException {
        request("exit");
    }

    private void request(String line) throws IOException {
        Path pipe = dir.resolve("requests");
        if (!Files.exists(pipe)) {
            throw new IOException("the shell server's request pipe " + pipe + " is gone");
        }
        // Read-write: opening a pipe so never waits for a reader, should the server have ended.
        try (RandomAccessFile out = new RandomAccessFile(pipe.toFile(), "rw")) {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void export(StringBuilder script, String name, String value) {
        script.append("export ").append(name).append('=').append(quote(value)).append('\n');
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** One command: its output file followed as it grows, until its exit code is there. */
    private final class Command implements RunningCommand {
        private final int id;
        private final OutputStream output;
        private final Thread pump;
        private volatile Integer code;
        private volatile IOException failure;

        Command(int id, OutputStream output) {
            this.id = id;
            this.output = output;
            this.pump = new Thread(this::follow, "shell server command " + id);
            pump.setDaemon(true);
        }

        private void follow() {
            Path out = dir.resolve(id + ".out");
            Path rc = dir.resolve(id + ".rc");
            long position = 0;
            long started = System.nanoTime();
            byte[] buffer = new byte[64 * 1024];
            Path script = dir.resolve(id + ".run");
            boolean scriptRead = false;
            try {
                while (true) {
                    if (!scriptRead && Files.exists(out)) {
                        // The server opened the script (it holds the command's variables, secrets
                        // included) before it created the output file: remove it from the disk now.
                        Files.deleteIfExists(script);
                        scriptRead = true;
                    }
                    // The server writes the code and its newline in one write: without the newline, not yet.
                    String exit = Files.exists(rc) ? Files.readString(rc) : "";
                    boolean done = exit.endsWith("\n");
                    long read = copy(out, position, buffer);
                    position += read;
                    if (done) {
                        position += copy(out, position, buffer);
                        output.flush();
                        code = Integer.parseInt(exit.trim());
                        return;
                    }
                    // Checked again after an eighth of the time the command has taken so far (1 to 20 ms):
                    // the end of a short command is seen within a millisecond or two, a long one costs little.
                    long elapsed = (System.nanoTime() - started) / 1_000_000;
                    Thread.sleep(
                            read > 0
                                    ? POLL_MIN.toMillis()
                                    : Math.max(POLL_MIN.toMillis(), Math.min(POLL_MAX.toMillis(), elapsed / 8)));
                }
            } catch (IOException | NumberFormatException e) {
                failure = e instanceof IOException io ? io : new IOException("unreadable exit code", e);
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("stopped while following the command's output");
            } finally {
                for (String suffix : new String[] {".run", ".out", ".rc"}) {
                    try {
                        Files.deleteIfExists(dir.resolve(id + suffix));
                    } catch (IOException e) {
                        // left for the build's clean-up of its temporary directory
                    }
                }
            }
        }

        private long copy(Path file, long from, byte[] buffer) throws IOException {
            if (!Files.exists(file)) {
                return 0;
            }
            long total = 0;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(from);
                int n;
                while ((n = f.read(buffer)) > 0) {
                    output.write(buffer, 0, n);
                    total += n;
                }
            }
            return total;
        }

        @Override
        public int waitFor() throws IOException, InterruptedException {
            pump.join();
            if (failure != null) {
                throw failure;
            }
            return code;
        }

        @Override
        public void kill() throws IOException, InterruptedException {
            processes.kill(List.of());
            pump.join(5_000);
        }
    }

    @Override
    public void killRemaining() throws InterruptedException {
        processes.kill(List.of());
    }

    @Override
    public void writeFile(String path, String content) throws IOException {
        files.writeFile(path, content);
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        return files.readFile(path);
    }

    @Override
    public void createDirectory(String path, boolean shared) throws IOException {
        files.createDirectory(path, shared);
    }

    @Override
    public void removeStale(String parent, String family) throws IOException {
        files.removeStale(parent, family);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        files.deleteRecursively(path);
    }
}
