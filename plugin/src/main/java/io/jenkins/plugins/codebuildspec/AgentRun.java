package io.jenkins.plugins.codebuildspec;

import hudson.util.StreamTaskListener;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.security.MasterToSlaveCallable;

/**
 * A Pipeline step's build detached on the agent, so that it outlives the controller: the engine runs in
 * a thread of the agent's JVM and writes the console lines (already masked) to {@code log} and, at the
 * end, its outcome to {@code outcome} in a directory of its own under the workspace's {@code @tmp}. The
 * controller follows the log from an offset it keeps in the Pipeline's saved state and picks the outcome
 * up when it is there, after a restart of its own as well (as durable-task follows {@code sh}).
 */
final class AgentRun {
    static final String LOG = "log";
    static final String OUTCOME = "outcome";
    /** Written by the controller to stop the build: a file, since a controller restarted since has no other way in. */
    static final String CANCEL = "cancel";
    /** Touched every second while the build runs: a stale one means the JVM that ran it is gone. */
    static final String HEARTBEAT = "heartbeat";
    static final long HEARTBEAT_MILLIS = 1000;

    private AgentRun() {}

    /** Starts the build in a thread of the agent and returns at once. */
    static final class Start extends MasterToSlaveCallable<Void, IOException> {
        private static final long serialVersionUID = 1L;
        private final AgentBuild.Spec spec;
        private final String directory;

        Start(AgentBuild.Spec spec, String directory) {
            this.spec = spec;
            this.directory = directory;
        }

        @Override
        public Void call() throws IOException {
            Path dir = Files.createDirectories(Path.of(directory));
            dir.toFile().setReadable(false, false);
            dir.toFile().setReadable(true, true);
            OutputStream log = new FileOutputStream(dir.resolve(LOG).toFile(), true);
            StreamTaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
            Thread thread = new Thread(() -> run(dir, listener), "codebuildSpec " + spec.token());
            thread.setDaemon(true);
            thread.start();
            return null;
        }

        private void run(Path dir, StreamTaskListener listener) {
            Thread watcher = new Thread(() -> watchForCancel(dir), "codebuildSpec cancel watch " + spec.token());
            watcher.setDaemon(true);
            watcher.start();
            AgentBuild.Outcome outcome;
            try {
                outcome = new AgentBuild(spec, listener).call();
            } catch (IOException | RuntimeException e) {
                listener.getLogger().println("The build could not run on the agent: " + e.getMessage());
                outcome = new AgentBuild.Outcome(
                        "FAULT",
                        " on the agent: " + e.getMessage(),
                        new java.util.LinkedHashMap<>(),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(),
                        new java.util.LinkedHashMap<>(java.util.Map.of("status", "FAULT")));
            } finally {
                watcher.interrupt();
                listener.getLogger().flush();
                listener.closeQuietly();
            }
            try {
                Path partial = dir.resolve(OUTCOME + ".partial");
                try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(partial))) {
                    out.writeObject(outcome);
                }
                Files.move(partial, dir.resolve(OUTCOME), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The controller reports a build whose outcome never came; nothing else can be done here.
            }
        }

        private void watchForCancel(Path dir) {
            File heartbeat = dir.resolve(HEARTBEAT).toFile();
            long beat = 0;
            try {
                while (!Files.exists(dir.resolve(CANCEL))) {
                    long now = System.currentTimeMillis();
                    if (now - beat >= HEARTBEAT_MILLIS) {
                        try {
                            if (!heartbeat.setLastModified(now)) {
                                Files.writeString(heartbeat.toPath(), "");
                            }
                        } catch (IOException e) {
                            // the next beat tries again
                        }
                        beat = now;
                    }
                    Thread.sleep(200);
                }
                new AgentBuild.Cancel(spec.token()).call();
            } catch (InterruptedException e) {
                // the build ended
            }
        }
    }

    /** Asks the detached build to stop. */
    static final class RequestCancel extends MasterToSlaveCallable<Void, IOException> {
        private static final long serialVersionUID = 1L;
        private final String directory;

        RequestCancel(String directory) {
            this.directory = directory;
        }

        @Override
        public Void call() throws IOException {
            Path dir = Path.of(directory);
            if (Files.isDirectory(dir)) {
                Files.writeString(dir.resolve(CANCEL), "stop\n");
            }
            return null;
        }
    }

    /** The log's bytes from {@code offset} (at most a chunk), and whether the outcome is there. */
    record Chunk(byte[] bytes, boolean done, long heartbeatAgeMillis) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class Follow extends MasterToSlaveCallable<Chunk, IOException> {
        private static final long serialVersionUID = 1L;
        private static final int MAX = 1 << 20;
        private final String directory;
        private final long offset;

        Follow(String directory, long offset) {
            this.directory = directory;
            this.offset = offset;
        }

        @Override
        public Chunk call() throws IOException {
            File dir = new File(directory);
            // Checked before reading: a log read after the outcome appeared is complete.
            boolean done = new File(dir, OUTCOME).isFile();
            File beat = new File(dir, HEARTBEAT);
            long age = beat.isFile() ? System.currentTimeMillis() - beat.lastModified() : -1;
            File log = new File(dir, LOG);
            if (!log.isFile()) {
                return new Chunk(new byte[0], done, age);
            }
            try (RandomAccessFile f = new RandomAccessFile(log, "r")) {
                long available = f.length() - offset;
                if (available <= 0) {
                    return new Chunk(new byte[0], done, age);
                }
                byte[] bytes = new byte[(int) Math.min(MAX, available)];
                f.seek(offset);
                f.readFully(bytes);
                return new Chunk(bytes, done && bytes.length == available, age);
            }
        }
    }

    /** The outcome, once there; the run's directory is removed after it is read. */
    static final class Collect extends MasterToSlaveCallable<AgentBuild.Outcome, IOException> {
        private static final long serialVersionUID = 1L;
        private final String directory;

        Collect(String directory) {
            this.directory = directory;
        }

        @Override
        public AgentBuild.Outcome call() throws IOException {
            Path dir = Path.of(directory);
            AgentBuild.Outcome outcome;
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(dir.resolve(OUTCOME)))) {
                outcome = (AgentBuild.Outcome) in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException("unreadable outcome in " + dir, e);
            }
            new io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor().deleteRecursively(directory);
            return outcome;
        }
    }
}
