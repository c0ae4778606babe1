package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.MasterToSlaveFileCallable;

/** Runs the engine's commands through the step's Launcher: on the agent, or in an enclosing container. */
final class LauncherCommandExecutor implements CommandExecutor {
    /**
     * Every process of the run carries this variable with the run's cookie, by which killing also finds the
     * processes that left the command's process tree ({@code nohup dockerd &}). The engine's own name: its
     * shell session already leaves it out of the carried state.
     */
    static final String COOKIE = LocalProcessExecutor.COOKIE;

    private static final Logger LOGGER = Logger.getLogger(LauncherCommandExecutor.class.getName());

    private static final long KILL_TIMEOUT_SECONDS = 60;

    private final Launcher launcher;
    private final VirtualChannel channel;
    private final TaskListener listener;
    private final String cookie = UUID.randomUUID().toString();
    private volatile boolean stopped;

    /**
     * @param channel the channel to the machine whose files the commands see (the workspace's)
     */
    LauncherCommandExecutor(Launcher launcher, VirtualChannel channel, TaskListener listener) {
        this.launcher = launcher;
        this.channel = channel;
        this.listener = listener;
    }

    /** Refuses new commands from now on; the running one is ended by the engine's cancel. */
    void stop() {
        stopped = true;
    }

    boolean isStopped() {
        return stopped;
    }

    @Override
    public RunningCommand start(
            List<String> argv, Map<String, String> environment, String workingDirectory, OutputStream output)
            throws IOException {
        if (stopped) {
            throw new InterruptedIOException("the Jenkins build was stopped");
        }
        Map<String, String> envs = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (passable(name)) {
                envs.put(name, literal(value));
            }
        });
        envs.put(COOKIE, cookie);
        UntilEnded untilEnded = new UntilEnded(output);
        Proc proc = launcher.launch()
                .cmds(argv.stream().map(LauncherCommandExecutor::literal).toList())
                .envs(envs)
                .pwd(new FilePath(channel, workingDirectory))
                // stderr left unset: the Launcher merges it into stdout, as the engine expects
                .stdout(untilEnded)
                .quiet(true)
                .start();
        return new LaunchedCommand(proc, untilEnded);
    }

    /**
     * The Launcher expands {@code $NAME}, {@code ${NAME}} and {@code $$} in every argument and environment
     * value; doubling each {@code $} makes it hand over the text as the engine wrote it.
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }

    /**
     * Names the Launcher would misread: {@code PATH+X} means "prepend to PATH" there. Neither can be a
     * shell variable, so nothing the build could read is lost.
     */
    private static boolean passable(String name) {
        return !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('+') < 0;
    }

    private final class LaunchedCommand implements RunningCommand {
        private final Proc proc;
        private final UntilEnded output;

        LaunchedCommand(Proc proc, UntilEnded output) {
            this.proc = proc;
            this.output = output;
        }

        @Override
        public int waitFor() throws IOException, InterruptedException {
            // The remote Proc syncs the channel's I/O before join returns, so all output has arrived.
            int code = proc.join();
            output.end();
            return code;
        }

        @Override
        public void kill() throws IOException, InterruptedException {
            uninterrupted(() -> {
                // Inside a container this ends only the docker exec client; the cookie kill reaches inside.
                proc.kill();
                killByCookie();
                return null;
            });
        }
    }

    @Override
    public void killRemaining() throws IOException, InterruptedException {
        uninterrupted(() -> {
            killByCookie();
            return null;
        });
    }

    private void killByCookie() throws IOException, InterruptedException {
        try {
            // On an agent, Jenkins' ProcessTreeKiller finds the processes by their environment.
            launcher.kill(Map.of(COOKIE, cookie));
        } catch (IOException e) {
            // docker-workflow's kill runs ps in the container and fails without procps; the script does without.
            LOGGER.log(Level.FINE, "Launcher.kill failed; the kill script follows", e);
        }
        launcher.launch()
                .cmds(List.of(
                        literal("/bin/sh"),
                        "-c",
                        literal(KILL_BY_COOKIE_SCRIPT),
                        "codebuild-kill",
                        literal(COOKIE + "=" + cookie)))
                .stdout(OutputStream.nullOutputStream())
                .quiet(true)
                .start()
                .joinWithTimeout(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS, listener);
    }

    @Override
    public void writeFile(String path, String content) throws IOException {
        act(path, new WriteFile(content));
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        return Optional.ofNullable(act(path, new ReadFile()));
    }

    @Override
    public void createDirectory(String path, boolean shared) throws IOException {
        act(path, new CreateDirectory(shared));
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        // Also when the build is being aborted: the state directory holds the build's secret values.
        try {
            uninterrupted(() -> act(path, new Delete()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private <T> T act(String path, MasterToSlaveFileCallable<T> callable) throws IOException {
        try {
            return new FilePath(channel, path).act(callable);
        } catch (InterruptedException e) {
            // Kept set, so that the engine's next call to the agent stops too and the build unwinds.
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private static InterruptedIOException interrupted(InterruptedException e) {
        InterruptedIOException io = new InterruptedIOException("interrupted while waiting for the agent");
        io.initCause(e);
        return io;
    }

    private interface AgentCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Runs clean-up even in a thread that is being interrupted, and leaves the interrupt as it found it. */
    private static <T> T uninterrupted(AgentCall<T> call) throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Passes a command's output on until the command has ended. A background process that keeps the pipe
     * open ({@code nohup dockerd &} without a redirection) is not logged after that, as with the engine's
     * local executor; Jenkins waits 10 seconds for such a pipe and then says that the process leaked it.
     */
    private static final class UntilEnded extends OutputStream {
        private final OutputStream out;
        private volatile boolean ended;

        UntilEnded(OutputStream out) {
            this.out = out;
        }

        void end() {
            ended = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!ended) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!ended) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!ended) {
                out.flush();
            }
        }
    }

    // The file operations run the engine's local implementation on the agent.

    private static final class WriteFile extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String content;

        WriteFile(String content) {
            this.content = content;
        }

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            new LocalProcessExecutor().writeFile(f.getPath(), content);
            return null;
        }
    }

    private static final class ReadFile extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            return new LocalProcessExecutor().readFile(f.getPath()).orElse(null);
        }
    }

    private static final class CreateDirectory extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final boolean shared;

        CreateDirectory(boolean shared) {
            this.shared = shared;
        }

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            new LocalProcessExecutor().createDirectory(f.getPath(), shared);
            return null;
        }
    }

    private static final class Delete extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            new LocalProcessExecutor().deleteRecursively(f.getPath());
            return null;
        }
    }
}
