package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The sample reports under {@code src/test/resources/reports}, and parsing them. */
final class Samples {
    private Samples() {}

    /** A sample by its path below {@code reports/}, such as {@code junitxml/pytest/junit.xml}. */
    static Path path(String relative) {
        URL url = Samples.class.getClassLoader().getResource("reports/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test resource reports/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static TestTotals tests(ReportFormat format, String relative) throws MalformedReportException {
        ParsedReport report = ReportParsers.parse(format, path(relative), relative);
        assertThat(report).isInstanceOf(TestReport.class);
        assertThat(report.format()).isEqualTo(format);
        return ((TestReport) report).totals();
    }

    static CoverageTotals coverage(ReportFormat format, String relative) throws MalformedReportException {
        ParsedReport report = ReportParsers.parse(format, path(relative), relative);
        assertThat(report).isInstanceOf(CoverageReport.class);
        assertThat(report.format()).isEqualTo(format);
        return ((CoverageReport) report).totals();
    }
}
