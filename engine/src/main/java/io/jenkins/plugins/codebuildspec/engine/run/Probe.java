package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs a small helper script where the build's commands run (git, runtime versions, the current user)
 * and returns what it printed. Not logged: these are the runner's questions, not the build's commands.
 */
final class Probe {
    private static final int MAX_OUTPUT = 64 * 1024;

    private final CommandExecutor executor;
    private final String directory;
    private final String scratch;
    private final Map<String, String> environment;
    private int counter;

    Probe(CommandExecutor executor, String directory, String scratch, Map<String, String> environment) {
        this.executor = executor;
        this.directory = directory;
        this.scratch = scratch;
        this.environment = environment;
    }

    /** Output of {@code /bin/sh -c script}-like run; empty when it could not run at all. */
    Result run(String script) throws InterruptedException {
        String file = executor.resolve(scratch, "probe-" + (++counter) + ".sh");
        ByteArrayOutputStream out = new Bounded();
        try {
            executor.writeFile(file, script);
            int code = executor.start(List.of("/bin/sh", file), environment, directory, out)
                    .waitFor();
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "");
        } finally {
            try {
                executor.deleteRecursively(file);
            } catch (IOException e) {
                // the build's temp directory is removed at the end anyway
            }
        }
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Keeps the first 64 KiB: a probe that floods its output must not fill the heap. */
    private static final class Bounded extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = MAX_OUTPUT - count;
            if (room > 0) {
                super.write(b, off, Math.min(room, len));
            }
        }

        @Override
        public synchronized void write(int b) {
            if (count < MAX_OUTPUT) {
                super.write(b);
            }
        }
    }
}
