package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.NUNIT3XML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.NUNITXML;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NUnit 2 and NUnit 3 result files. */
class NunitReportTest {
    @Test
    void nunit2() throws Exception {
        TestTotals totals = Samples.tests(NUNITXML, "nunitxml/TestResult.xml");
        // Success; Failure; Error and NotRunnable (errors); Ignored and Inconclusive (skipped).
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        6,
                        1,
                        2,
                        2,
                        Duration.ofMillis(21 + 34 + 301 + 2),
                        List.of(
                                "Acme.Tests.InvoiceTests.AppliesDiscount",
                                "Acme.Tests.InvoiceTests.LoadsFromDatabase",
                                "Acme.Tests.InvoiceTests.ParsesXml(System.String)")));
        assertThat(totals.passed()).isEqualTo(1);
    }

    @Test
    void nunit3() throws Exception {
        TestTotals totals = Samples.tests(NUNIT3XML, "nunit3xml/TestResult.xml");
        // Failed+Error and Failed+Invalid are errors, a plain Failed a failure, Skipped+Ignored skipped.
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        7,
                        1,
                        2,
                        1,
                        Duration.ofNanos(12_504_000 + 31_277_000 + 204_113_000 + 112_000 + 871_000 + 433_000),
                        List.of(
                                "Acme.Tests.CartTests.RemovesItem",
                                "Acme.Tests.CartTests.ChecksOut",
                                "Acme.Tests.CartTests.Totals(\"x\")")));
        assertThat(totals.passed()).isEqualTo(3);
    }

    @Test
    void nunit2Outcomes() {
        assertThat(Nunit2XmlParser.outcome("Success", "True", "True")).isEqualTo(Outcome.PASSED);
        assertThat(Nunit2XmlParser.outcome("Cancelled", "True", "False")).isEqualTo(Outcome.ERROR);
        assertThat(Nunit2XmlParser.outcome("Skipped", "False", null)).isEqualTo(Outcome.SKIPPED);
        // NUnit 2.0-2.4 have no result attribute.
        assertThat(Nunit2XmlParser.outcome(null, "True", "False")).isEqualTo(Outcome.FAILED);
        assertThat(Nunit2XmlParser.outcome(null, "True", "True")).isEqualTo(Outcome.PASSED);
        assertThat(Nunit2XmlParser.outcome(null, "False", null)).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void nunit3Outcomes() {
        assertThat(Nunit3XmlParser.outcome("Warning", "")).isEqualTo(Outcome.PASSED);
        assertThat(Nunit3XmlParser.outcome("Failed", "Cancelled")).isEqualTo(Outcome.ERROR);
        assertThat(Nunit3XmlParser.outcome("Inconclusive", "")).isEqualTo(Outcome.SKIPPED);
        assertThat(Nunit3XmlParser.outcome("Skipped", "Explicit")).isEqualTo(Outcome.SKIPPED);
        assertThat(Nunit3XmlParser.outcome("Failed", "")).isEqualTo(Outcome.FAILED);
    }
}
