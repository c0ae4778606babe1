package io.jenkins.plugins.codebuildspec.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Finds the build's processes through {@code /proc} (Linux): those whose environment holds the cookie,
 * and those in a session that a process with the cookie leads (the {@link Subreaper} keeper starts one
 * per command), which finds a process that cleared its environment even after its keeper is gone.
 * Elsewhere it finds nothing, and killing relies on the process tree alone.
 */
final class ProcessCookies {
    private static final Path PROC = Path.of("/proc");

    private ProcessCookies() {}

    /**
     * The processes of the build; {@code sessions} collects the sessions its processes lead, and is read
     * for the members of those seen before.
     */
    static List<ProcessHandle> find(String cookie, Set<Long> sessions) {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] needle = (LocalProcessExecutor.COOKIE + "=" + cookie).getBytes(StandardCharsets.US_ASCII);
        long self = ProcessHandle.current().pid();
        List<long[]> others = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid;
                try {
                    pid = Long.parseLong(entry.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self) {
                    continue;
                }
                long session = session(entry);
                if (contains(entry.resolve("environ"), needle)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                    if (session == pid) {
                        sessions.add(session);
                    }
                } else if (session > 0) {
                    others.add(new long[] {pid, session});
                }
            }
        } catch (IOException e) {
            return found;
        }
        for (long[] p : others) {
            if (sessions.contains(p[1])) {
                ProcessHandle.of(p[0]).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The session id from {@code /proc/<pid>/stat}, or -1. */
    private static long session(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"), StandardCharsets.ISO_8859_1);
            // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean contains(Path environ, byte[] needle) {
        byte[] data;
        try {
            data = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's process
        }
        // entries are NUL-separated; match a whole entry
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                if (i - start == needle.length && Arrays.equals(data, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
