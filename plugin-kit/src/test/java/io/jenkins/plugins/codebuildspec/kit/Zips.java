package io.jenkins.plugins.codebuildspec.kit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads a zip back with the JDK's reader, which checks every entry's CRC as it reads. */
final class Zips {
    private Zips() {}

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static String entryText(byte[] zip, String name) throws IOException {
        byte[] bytes = entries(zip).get(name);
        if (bytes == null) {
            throw new AssertionError(
                    "no " + name + " in the zip; it has " + entries(zip).keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
