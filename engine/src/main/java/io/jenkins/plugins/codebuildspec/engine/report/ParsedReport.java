package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Path;

/** The totals read from one report file: a {@link TestReport} or a {@link CoverageReport}. */
public sealed interface ParsedReport permits TestReport, CoverageReport {
    /** The file as it was given to {@link ReportParsers#parse}. */
    Path file();

    ReportFormat format();
}
