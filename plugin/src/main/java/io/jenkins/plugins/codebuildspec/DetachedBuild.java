package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Pipeline step's build in a JVM of its own on the agent, started in its own session so that it outlives
 * the agent's JVM (which an inbound agent re-executes when it reconnects) and the controller: it reads
 * the build's {@link EngineSpec}, writes the console lines (already masked) to {@code log}, beats
 * {@code heartbeat} every second, stops when {@code cancel} appears and leaves its {@link EngineOutcome} in
 * {@code outcome}, all in the directory it is given. Nothing of Jenkins runs here.
 *
 * <p>{@code DetachedBuild DIR [SOCKET IDLE_SECONDS]}: the spec comes on standard input. With a socket, the
 * JVM stays when the build is done, warm, for the next build on the agent ({@link SpareJvm}), one build at
 * a time, until none came for the idle time or it has run {@link #MAX_BUILDS}.
 */
public final class DetachedBuild {
    static final String LOG = "log";
    static final String OUTCOME = "outcome";
    static final String CANCEL = "cancel";
    static final String HEARTBEAT = "heartbeat";
    static final long HEARTBEAT_MILLIS = 1000;

    private DetachedBuild() {}

    /** Builds one JVM runs at most, so that whatever a build leaves in it does not add up without end. */
    static final int MAX_BUILDS = 100;

    public static void main(String[] args) throws Exception {
        Path socket = args.length == 3 ? Path.of(args[1]) : null;
        Duration idle = args.length == 3 ? Duration.ofSeconds(Long.parseLong(args[2])) : Duration.ZERO;
        SpareJvm.Listener next = run(Path.of(args[0]), read(System.in), socket);
        for (int builds = 1; next != null; builds++) {
            SpareJvm.Request request = next.await(idle);
            if (request == null) {
                break;
            }
            next = run(
                    request.directory(),
                    read(new ByteArrayInputStream(request.spec())),
                    builds + 1 < MAX_BUILDS ? socket : null);
        }
        System.exit(0);
    }

    /** The spec, refusing any class but the spec's own and the JDK's collections and boxes it is made of. */
    static EngineSpec read(InputStream in) throws IOException, ClassNotFoundException {
        try (ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(info -> {
                Class<?> c = info.serialClass();
                while (c != null && c.isArray()) {
                    c = c.getComponentType();
                }
                if (c == null || c.isPrimitive()) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                String name = c.getName();
                return name.startsWith("io.jenkins.plugins.codebuildspec.")
                                || name.startsWith("java.lang.")
                                || name.startsWith("java.util.")
                        ? ObjectInputFilter.Status.ALLOWED
                        : ObjectInputFilter.Status.REJECTED;
            });
            return (EngineSpec) objects.readObject();
        }
    }

    /**
     * Runs one build in {@code dir}: its log, heartbeat, cancel and outcome files. With a socket, listens on it
     * for the next build before the outcome is there, so that a step call right after this one finds this
     * JVM waiting; the listener, or null.
     */
    static SpareJvm.Listener run(Path dir, EngineSpec spec, Path socket) throws IOException {
        AtomicReference<BuildRunner> runner = new AtomicReference<>();
        Thread watcher = new Thread(() -> watch(dir, runner), "heartbeat and cancel");
        watcher.setDaemon(true);
        watcher.start();
        EngineOutcome outcome;
        try (PrintStream log = new PrintStream(
                new FileOutputStream(dir.resolve(LOG).toFile(), true), true, StandardCharsets.UTF_8)) {
            try {
                outcome = EngineCore.run(
                        spec,
                        BuildLog.to(log),
                        new DirectSecretResolver(spec.fromJenkins(), spec.store().aws()),
                        new DirectBuildFiles(spec.store()),
                        runner::set);
            } catch (IOException | RuntimeException | InterruptedException e) {
                log.println("The build could not run on the agent: " + e.getMessage());
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("status", "FAULT");
                outcome = new EngineOutcome(
                        "FAULT",
                        " on the agent: " + e.getMessage(),
                        new LinkedHashMap<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        map);
            }
        }
        Path partial = dir.resolve(OUTCOME + ".partial");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(partial))) {
            out.writeObject(outcome);
        }
        SpareJvm.Listener next = null;
        if (socket != null) {
            try {
                next = SpareJvm.listen(socket);
            } catch (IOException e) {
                System.err.println("not staying for the next build: " + e);
            }
        }
        Files.move(partial, dir.resolve(OUTCOME), StandardCopyOption.ATOMIC_MOVE);
        watcher.interrupt();
        return next;
    }

    private static void watch(Path dir, AtomicReference<BuildRunner> runner) {
        File heartbeat = dir.resolve(HEARTBEAT).toFile();
        try {
            while (true) {
                try {
                    if (!heartbeat.setLastModified(System.currentTimeMillis())) {
                        Files.writeString(heartbeat.toPath(), "");
                    }
                } catch (IOException e) {
                    // the next beat tries again
                }
                if (Files.exists(dir.resolve(CANCEL))) {
                    BuildRunner r = runner.get();
                    if (r != null) {
                        r.cancel();
                        return;
                    }
                }
                Thread.sleep(HEARTBEAT_MILLIS / 5);
            }
        } catch (InterruptedException e) {
            // the build ended
        }
    }
}
