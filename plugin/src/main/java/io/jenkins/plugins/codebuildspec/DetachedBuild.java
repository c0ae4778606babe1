package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Pipeline step's build in a JVM of its own on the agent, started in its own session so that it outlives
 * the agent's JVM (which an inbound agent re-executes when it reconnects) and the controller: it reads
 * the build's {@link EngineSpec} from standard input, writes the console lines (already masked) to
 * {@code log}, beats {@code heartbeat} every second, stops when {@code cancel} appears and leaves its
 * {@link EngineOutcome} in {@code outcome}, all in the directory it is given. Nothing of Jenkins runs here.
 */
public final class DetachedBuild {
    static final String LOG = "log";
    static final String OUTCOME = "outcome";
    static final String CANCEL = "cancel";
    static final String HEARTBEAT = "heartbeat";
    static final long HEARTBEAT_MILLIS = 1000;

    private DetachedBuild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EngineSpec spec;
        try (ObjectInputStream in = new ObjectInputStream(System.in)) {
            spec = (EngineSpec) in.readObject();
        }
        AtomicReference<BuildRunner> runner = new AtomicReference<>();
        Thread watcher = new Thread(() -> watch(dir, runner), "heartbeat and cancel");
        watcher.setDaemon(true);
        watcher.start();
        EngineOutcome outcome;
        try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(LOG).toFile(), true), true,
                StandardCharsets.UTF_8)) {
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
                        "FAULT", " on the agent: " + e.getMessage(), new LinkedHashMap<>(), new ArrayList<>(),
                        new ArrayList<>(), map);
            }
        }
        Path partial = dir.resolve(OUTCOME + ".partial");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(partial))) {
            out.writeObject(outcome);
        }
        Files.move(partial, dir.resolve(OUTCOME), StandardCopyOption.ATOMIC_MOVE);
        System.exit(0);
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
