package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.SIMPLECOV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SimpleCov's .resultset.json and the coverage.json files of its JSON formatters. */
class SimpleCovReportTest {
    @TempDir
    Path temp;

    @Test
    void resultsetMergesCommandsPerFileAndLine() throws Exception {
        // calc.rb is covered by RSpec and Cucumber: 5 of its 6 lines ran in one or the other, and each of
        // its 2 branches; report.rb 2 of 4 lines; user.rb 2 of 3 lines and 1 of 2 branches.
        CoverageTotals totals = Samples.coverage(SIMPLECOV, "simplecov/resultset/.resultset.json");
        assertThat(totals).isEqualTo(new CoverageTotals(9, 13, 3, 4));
    }

    @Test
    void legacyResultsetWithBareLineArrays() throws Exception {
        CoverageTotals totals = Samples.coverage(SIMPLECOV, "simplecov/legacy/.resultset.json");
        assertThat(totals).isEqualTo(new CoverageTotals(4, 6, 0, 0));
    }

    @Test
    void simplecovJsonFormatterSkipsIgnoredLinesAndBranches() throws Exception {
        CoverageTotals totals = Samples.coverage(SIMPLECOV, "simplecov/json-formatter/coverage.json");
        assertThat(totals).isEqualTo(new CoverageTotals(5, 6, 1, 2));
    }

    @Test
    void simplecovJsonGemMetrics() throws Exception {
        CoverageTotals totals = Samples.coverage(SIMPLECOV, "simplecov/simplecov-json/coverage.json");
        assertThat(totals).isEqualTo(new CoverageTotals(11, 14, 0, 0));
    }

    @Test
    void simplecovJsonGemFilesWithoutMetrics() throws Exception {
        Path file = temp.resolve("coverage.json");
        Files.writeString(
                file,
                """
                {"timestamp": 1, "command_name": "RSpec", "files": [
                  {"filename": "/app/a.rb", "coverage": [null, 1, 0, 2]},
                  {"filename": "/app/b.rb", "coverage": {"lines": [0, 0, 1], "branches": []}},
                  {"filename": "/app/a.rb", "coverage": [null, 0, 1, 0]}
                ]}
                """);
        assertThat(((CoverageReport) ReportParsers.parse(SIMPLECOV, file)).totals())
                .isEqualTo(new CoverageTotals(4, 6, 0, 0));
    }

    @Test
    void resultSetsOfDifferentLengthsMerge() throws Exception {
        Path file = temp.resolve(".resultset.json");
        Files.writeString(
                file,
                """
                {"A": {"coverage": {"/x.rb": {"lines": [1, 0]}}, "timestamp": 1},
                 "B": {"coverage": {"/x.rb": {"lines": [0, 1, null, 0]}}, "timestamp": 2},
                 "C": {"coverage": {}, "timestamp": 3}}
                """);
        assertThat(((CoverageReport) ReportParsers.parse(SIMPLECOV, file)).totals())
                .isEqualTo(new CoverageTotals(2, 3, 0, 0));
    }

    @Test
    void emptyResultsetIsEmpty() throws Exception {
        Path file = temp.resolve(".resultset.json");
        Files.writeString(file, "{}");
        assertThat(((CoverageReport) ReportParsers.parse(SIMPLECOV, file)).totals())
                .isEqualTo(CoverageTotals.EMPTY);
    }

    @Test
    void wrongShapes() throws Exception {
        Path file = temp.resolve(".resultset.json");
        Files.writeString(file, "{\"RSpec\": {\"timestamp\": 1}}");
        assertThatThrownBy(() -> ReportParsers.parse(SIMPLECOV, file, ".resultset.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage(".resultset.json: not a SimpleCov JSON report: result set \"RSpec\" has no \"coverage\""
                        + " object");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> ReportParsers.parse(SIMPLECOV, file, ".resultset.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage(".resultset.json: not a SimpleCov JSON report: the top level is an array, not an object");
        Files.writeString(file, "{\"RSpec\": {\"coverage\": {\"/a.rb\": \"lots\"}}}");
        assertThatThrownBy(() -> ReportParsers.parse(SIMPLECOV, file, ".resultset.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageContaining("/a.rb holds a string, not line counts");
    }
}
