package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry under {@code reports}: the files of a test or coverage report group. */
public record ReportGroup(
        String name,
        Position position,
        List<Text> files,
        Optional<Text> baseDirectory,
        boolean discardPaths,
        ReportFormat fileFormat) {
    public ReportGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        files = List.copyOf(files);
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(fileFormat, "fileFormat");
    }
}
