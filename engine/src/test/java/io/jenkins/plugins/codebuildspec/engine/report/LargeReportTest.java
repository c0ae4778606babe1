package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A JUnit file of 200,000 cases streams through without a document tree. */
class LargeReportTest {
    private static final int CASES = 200_000;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void twoHundredThousandTestcases() throws Exception {
        Path file = temp.resolve("TEST-huge.xml");
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
            for (int suite = 0; suite < CASES / 1000; suite++) {
                out.write("<testsuite name=\"com.acme.Generated" + suite + "Test\" tests=\"1000\">\n");
                for (int i = 0; i < 1000; i++) {
                    int n = suite * 1000 + i;
                    out.write("  <testcase classname=\"com.acme.Generated" + suite + "Test\" name=\"case" + n
                            + "\" time=\"0.001\"");
                    if (i == 0) {
                        out.write("><failure message=\"boom\">stack trace of case " + n + "</failure></testcase>\n");
                    } else if (i == 1) {
                        out.write("><skipped/></testcase>\n");
                    } else {
                        out.write("/>\n");
                    }
                }
                out.write("</testsuite>\n");
            }
            out.write("</testsuites>\n");
        }
        long start = System.nanoTime();
        TestTotals totals = ((TestReport) ReportParsers.parse(ReportFormat.JUNITXML, file)).totals();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(totals.tests()).isEqualTo(CASES);
        assertThat(totals.failures()).isEqualTo(200);
        assertThat(totals.skipped()).isEqualTo(200);
        assertThat(totals.errors()).isZero();
        assertThat(totals.duration()).isEqualTo(Duration.ofSeconds(200));
        assertThat(totals.failingTestCount()).isEqualTo(200);
        assertThat(totals.failingTests())
                .hasSize(TestTotals.MAX_FAILING_NAMES)
                .startsWith("com.acme.Generated0Test.case0", "com.acme.Generated1Test.case1000")
                .endsWith("com.acme.Generated99Test.case99000");
        assertThat(millis).as("parse time in ms").isLessThan(15_000);
    }
}
