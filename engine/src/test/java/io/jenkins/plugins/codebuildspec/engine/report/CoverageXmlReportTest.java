package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.CLOVERXML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.COBERTURAXML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.JACOCOXML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cobertura, JaCoCo and Clover XML. */
class CoverageXmlReportTest {
    @TempDir
    Path temp;

    @Test
    void coberturaFromCoveragePy() throws Exception {
        CoverageTotals totals = Samples.coverage(COBERTURAXML, "coberturaxml/coverage-py/coverage.xml");
        assertThat(totals).isEqualTo(new CoverageTotals(15, 20, 3, 6));
        assertThat(totals.lineCoveragePercent()).isCloseTo(75.0, within(1e-9));
        assertThat(totals.branchCoveragePercent()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void coberturaWithoutCountsIsCountedFromClassLines() throws Exception {
        // Cobertura 1.9 gives only rates, and lists each line under its method and its class: counted once.
        CoverageTotals totals = Samples.coverage(COBERTURAXML, "coberturaxml/cobertura-1.9/coverage.xml");
        assertThat(totals).isEqualTo(new CoverageTotals(5, 8, 1, 6));
    }

    @Test
    void coberturaCountsWinOverLines() throws Exception {
        Path file = temp.resolve("coverage.xml");
        Files.writeString(
                file,
                """
                <coverage lines-valid="10" lines-covered="4">
                  <packages><package><classes><class><lines>
                    <line number="1" hits="1" branch="true" condition-coverage="25% (1/4)"/>
                    <line number="2" hits="0"/>
                  </lines></class></classes></package></packages>
                </coverage>
                """);
        CoverageTotals totals = ((CoverageReport) ReportParsers.parse(COBERTURAXML, file)).totals();
        assertThat(totals).isEqualTo(new CoverageTotals(4, 10, 1, 4));
    }

    @Test
    void jacocoReportCountersOnly() throws Exception {
        // Package, class, method and source file counters repeat the same lines; only <report>'s count.
        CoverageTotals totals = Samples.coverage(JACOCOXML, "jacocoxml/jacoco.xml");
        assertThat(totals).isEqualTo(new CoverageTotals(41, 50, 10, 16));
        assertThat(totals.lineCoveragePercent()).isCloseTo(82.0, within(1e-9));
    }

    @Test
    void jacocoWithoutCountersIsEmpty() throws Exception {
        Path file = temp.resolve("jacoco.xml");
        Files.writeString(
                file,
                "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\""
                        + " \"report.dtd\"><report name=\"empty\"><sessioninfo id=\"x\" start=\"1\" dump=\"2\"/></report>");
        assertThat(((CoverageReport) ReportParsers.parse(JACOCOXML, file)).totals())
                .isEqualTo(CoverageTotals.EMPTY);
    }

    @Test
    void cloverFromPhpunitHasProjectMetricsLast() throws Exception {
        CoverageTotals totals = Samples.coverage(CLOVERXML, "cloverxml/phpunit/clover.xml");
        assertThat(totals).isEqualTo(new CoverageTotals(41, 48, 0, 0));
    }

    @Test
    void cloverFromOpenCloverIgnoresTheTestProject() throws Exception {
        CoverageTotals totals = Samples.coverage(CLOVERXML, "cloverxml/openclover/clover.xml");
        assertThat(totals).isEqualTo(new CoverageTotals(214, 280, 61, 96));
    }

    @Test
    void cloverAndCoberturaShareTheRootButAreToldApart() {
        assertThatThrownBy(() -> Samples.coverage(COBERTURAXML, "cloverxml/phpunit/clover.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("cloverxml/phpunit/clover.xml: not a Cobertura XML report:")
                .hasMessageContaining("CLOVERXML");
        assertThatThrownBy(() -> Samples.coverage(CLOVERXML, "coberturaxml/coverage-py/coverage.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("coberturaxml/coverage-py/coverage.xml: not a Clover XML report:")
                .hasMessageContaining("COBERTURAXML");
    }

    @Test
    void cloverWithoutProjectMetrics() throws Exception {
        Path file = temp.resolve("clover.xml");
        Files.writeString(file, "<coverage generated=\"1\"><project timestamp=\"1\"></project></coverage>");
        assertThatThrownBy(() -> ReportParsers.parse(CLOVERXML, file, "clover.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage("clover.xml: not a Clover XML report: it has no <coverage><project><metrics> element"
                        + " with the project's totals");
    }

    @Test
    void impossibleCountsAreMalformed() throws Exception {
        Path file = temp.resolve("coverage.xml");
        Files.writeString(file, "<coverage lines-valid=\"10\" lines-covered=\"12\"/>");
        assertThatThrownBy(() -> ReportParsers.parse(COBERTURAXML, file, "coverage.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage("coverage.xml: impossible line counts: 12 of 10 lines covered");
    }
}
