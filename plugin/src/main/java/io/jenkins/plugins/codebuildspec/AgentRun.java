package io.jenkins.plugins.codebuildspec;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.security.MasterToSlaveCallable;

/**
 * A Pipeline step's build detached on the agent, so that it outlives the controller: the engine runs in
 * a JVM of its own there ({@link DetachedBuild}) and writes the console lines (already masked) to {@code log} and, at the
 * end, its outcome to {@code outcome} in a directory of its own under the workspace's {@code @tmp}. The
 * controller follows the log from an offset it keeps in the Pipeline's saved state and picks the outcome
 * up when it is there, after a restart of its own as well (as durable-task follows {@code sh}).
 */
final class AgentRun {
    static final String LOG = DetachedBuild.LOG;
    static final String OUTCOME = DetachedBuild.OUTCOME;
    /** Written by the controller to stop the build: a file, since a controller restarted since has no other way in. */
    static final String CANCEL = DetachedBuild.CANCEL;
    /** Touched every second while the build runs: a stale one means the JVM that ran it is gone. */
    static final String HEARTBEAT = DetachedBuild.HEARTBEAT;
    static final long HEARTBEAT_MILLIS = DetachedBuild.HEARTBEAT_MILLIS;

    private AgentRun() {}

    /**
     * Starts the build in a JVM of its own on the agent ({@link DetachedBuild}) and returns at once: hands it
     * to the warm JVM an earlier build left waiting there ({@link SpareJvm}) or, without one, starts a JVM
     * for it, which stays for the next build when this one is done.
     */
    static final class Start extends MasterToSlaveCallable<Void, IOException> {
        private static final long serialVersionUID = 2L;
        private final EngineSpec spec;
        private final String directory;
        private final List<String> classPath;
        private final long spareIdleSeconds;

        Start(EngineSpec spec, String directory, List<String> classPath, long spareIdleSeconds) {
            this.spec = spec;
            this.directory = directory;
            this.classPath = List.copyOf(classPath);
            this.spareIdleSeconds = spareIdleSeconds;
        }

