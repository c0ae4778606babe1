package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Path;
import java.util.Objects;

/** The test counts read from one test report file. */
public record TestReport(Path file, ReportFormat format, TestTotals totals) implements ParsedReport {
    public TestReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(totals, "totals");
    }
}
