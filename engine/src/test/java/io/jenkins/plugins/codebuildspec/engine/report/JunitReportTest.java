package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.JUNITXML;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JUnit XML as Surefire, pytest, jest-junit and PHPUnit write it. */
class JunitReportTest {
    @TempDir
    Path temp;

    @Test
    void suiteTimeCountsWhenTheCasesReportNoTime() throws Exception {
        Path file = temp.resolve("pytest.xml");
        java.nio.file.Files.writeString(
                file,
                """
                <?xml version="1.0" encoding="utf-8"?>
                <testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="2" time="0.026">
                <testcase classname="tests.test_calc" name="test_add" time="0.000"/>
                <testcase classname="tests.test_calc" name="test_sub" time="0.000"/>
                </testsuite></testsuites>
                """);
        TestTotals totals = ((TestReport) ReportParsers.parse(JUNITXML, file)).totals();
        assertThat(totals.tests()).isEqualTo(2);
        assertThat(totals.duration()).isEqualTo(java.time.Duration.ofMillis(26));
    }

    @Test
    void surefireSingleTestsuite() throws Exception {
        TestTotals totals = Samples.tests(JUNITXML, "junitxml/surefire/TEST-com.acme.CalcTest.xml");
        // parsesLargeNumbers only has a <flakyFailure>: it passed on a rerun.
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        6,
                        1,
                        1,
                        1,
                        Duration.ofMillis(159),
                        List.of("com.acme.CalcTest.divides", "com.acme.CalcTest.dividesByZero")));
        assertThat(totals.passed()).isEqualTo(3);
    }

    @Test
    void pytestTestsuitesRoot() throws Exception {
        TestTotals totals = Samples.tests(JUNITXML, "junitxml/pytest/junit.xml");
        assertThat(totals.tests()).isEqualTo(7);
        assertThat(totals.failures()).isEqualTo(1);
        assertThat(totals.errors()).isEqualTo(1);
        assertThat(totals.skipped()).isEqualTo(2);
        assertThat(totals.passed()).isEqualTo(3);
        assertThat(totals.duration()).isEqualTo(Duration.ofMillis(417));
        assertThat(totals.failingTests())
                .containsExactly("tests.test_api.test_create_user", "tests.test_db.test_migrate");
    }

    @Test
    void jestJunitRepeatsTheDescribeBlockInTheName() throws Exception {
        TestTotals totals = Samples.tests(JUNITXML, "junitxml/jest/junit.xml");
        assertThat(totals)
                .isEqualTo(new TestTotals(
                        5, 1, 0, 1, Duration.ofMillis(98), List.of("Calculator throws when dividing by zero")));
    }

    @Test
    void phpunitNestedSuites() throws Exception {
        TestTotals totals = Samples.tests(JUNITXML, "junitxml/phpunit/junit.xml");
        assertThat(totals.tests()).isEqualTo(5);
        assertThat(totals.failures()).isEqualTo(1);
        assertThat(totals.errors()).isEqualTo(1);
        assertThat(totals.skipped()).isEqualTo(1);
        assertThat(totals.duration()).isEqualTo(Duration.ofNanos(52_311_000));
        assertThat(totals.failingTests())
                .containsExactly(
                        "App.Tests.Unit.MoneyTest.testAllocate with data set \"uneven\"",
                        "App.Tests.Integration.RepositoryTest.testFind");
    }

    @Test
    void localeFormattedTimesAndLatin1() throws Exception {
        TestTotals totals = Samples.tests(JUNITXML, "junitxml/locale/TEST-com.acme.LocaleTest.xml");
        // 0,5 + 1.234,5 + 1,234.25 + n/a + "" seconds
        assertThat(totals.duration()).isEqualTo(Duration.ofMillis(2_469_250));
        assertThat(totals.tests()).isEqualTo(5);
        // No classname: the suite's name stands in.
        assertThat(totals.failingTests()).containsExactly("com.acme.LocaleTest.parsesGrüße");
    }

    @Test
    void childrenOfTheCaseDecideAndTheWorstWins() throws Exception {
        Path file = temp.resolve("TEST-mixed.xml");
        Files.writeString(
                file,
                """
                <testsuites>
                  <testsuite name="outer">
                    <testsuite name="inner">
                      <testcase name="both"><failure/><error/></testcase>
                      <testcase name="skippedThenFailed" classname="x.Y"><skipped/><failure/></testcase>
                      <testcase name="failureInOutput" classname="x.Y"><system-out><failure/></system-out></testcase>
                    </testsuite>
                    <testcase name="direct" time="oops"/>
                  </testsuite>
                  <testcase name="orphan"/>
                </testsuites>
                """,
                StandardCharsets.UTF_8);
        TestTotals totals = ((TestReport) ReportParsers.parse(JUNITXML, file)).totals();
        assertThat(totals)
                .isEqualTo(new TestTotals(5, 1, 1, 0, Duration.ZERO, List.of("inner.both", "x.Y.skippedThenFailed")));
    }

    @Test
    void emptyTestsuiteHasNoTests() throws Exception {
        Path file = temp.resolve("TEST-empty.xml");
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<testsuite name=\"none\" tests=\"0\"/>\n");
        assertThat(((TestReport) ReportParsers.parse(JUNITXML, file)).totals()).isEqualTo(TestTotals.EMPTY);
    }

    @Test
    void testNames() {
        assertThat(JunitXmlParser.testName("com.acme.CalcTest", "adds", "ignored"))
                .isEqualTo("com.acme.CalcTest.adds");
        assertThat(JunitXmlParser.testName(null, "adds", "Suite")).isEqualTo("Suite.adds");
        assertThat(JunitXmlParser.testName("", "adds", "")).isEqualTo("adds");
        assertThat(JunitXmlParser.testName("Calc adds", "Calc adds", "")).isEqualTo("Calc adds");
        assertThat(JunitXmlParser.testName("Calc", "Calc adds one", "")).isEqualTo("Calc adds one");
        assertThat(JunitXmlParser.testName("x.Y", "", "")).isEqualTo("x.Y");
    }
}
