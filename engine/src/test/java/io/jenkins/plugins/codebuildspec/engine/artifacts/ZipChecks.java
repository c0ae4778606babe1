package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads a zip back the way users' tools do, so a bad size or CRC in any entry fails the test. */
final class ZipChecks {
    private ZipChecks() {}

    /**
     * Reads every entry to its end with the JDK's streaming reader, which compares each entry's bytes
     * with its recorded CRC and sizes; the number of entries read.
     */
    static int readEveryEntry(Path zip) throws IOException {
        int entries = 0;
        try (InputStream file = Files.newInputStream(zip);
                ZipInputStream in = new ZipInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                while (in.read(buffer) >= 0) {
                    // reading to the end is what triggers the CRC and size checks
                }
                entries++;
            }
        }
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
        return entries;
    }

    /** {@code unzip -t}'s verdict when unzip is installed: empty when every entry tests OK. */
    static java.util.Optional<String> unzipTestFailure(Path zip) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("unzip", "-tq", zip.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            return java.util.Optional.empty();
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? java.util.Optional.empty() : java.util.Optional.of(out);
    }
}
