package io.jenkins.plugins.codebuildspec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -s} values, as the CodeBuild local agent takes them: one {@code DIR} for the primary
 * source, and {@code ID:DIR} for each secondary source. A value that names an existing directory as
 * written is the primary source even if it holds a colon.
 */
record SourceArgs(Path primary, Map<String, Path> secondary, String problem) {
    private static final Pattern SECONDARY = Pattern.compile("([A-Za-z][A-Za-z0-9_]{0,127}):(.+)");

    static SourceArgs parse(List<String> values) {
        Path primary = null;
        Map<String, Path> secondary = new LinkedHashMap<>();
        for (String value : values) {
            Matcher m = SECONDARY.matcher(value);
            if (m.matches() && !Files.isDirectory(Path.of(value))) {
                if (secondary.put(m.group(1), Path.of(m.group(2))) != null) {
                    return problem("-s " + m.group(1) + ": given twice; each secondary source identifier once");
                }
            } else if (value.contains(":") && !Files.isDirectory(Path.of(value))) {
                return problem("-s " + value + ": a secondary source is ID:DIR, ID letters, digits and underscores"
                        + " starting with a letter (CodeBuild's sourceIdentifier)");
            } else if (primary != null) {
                return problem("-s given two primary source directories (" + primary + ", " + value
                        + "); name secondary sources ID:DIR");
            } else {
                primary = Path.of(value);
            }
        }
        return new SourceArgs(primary == null ? Path.of(".") : primary, secondary, null);
    }

    private static SourceArgs problem(String why) {
        return new SourceArgs(Path.of("."), Map.of(), why);
    }
}
