package io.jenkins.plugins.codebuildspec.engine.report;

import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.CUCUMBERJSON;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.JACOCOXML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.JUNITXML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.NUNITXML;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.SIMPLECOV;
import static io.jenkins.plugins.codebuildspec.engine.model.ReportFormat.VISUALSTUDIOTRX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not reports of their format: each gives a {@link MalformedReportException} naming the file. */
class MalformedReportTest {
    @TempDir
    Path temp;

    private static MalformedReportException failure(ReportFormat format, String sample) {
        Throwable thrown = catchThrowable(() -> ReportParsers.parse(format, Samples.path(sample), sample));
        assertThat(thrown).isInstanceOf(MalformedReportException.class);
        MalformedReportException e = (MalformedReportException) thrown;
        assertThat(e.file()).isEqualTo(sample);
        assertThat(e.getMessage()).isEqualTo(sample + ": " + e.problem());
        return e;
    }

    @Test
    void htmlInsteadOfXml() {
        assertThat(failure(JUNITXML, "malformed/index.html").getMessage())
                .startsWith("malformed/index.html: not a JUnit XML report: root element is <html>, an HTML page");
    }

    @Test
    void wrongRootElement() {
        assertThat(failure(JUNITXML, "malformed/maven-project.xml").getMessage())
                .isEqualTo("malformed/maven-project.xml: not a JUnit XML report: root element is <project>, expected"
                        + " <testsuite> or <testsuites>");
        assertThat(failure(JUNITXML, "testngxml/testng-results.xml").getMessage())
                .isEqualTo("testngxml/testng-results.xml: not a JUnit XML report: root element is"
                        + " <testng-results>, expected <testsuite> or <testsuites>; it looks like a TestNG XML"
                        + " report (file-format: TESTNGXML)");
        assertThat(failure(NUNITXML, "nunit3xml/TestResult.xml").getMessage())
                .contains("root element is <test-run>, expected <test-results>")
                .endsWith("(file-format: NUNIT3XML)");
        assertThat(failure(VISUALSTUDIOTRX, "junitxml/pytest/junit.xml").getMessage())
                .contains("not a Visual Studio TRX report: root element is <testsuites>, expected <TestRun>");
    }

    @Test
    void truncatedXml() throws Exception {
        byte[] full = Files.readAllBytes(Samples.path("junitxml/surefire/TEST-com.acme.CalcTest.xml"));
        Path file = temp.resolve("TEST-x.xml");
        Files.write(file, java.util.Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ReportParsers.parse(JUNITXML, file, "reports/TEST-x.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageMatching("reports/TEST-x\\.xml: XML error at line \\d+: .+");
    }

    @Test
    void emptyAndBlankFiles() {
        assertThat(failure(JUNITXML, "malformed/empty.xml").getMessage())
                .isEqualTo("malformed/empty.xml: the file is empty, not a JUnit XML report");
        assertThat(failure(CUCUMBERJSON, "malformed/blank.json").getMessage())
                .isEqualTo("malformed/blank.json: not a Cucumber JSON report: the file holds no JSON value");
    }

    @Test
    void jsonOfTheWrongShape() {
        assertThat(failure(CUCUMBERJSON, "malformed/features.json").getMessage())
                .isEqualTo("malformed/features.json: not a Cucumber JSON report: the top level is an object, not an"
                        + " array of features");
        assertThat(failure(CUCUMBERJSON, "malformed/bad-cucumber-step.json").getMessage())
                .isEqualTo("malformed/bad-cucumber-step.json: not a Cucumber JSON report: feature 1 element 1 has"
                        + " \"steps\" holding a string, not an array");
        assertThat(failure(CUCUMBERJSON, "simplecov/legacy/.resultset.json").getMessage())
                .contains("the top level is an object");
        assertThat(failure(SIMPLECOV, "cucumberjson/cucumber-js.json").getMessage())
                .contains("the top level is an array, not an object");
    }

    @Test
    void truncatedJsonSaysWhere() throws Exception {
        Path file = temp.resolve("cucumber.json");
        Files.writeString(file, "[\n  {\"name\": \"Login\",\n   \"elements\": [");
        assertThatThrownBy(() -> ReportParsers.parse(CUCUMBERJSON, file, "cucumber.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("cucumber.json: JSON error at line 3, column ")
                .hasMessageContaining("end-of-input");
        Files.writeString(file, "<html></html>");
        assertThatThrownBy(() -> ReportParsers.parse(CUCUMBERJSON, file, "cucumber.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("cucumber.json: JSON error at line 1, column ");
    }

    @Test
    void missingFileAndDirectory() throws Exception {
        assertThatThrownBy(() -> ReportParsers.parse(JUNITXML, temp.resolve("nope.xml"), "nope.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("nope.xml: cannot be read: java.nio.file.NoSuchFileException");
        assertThatThrownBy(() -> ReportParsers.parse(JUNITXML, temp, "reports"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage("reports: is a directory, not a report file");
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        for (String sample : new String[] {"malformed/xxe.xml", "malformed/xxe-attribute.xml"}) {
            MalformedReportException e = failure(JUNITXML, sample);
            assertThat(e.getMessage())
                    .doesNotContain("root:")
                    .contains("XML error at line ")
                    .contains("xxe");
        }
        // A parameter entity in the DTD is not even expanded: the report reads as if it had no DTD.
        TestTotals totals = Samples.tests(JUNITXML, "malformed/xxe-parameter.xml");
        assertThat(totals.failingTests()).containsExactly("com.acme.EvilTest.leaks");
        // An external DTD is not fetched either.
        assertThat(Samples.coverage(JACOCOXML, "malformed/xxe-dtd.xml")).isEqualTo(new CoverageTotals(3, 4, 0, 0));
    }

    @Test
    void binaryGarbage() throws Exception {
        Path file = temp.resolve("TEST-binary.xml");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d});
        assertThatThrownBy(() -> ReportParsers.parse(JUNITXML, file, "TEST-binary.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("TEST-binary.xml: XML error");
        assertThatThrownBy(() -> ReportParsers.parse(SIMPLECOV, file, "TEST-binary.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("TEST-binary.xml: JSON error");
    }

    @Test
    void absurdNesting() throws Exception {
        Path xml = temp.resolve("deep.xml");
        Files.writeString(xml, "<testsuites>" + "<testsuite>".repeat(5_000));
        assertThatThrownBy(() -> ReportParsers.parse(JUNITXML, xml, "deep.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessage("deep.xml: XML error at line 1: elements nested deeper than 1000 levels");
        Path json = temp.resolve("deep.json");
        Files.writeString(json, "[".repeat(100_000) + "]".repeat(100_000));
        assertThatThrownBy(() -> ReportParsers.parse(CUCUMBERJSON, json, "deep.json"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("deep.json: JSON error");
    }
}
