package io.jenkins.plugins.codebuildspec.engine.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code KEY=VALUE} files (env files, secret files): blank lines and {@code #} comments skipped,
 * an {@code export } prefix ignored, the first {@code =} splits, a value in matching quotes unquoted,
 * a UTF-8 BOM and CRLF accepted. Keys may contain anything but {@code =} (parameter names, ARNs).
 */
public final class KeyValueFile {
    private static final String EXPORT = "export";

    private KeyValueFile() {}

    /**
     * @param what how messages call the file, e.g. "the secret file"
     * @throws IllegalArgumentException naming the file and line (never its text, which may be secret)
     * @throws IOException when the file cannot be read
     */
    public static Map<String, String> read(Path file, String what) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            line = withoutExport(line);
            int equals = line.indexOf('=');
            String key = equals < 0 ? "" : line.substring(0, equals).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(what + " " + file + ", line " + (i + 1) + ": expected KEY=VALUE, "
                        + (equals < 0 ? "found no '='" : "found no key before '='"));
            }
            entries.put(key, unquote(line.substring(equals + 1).strip()));
        }
        return entries;
    }

    private static String withoutExport(String line) {
        if (line.startsWith(EXPORT)
                && line.length() > EXPORT.length()
                && Character.isWhitespace(line.charAt(EXPORT.length()))) {
            return line.substring(EXPORT.length()).stripLeading();
        }
        return line;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
