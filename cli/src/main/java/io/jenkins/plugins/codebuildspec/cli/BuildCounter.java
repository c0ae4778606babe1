package io.jenkins.plugins.codebuildspec.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** CODEBUILD_BUILD_NUMBER for local runs: one more than the last run in this source directory. */
final class BuildCounter {
    private final Path file;

    BuildCounter(Path directory) {
        this.file = directory.resolve("build-number");
    }

    /** The next number, stored under a file lock so two runs at once get different numbers. */
    int next() throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            int last;
            try {
                last = text.isEmpty() ? 0 : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                last = 0;
            }
            int next = last + 1;
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return next;
        }
    }
}
