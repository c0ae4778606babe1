package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.util.Locale;
import java.util.Set;

/** NUnit 2.x {@code TestResult.xml}: the {@code <test-case>} elements under {@code <test-results>}. */
final class Nunit2XmlParser {
    private Nunit2XmlParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        TestTally tally = new TestTally();
        try (XmlCursor xml = XmlCursor.open(file, Set.of("test-results"))) {
            while (xml.next()) {
                if (xml.isStart() && xml.name().equals("test-case")) {
                    // NUnit 2 names a case by its full name (Namespace.Fixture.Method) already.
                    String name = xml.attr("name", "");
                    tally.add(
                            outcome(xml.attr("result"), xml.attr("executed"), xml.attr("success")),
                            Numbers.seconds(xml.attr("time")),
                            () -> name);
                }
            }
        }
        return tally.totals();
    }

    /**
     * The case's outcome. {@code result} says most; files of NUnit 2.0-2.4 lack it and only say
     * {@code executed} and {@code success}.
     */
    static Outcome outcome(String result, String executed, String success) {
        if (result != null) {
            return switch (result.strip().toLowerCase(Locale.ROOT)) {
                case "success" -> Outcome.PASSED;
                case "failure" -> Outcome.FAILED;
                    // NotRunnable is a test NUnit could not even start, a bad signature say: an error of the
                    // test code, which NUnit 2 counts under "invalid" rather than under "skipped".
                case "error", "notrunnable", "cancelled" -> Outcome.ERROR;
                case "ignored", "skipped", "inconclusive" -> Outcome.SKIPPED;
                default -> fromFlags(executed, success);
            };
        }
        return fromFlags(executed, success);
    }

    private static Outcome fromFlags(String executed, String success) {
        if (!"true".equalsIgnoreCase(strip(executed))) {
            return Outcome.SKIPPED;
        }
        return "false".equalsIgnoreCase(strip(success)) ? Outcome.FAILED : Outcome.PASSED;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
