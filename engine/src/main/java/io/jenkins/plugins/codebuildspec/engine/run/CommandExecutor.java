package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the build's commands run: this machine, or a Jenkins agent (or a container on it) through
 * Jenkins' Launcher. The only way the engine starts processes or touches the files the commands see.
 * Paths are strings because they are paths on the machine that runs the commands, which need not be
 * this one. An executor serves one build.
 */
public interface CommandExecutor {
    /**
     * A shell script for executors that must kill from inside another machine or container: sends TERM,
     * and after a grace period KILL, to every process whose environment holds {@code $1} (NAME=value),
     * found through /proc. It needs only sh, tr and grep, so it works in slim and busybox images, where
     * there may be no {@code ps}. Run it as {@code sh -c SCRIPT name COOKIE=value}.
     */
    String KILL_BY_COOKIE_SCRIPT =
            """
            me=$$
            for sig in TERM KILL; do
              found=
              for e in /proc/[0-9]*/environ; do
                pid=${e#/proc/}; pid=${pid%/environ}
                [ "$pid" = "$me" ] && continue
                if tr '\\000' '\\n' 2>/dev/null < "$e" | grep -qxF -- "$1"; then
                  kill -s "$sig" "$pid" 2>/dev/null && found=1
                fi
              done
              [ -z "$found" ] && exit 0
              [ "$sig" = TERM ] && sleep 2
            done
            exit 0
            """;

    /**
     * Starts {@code argv} with exactly {@code environment} (as far as the platform allows), in
     * {@code workingDirectory}, with empty standard input, and standard output and error merged into
     * {@code output}. All output has been written to {@code output} when {@link RunningCommand#waitFor}
     * returns.
     */
    RunningCommand start(
            List<String> argv, Map<String, String> environment, String workingDirectory, OutputStream output)
            throws IOException;

    /**
     * Starts {@code argv} (an interactive shell of a paused build, {@link DebugOptions}) with exactly
     * {@code environment}, in {@code workingDirectory}, talking to {@code terminal} rather than to the
     * build's log. Its processes belong to the build: a cancel, a timeout and the build's end kill them.
     *
     * @throws IOException where no terminal can reach the commands (the default)
     */
    default RunningCommand startInteractive(
            List<String> argv, Map<String, String> environment, String workingDirectory, Terminal terminal)
            throws IOException {
        throw new IOException("the build's commands run where no terminal reaches them");
    }

    /**
     * The user's end of an interactive command: the runner's own standard input, output and error
     * ({@code in} and {@code out} null), or streams (standard error merged into {@code out}); {@code tty}
     * says whether that input is a terminal, so that a container gets one too ({@code docker exec -t}).
     */
    record Terminal(boolean tty, InputStream in, OutputStream out) {
        public Terminal {
            if ((in == null) != (out == null)) {
                throw new IllegalArgumentException("give both streams or neither");
            }
        }

        /** The runner's own standard input, output and error. */
        public static Terminal inherited(boolean tty) {
            return new Terminal(tty, null, null);
        }

        /** Input and output from streams, not a terminal (tests, front ends without a console). */
        public static Terminal streams(InputStream in, OutputStream out) {
            return new Terminal(false, in, out);
        }

        public boolean inherits() {
            return in == null;
        }
    }

    /** Writes a file readable only by its owner (and by {@code run-as} users where needed), creating parents. */
    void writeFile(String path, String content) throws IOException;

    /** A file's content, or empty when it does not exist. */
    Optional<String> readFile(String path) throws IOException;

    /** Creates a directory and its parents; {@code shared} makes it writable by other users (for run-as). */
    void createDirectory(String path, boolean shared) throws IOException;

    /** Deletes a file or a directory tree; nothing happens when it does not exist. */
    void deleteRecursively(String path) throws IOException;

    /**
     * Removes the directories in {@code parent} named {@code family*} that hold an owner record
     * ({@code .owner}: pid and start time) of a process that is gone: the state of runners that were
     * killed before they could clean up. Executors whose files are not on this machine do nothing.
     */
    default void removeStale(String parent, String family) throws IOException {}

    /**
     * Ends every process this build started that is still running, background ones included
     * ({@code nohup dockerd &}); called when the build ends, as CodeBuild discards its container.
     */
    void killRemaining() throws IOException, InterruptedException;

    /** {@code child} resolved against {@code parent}, in the command machine's path syntax. */
    default String resolve(String parent, String child) {
        return parent.endsWith("/") ? parent + child : parent + "/" + child;
    }

    /** A started command. */
    interface RunningCommand {
        /** Waits for the command to end and returns its exit code. */
        int waitFor() throws IOException, InterruptedException;

        /**
         * Ends the command and every process of the build, children and background processes included;
         * returns when they are gone.
         */
        void kill() throws IOException, InterruptedException;
    }
}
