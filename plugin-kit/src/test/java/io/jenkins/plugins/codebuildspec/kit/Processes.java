package io.jenkins.plugins.codebuildspec.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** This machine's {@code sleep} processes, found through /proc: what an abort must leave none of. */
final class Processes {
    private Processes() {}

    /** Whether the dynamic linker knows libdeflate here (Debian: libdeflate0), which the engine then uses. */
    static boolean libdeflateInstalled() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("/sbin/ldconfig", "-p")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noLdconfig) {
            return false;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("libdeflate.so.0 ");
    }

    /** Command lines of running {@code sleep} processes whose arguments contain {@code text}. */
    static List<String> sleeping(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ')
                            .trim();
                    if (cmdline.startsWith("sleep") && cmdline.contains(text)) {
                        found.add(p.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    /** Waits until at least {@code count} such processes run; returns them. */
    static List<String> awaitSleeping(String text, int count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> found = sleeping(text);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = sleeping(text);
        }
        return found;
    }

    /** Waits until none runs any more; returns those still there at the timeout. */
    static List<String> awaitGone(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> left = sleeping(text);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = sleeping(text);
        }
        return left;
    }

    /**
     * The arguments of {@code process} from /proc, empty once it is gone: the JDK's process information
     * leaves them out for a command line as long as an engine JVM's (its class path).
     */
    static List<String> arguments(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }
}
