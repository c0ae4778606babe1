package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds processes whose environment holds a cookie, by reading {@code /proc/<pid>/environ} (Linux).
 * Elsewhere it finds nothing, and killing relies on the process tree alone.
 */
final class ProcessCookies {
    private static final Path PROC = Path.of("/proc");

    private ProcessCookies() {}

    static List<ProcessHandle> find(String cookie) {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] needle = (LocalProcessExecutor.COOKIE + "=" + cookie).getBytes(StandardCharsets.US_ASCII);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && contains(entry.resolve("environ"), needle)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static boolean contains(Path environ, byte[] needle) {
        Optional<byte[]> bytes;
        try {
            bytes = Optional.of(Files.readAllBytes(environ));
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's process
        }
        byte[] data = bytes.get();
        // entries are NUL-separated; match a whole entry
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                if (i - start == needle.length && java.util.Arrays.equals(data, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
