package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Path;
import java.util.Objects;

/** The coverage counts read from one coverage report file. */
public record CoverageReport(Path file, ReportFormat format, CoverageTotals totals) implements ParsedReport {
    public CoverageReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(totals, "totals");
    }
}
