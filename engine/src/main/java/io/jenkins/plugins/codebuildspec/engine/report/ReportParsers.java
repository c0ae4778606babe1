package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Path;
import java.util.Objects;

/** Reads a test or coverage report file of any {@link ReportFormat} into totals. */
public final class ReportParsers {
    /*
     * XML is streamed through StAX (files of any size, no DTDs, no external entities); JSON goes through the
     * AWS SDK's parser, which is already on the classpath.
     */

    private ReportParsers() {}

    /**
     * Parses {@code file}, naming it in messages as it is given.
     *
     * @throws MalformedReportException when the file cannot be read, is not well-formed, or is not a report
     *     of {@code format}; no other exception escapes for any file content
     */
    public static ParsedReport parse(ReportFormat format, Path file) throws MalformedReportException {
        return parse(format, file, file.toString());
    }

    /**
     * Parses {@code file}, naming it {@code displayName} in messages: the path relative to the build's source
     * directory, say, as {@code reports/TEST-x.xml}, rather than an absolute path in a temporary workspace.
     */
    public static ParsedReport parse(ReportFormat format, Path file, String displayName)
            throws MalformedReportException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(displayName, "displayName");
        ReportFile report = new ReportFile(file, displayName, format);
        try {
            return switch (format.kind()) {
                case TEST -> new TestReport(file, format, tests(report));
                case COVERAGE -> new CoverageReport(file, format, coverage(report));
            };
        } catch (RuntimeException e) {
            // A last line of defence: whatever a broken file provokes in a parser, the caller gets a report
            // problem, not a crash.
            throw new MalformedReportException(
                    displayName, "cannot be read as a " + ReportFile.title(format) + " report: " + e, e);
        }
    }

    private static TestTotals tests(ReportFile file) throws MalformedReportException {
        return switch (file.format()) {
            case JUNITXML -> JunitXmlParser.parse(file);
            case TESTNGXML -> TestNgXmlParser.parse(file);
            case NUNITXML -> Nunit2XmlParser.parse(file);
            case NUNIT3XML -> Nunit3XmlParser.parse(file);
            case VISUALSTUDIOTRX -> TrxParser.parse(file);
            case CUCUMBERJSON -> CucumberJsonParser.parse(file);
            default -> throw new IllegalArgumentException(file.format() + " is no test format");
        };
    }

    private static CoverageTotals coverage(ReportFile file) throws MalformedReportException {
        return switch (file.format()) {
            case COBERTURAXML -> CoberturaXmlParser.parse(file);
            case JACOCOXML -> JacocoXmlParser.parse(file);
            case CLOVERXML -> CloverXmlParser.parse(file);
            case SIMPLECOV -> SimpleCovParser.parse(file);
            default -> throw new IllegalArgumentException(file.format() + " is no coverage format");
        };
    }
}