        @Override
        public Void call() throws IOException {
            Path dir = Files.createDirectories(Path.of(directory));
            dir.toFile().setReadable(false, false);
            dir.toFile().setReadable(true, true);
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(request)) {
                out.writeObject(spec);
            }
            Path socket = spareIdleSeconds > 0 && !classPath.isEmpty()
                    ? SpareJvm.socket(Path.of(classPath.get(0)).getParent(), stamp()).orElse(null)
                    : null;
            if (socket != null && SpareJvm.handOver(socket, dir, request.toByteArray())) {
                return null;
            }
            List<String> arguments = new ArrayList<>(List.of(directory));
            if (socket != null) {
                arguments.addAll(List.of(socket.toString(), Long.toString(spareIdleSeconds)));
            }
            Process process = new ProcessBuilder(java(arguments))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("engine.out").toFile())
                    .start();
            // The request holds the run's credentials: through a pipe, never a file.
            try (OutputStream in = process.getOutputStream()) {
                in.write(request.toByteArray());
            }
            return null;
        }

        /** The command of an engine JVM: {@link DetachedBuild} with {@code arguments}. */
        private List<String> java(List<String> arguments) {
            List<String> command = new ArrayList<>();
            if (new File("/usr/bin/setsid").canExecute()) {
                // a session of its own: nothing that ends the agent's process group ends the build
                command.add("/usr/bin/setsid");
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(classDataSharing());
            command.addAll(List.of(
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    // C2 kept for the hottest code, as ./codebuild-local does: a short step spends little
                    // CPU compiling, and checksums (the zip's SHA-256, S3's MD5 and payload hashes) still
                    // reach C2's intrinsics, which C1 alone lacks (a fifth slower zipping, measured)
                    "-XX:Tier4InvocationThreshold=50000",
                    "-XX:Tier4MinInvocationThreshold=20000",
                    "-XX:Tier4CompileThreshold=60000",
                    "-XX:Tier4BackEdgeThreshold=400000",
                    "-cp",
                    String.join(File.pathSeparator, classPath),
                    DetachedBuild.class.getName()));
            command.addAll(arguments);
            return command;
        }

        /** Changes with the engine's jars: a spare serves only builds of the jars it was started with. */
        private String stamp() {
            long h = 17;
            for (String jar : classPath) {
                File f = new File(jar);
                h = 31 * (31 * (31 * h + jar.hashCode()) + f.length()) + f.lastModified();
            }
            return Long.toHexString(h);
        }

        /**
         * The engine's classes from a class data archive beside the jars, which the first build on the agent
         * writes when it ends (under a name of its own, put in place by a later build): a build then starts
         * in a fraction of the time. A damaged or outdated archive is ignored by the JVM.
         */
        private List<String> classDataSharing() {
            if (classPath.isEmpty()) {
                return List.of();
            }
            Path jars = Path.of(classPath.get(0)).getParent();
            Path archive = jars.resolve("engine.jsa");
            if (!Files.isRegularFile(archive)) {
                try (var written = Files.list(jars)) {
                    for (Path candidate : written.filter(p -> p.getFileName().toString().startsWith("engine.jsa."))
                            .toList()) {
                        try {
                            Files.move(candidate, archive, StandardCopyOption.ATOMIC_MOVE);
                            break;
                        } catch (IOException e) {
                            // another build took it, or it is still being written: try the next
                        }
                    }
                } catch (IOException e) {
                    return List.of();
                }
            }
            if (Files.isRegularFile(archive)) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
            }
            return List.of("-XX:ArchiveClassesAtExit=" + jars.resolve("engine.jsa." + spec.token()));
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

    /**
     * The log's bytes from {@code offset} (at most a chunk), whether the outcome is there, how long the build
     * has given no sign of life (its heartbeat; before the first beat, the run directory's last change), and
     * while it has not beaten yet, what its JVM printed (why it could not start).
     */
    record Chunk(byte[] bytes, boolean done, long heartbeatAgeMillis, String engineOutput)
            implements java.io.Serializable {
        private static final long serialVersionUID = 2L;
    }

    /**
     * The log from an offset, waiting on the agent up to {@code waitMillis} for something to read or for the
     * outcome: the controller learns of new lines and of the end within milliseconds, without polling.
     */
    static final class Follow extends MasterToSlaveCallable<Chunk, IOException> {
        private static final long serialVersionUID = 2L;
        private static final int MAX = 1 << 20;
        private static final long CHECK_MILLIS = 4;
        private static final long GATHER_MILLIS = 20;
        private final String directory;
        private final long offset;
        private final long waitMillis;

        Follow(String directory, long offset, long waitMillis) {
            this.directory = directory;
            this.offset = offset;
            this.waitMillis = waitMillis;
        }

        @Override
        public Chunk call() throws IOException {
            File dir = new File(directory);
            File log = new File(dir, LOG);
            File outcome = new File(dir, OUTCOME);
            long deadline = System.nanoTime() + waitMillis * 1_000_000;
            try {
                while (log.length() <= offset && !outcome.isFile() && System.nanoTime() < deadline) {
                    Thread.sleep(CHECK_MILLIS);
                }
                // Lines come in bursts: a little longer, so that one call carries the burst, not its first line.
                long gather = System.nanoTime() + GATHER_MILLIS * 1_000_000;
                while (log.length() > offset && !outcome.isFile() && System.nanoTime() < Math.min(gather, deadline)) {
                    Thread.sleep(CHECK_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Checked before reading: a log read after the outcome appeared is complete.
            boolean done = outcome.isFile();
            File beat = new File(dir, HEARTBEAT);
            boolean beating = beat.isFile();
            long since = beating ? beat.lastModified() : dir.lastModified();
            long age = since > 0 ? System.currentTimeMillis() - since : -1;
            String engineOutput = beating ? "" : engineOutput(new File(dir, "engine.out"));
            if (!log.isFile()) {
                return new Chunk(new byte[0], done, age, engineOutput);
            }
            try (RandomAccessFile f = new RandomAccessFile(log, "r")) {
                long available = f.length() - offset;
                if (available <= 0) {
                    return new Chunk(new byte[0], done, age, engineOutput);
                }
                byte[] bytes = new byte[(int) Math.min(MAX, available)];
                f.seek(offset);
                f.readFully(bytes);
                return new Chunk(bytes, done && bytes.length == available, age, engineOutput);
            }
        }

        /** The last lines the engine's JVM printed, if any. */
        private static String engineOutput(File file) throws IOException {
            if (!file.isFile()) {
                return "";
            }
            try (RandomAccessFile f = new RandomAccessFile(file, "r")) {
                long from = Math.max(0, f.length() - 2000);
                byte[] bytes = new byte[(int) (f.length() - from)];
                f.seek(from);
                f.readFully(bytes);
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
            }
        }
    }

    /** The outcome, once there; the run's directory is removed after it is read. */
    static final class Collect extends MasterToSlaveCallable<EngineOutcome, IOException> {
        private static final long serialVersionUID = 1L;
        private final String directory;

        Collect(String directory) {
            this.directory = directory;
        }

        @Override
        public EngineOutcome call() throws IOException {
            Path dir = Path.of(directory);
            EngineOutcome outcome;
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(dir.resolve(OUTCOME)))) {
                outcome = (EngineOutcome) in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException("unreadable outcome in " + dir, e);
            }
            new io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor().deleteRecursively(directory);
            return outcome;
        }
    }
}
