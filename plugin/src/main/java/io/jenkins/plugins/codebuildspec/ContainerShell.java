package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.ShellServerExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build's shell server where the step's Launcher is decorated ({@code docker.image(...).inside}):
 * started once through that Launcher, so it runs where the commands must run, in a directory under the
 * workspace's {@code @tmp}, which the container shares; the engine on the agent hands it the commands
 * ({@link ShellServerExecutor}). Closing it stops the server and kills, from inside, every process that
 * carries the build's cookie.
 */
final class ContainerShell {
    private static final Logger LOGGER = Logger.getLogger(ContainerShell.class.getName());
    private static final long KILL_TIMEOUT_SECONDS = 60;

    private final Launcher launcher;
    private final FilePath directory;
    private final String cookie;
    private final Proc server;
    private final TaskListener listener;

    private ContainerShell(Launcher launcher, FilePath directory, String cookie, Proc server, TaskListener listener) {
        this.launcher = launcher;
        this.directory = directory;
        this.cookie = cookie;
        this.server = server;
        this.listener = listener;
    }

    static ContainerShell start(Launcher launcher, FilePath directory, String cookie, TaskListener listener)
            throws IOException, InterruptedException {
        directory.mkdirs();
        directory.chmod(0700);
        FilePath script = directory.child("shell-server.sh");
        script.write(ShellServerExecutor.script(), "UTF-8");
        Proc server = launcher.launch()
                .cmds(List.of(literal("/bin/sh"), literal(script.getRemote()), literal(directory.getRemote())))
                // the server's own messages, if any, go to the console
                .stdout(listener)
                .quiet(true)
                .start();
        return new ContainerShell(launcher, directory, cookie, server, listener);
    }

    String directory() {
        return directory.getRemote();
    }

    /** Stops the server (the engine asked it to already, unless the build was cut short) and the build's processes. */
    void stop() throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            // First the build's processes (the server does not carry the cookie), so that it is free to end.
            killByCookie();
            try {
                directory.child("requests").act(new ShellServerExit());
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "the shell server's pipe is gone", e);
            }
            if (server.joinWithTimeout(10, TimeUnit.SECONDS, listener) != 0) {
                LOGGER.fine("the shell server did not end cleanly");
            }
            directory.deleteRecursive();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Inside the container, where the agent may not see the processes: a script that needs no ps. */
    private void killByCookie() throws IOException, InterruptedException {
        launcher.launch()
                .cmds(List.of(
                        literal("/bin/sh"),
                        "-c",
                        literal(CommandExecutor.KILL_BY_COOKIE_SCRIPT),
                        "codebuild-kill",
                        literal(LocalProcessExecutor.COOKIE + "=" + cookie)))
                .envs(Map.of())
                .stdout(OutputStream.nullOutputStream())
                .quiet(true)
                .start()
                .joinWithTimeout(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS, listener);
    }

    /**
     * The Launcher expands {@code $NAME}, {@code ${NAME}} and {@code $$} in every argument and environment
     * value; doubling each {@code $} makes it hand over the text as written.
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }

    /** Asks the server to end, on the machine that holds its pipe. */
    private static final class ShellServerExit extends jenkins.MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(java.io.File pipe, hudson.remoting.VirtualChannel channel) throws IOException {
            if (pipe.exists()) {
                // Read-write: opening a pipe so never waits for a reader, which an ended server is not.
                try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(pipe, "rw")) {
                    out.write("exit\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            return null;
        }
    }
}
