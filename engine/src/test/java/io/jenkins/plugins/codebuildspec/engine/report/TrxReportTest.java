package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.VISUALSTUDIOTRX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Visual Studio TRX from {@code dotnet test --logger trx}. */
class TrxReportTest {
    @TempDir
    Path temp;

    @Test
    void mstestRunWithByteOrderMarkAndNamespace() throws Exception {
        TestTotals totals = Samples.tests(VISUALSTUDIOTRX, "visualstudiotrx/acme-tests.trx");
        // Passed x2; Failed x2 (one data-driven, its rows not counted again); Timeout (error);
        // NotExecuted and Inconclusive (skipped).
        assertThat(totals.tests()).isEqualTo(7);
        assertThat(totals.failures()).isEqualTo(2);
        assertThat(totals.errors()).isEqualTo(1);
        assertThat(totals.skipped()).isEqualTo(2);
        assertThat(totals.passed()).isEqualTo(2);
        assertThat(totals.duration()).isEqualTo(Duration.ofNanos(2_060_745_600L));
        // MSTest writes the bare method as testName; the class comes from <TestDefinitions>, later in the file.
        assertThat(totals.failingTests())
                .containsExactly(
                        "Acme.Tests.DateParserTests.RejectsGarbage",
                        "Acme.Tests.ClockTests.CallsTimeService",
                        "Acme.Tests.DateParserTests.ParsesFormats");
    }

    @Test
    void definitionsBeforeResultsAndQualifiedXunitNames() throws Exception {
        Path file = temp.resolve("xunit.trx");
        Files.writeString(
                file,
                """
                <?xml version="1.0" encoding="utf-8"?>
                <TestRun id="1" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
                  <TestDefinitions>
                    <UnitTest name="Acme.Tests.MathTests.Adds" id="t1">
                      <TestMethod className="Acme.Tests.MathTests" name="Adds" />
                    </UnitTest>
                    <UnitTest name="Divides" id="t2">
                      <TestMethod className="Acme.Tests.MathTests, Acme.Tests, Version=1.0.0.0" name="Divides" />
                    </UnitTest>
                  </TestDefinitions>
                  <Results>
                    <UnitTestResult testId="t1" testName="Acme.Tests.MathTests.Adds(a: 1, b: 2)" outcome="Failed" duration="1.00:00:01.5" />
                    <UnitTestResult testId="t2" testName="Divides" outcome="Aborted" duration="garbage" />
                    <UnitTestResult testId="t3" testName="Unknown" outcome="Error" />
                  </Results>
                </TestRun>
                """);
        TestTotals totals = ((TestReport) ReportParsers.parse(VISUALSTUDIOTRX, file)).totals();
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        3,
                        1,
                        2,
                        0,
                        Duration.ofDays(1).plusMillis(1500),
                        List.of("Acme.Tests.MathTests.Adds(a: 1, b: 2)", "Acme.Tests.MathTests.Divides", "Unknown")));
    }

    @Test
    void timeSpans() {
        assertThat(TrxParser.timeSpan("00:00:01.2345678")).isEqualTo(Duration.ofNanos(1_234_567_800));
        assertThat(TrxParser.timeSpan("00:01:00")).isEqualTo(Duration.ofMinutes(1));
        assertThat(TrxParser.timeSpan("2.03:00:00.5"))
                .isEqualTo(Duration.ofHours(51).plusMillis(500));
        assertThat(TrxParser.timeSpan("1.5")).isEqualTo(Duration.ZERO);
        assertThat(TrxParser.timeSpan(null)).isEqualTo(Duration.ZERO);
    }
}
