package io.jenkins.plugins.codebuildspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples cut short, corrupted and read as other formats give a {@link MalformedReportException} or totals. */
class ReportFuzzTest {
    private static final Map<String, ReportFormat> SAMPLES = Map.ofEntries(
            Map.entry("junitxml/surefire/TEST-com.acme.CalcTest.xml", ReportFormat.JUNITXML),
            Map.entry("junitxml/pytest/junit.xml", ReportFormat.JUNITXML),
            Map.entry("junitxml/jest/junit.xml", ReportFormat.JUNITXML),
            Map.entry("junitxml/phpunit/junit.xml", ReportFormat.JUNITXML),
            Map.entry("junitxml/locale/TEST-com.acme.LocaleTest.xml", ReportFormat.JUNITXML),
            Map.entry("testngxml/testng-results.xml", ReportFormat.TESTNGXML),
            Map.entry("nunitxml/TestResult.xml", ReportFormat.NUNITXML),
            Map.entry("nunit3xml/TestResult.xml", ReportFormat.NUNIT3XML),
            Map.entry("visualstudiotrx/acme-tests.trx", ReportFormat.VISUALSTUDIOTRX),
            Map.entry("cucumberjson/cucumber-js.json", ReportFormat.CUCUMBERJSON),
            Map.entry("cucumberjson/cucumber-jvm.json", ReportFormat.CUCUMBERJSON),
            Map.entry("coberturaxml/coverage-py/coverage.xml", ReportFormat.COBERTURAXML),
            Map.entry("coberturaxml/cobertura-1.9/coverage.xml", ReportFormat.COBERTURAXML),
            Map.entry("jacocoxml/jacoco.xml", ReportFormat.JACOCOXML),
            Map.entry("cloverxml/phpunit/clover.xml", ReportFormat.CLOVERXML),
            Map.entry("cloverxml/openclover/clover.xml", ReportFormat.CLOVERXML),
            Map.entry("simplecov/resultset/.resultset.json", ReportFormat.SIMPLECOV),
            Map.entry("simplecov/legacy/.resultset.json", ReportFormat.SIMPLECOV),
            Map.entry("simplecov/json-formatter/coverage.json", ReportFormat.SIMPLECOV),
            Map.entry("simplecov/simplecov-json/coverage.json", ReportFormat.SIMPLECOV));

    @TempDir
    Path temp;

    /** Parses and checks that nothing but success or a malformed-report exception naming the file comes out. */
    private static void parseSafely(ReportFormat format, Path file, String what) {
        Throwable thrown = catchThrowable(() -> ReportParsers.parse(format, file, "fuzzed"));
        if (thrown != null) {
            assertThat(thrown).as(what).isInstanceOf(MalformedReportException.class);
            assertThat(thrown.getMessage()).as(what).startsWith("fuzzed: ");
        }
    }

    @Test
    void everySampleParsesUnderItsOwnFormat() throws Exception {
        for (Map.Entry<String, ReportFormat> sample : SAMPLES.entrySet()) {
            ParsedReport report = ReportParsers.parse(sample.getValue(), Samples.path(sample.getKey()));
            assertThat(report.format()).isEqualTo(sample.getValue());
        }
    }

    @Test
    void truncatedSamplesFailCleanly() throws Exception {
        Path file = temp.resolve("cut");
        for (Map.Entry<String, ReportFormat> sample : SAMPLES.entrySet()) {
            byte[] full = Files.readAllBytes(Samples.path(sample.getKey()));
            int step = Math.max(1, full.length / 60);
            for (int length = 0; length < full.length; length += step) {
                Files.write(file, Arrays.copyOf(full, length));
                String what = sample.getKey() + " cut at " + length;
                parseSafely(sample.getValue(), file, what);
                if (length < full.length / 2) {
                    // Half a report never has its closing brackets or end tags.
                    assertThat(catchThrowable(() -> ReportParsers.parse(sample.getValue(), file)))
                            .as(what)
                            .isInstanceOf(MalformedReportException.class);
                }
            }
        }
    }

    @Test
    void corruptedSamplesFailCleanly() throws Exception {
        Random random = new Random(20240502);
        byte[] noise = "<>&;\"'[]{},:0-9.eE\u00ff\u0000/!?-".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = temp.resolve("corrupt");
        for (Map.Entry<String, ReportFormat> sample : SAMPLES.entrySet()) {
            byte[] full = Files.readAllBytes(Samples.path(sample.getKey()));
            for (int round = 0; round < 40; round++) {
                byte[] bytes = full.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    bytes[random.nextInt(bytes.length)] = noise[random.nextInt(noise.length)];
                }
                Files.write(file, bytes);
                parseSafely(sample.getValue(), file, sample.getKey() + " round " + round);
            }
        }
    }

    @Test
    void everySampleUnderEveryOtherFormatFailsCleanlyOrParses() {
        for (Map.Entry<String, ReportFormat> sample : SAMPLES.entrySet()) {
            for (ReportFormat format : ReportFormat.values()) {
                parseSafely(format, Samples.path(sample.getKey()), sample.getKey() + " as " + format);
            }
        }
    }
}
