package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.util.Locale;
import java.util.Set;

/** NUnit 3 {@code TestResult.xml}: {@code <test-case>} results under {@code <test-run>}, refined by labels. */
final class Nunit3XmlParser {
    private Nunit3XmlParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        TestTally tally = new TestTally();
        try (XmlCursor xml = XmlCursor.open(file, Set.of("test-run"))) {
            while (xml.next()) {
                if (xml.isStart() && xml.name().equals("test-case")) {
                    String fullName = xml.attr("fullname");
                    String name = fullName != null && !fullName.isBlank()
                            ? fullName
                            : JunitXmlParser.testName(xml.attr("classname"), xml.attr("name", ""), "");
                    tally.add(
                            outcome(xml.attr("result", ""), xml.attr("label", "")),
                            Numbers.seconds(xml.attr("duration")),
                            () -> name);
                }
            }
        }
        return tally.totals();
    }

    static Outcome outcome(String result, String label) {
        return switch (result.strip().toLowerCase(Locale.ROOT)) {
                // A warning (Assert.Warn, Assert.Pass with a message) is not a failure in NUnit's own summary.
            case "passed", "warning" -> Outcome.PASSED;
            case "failed" -> switch (label.strip().toLowerCase(Locale.ROOT)) {
                    // An exception (Error), a test NUnit could not run (Invalid, a bad signature or an
                    // unresolvable TestCaseSource) or a stopped run (Cancelled): no verdict of the code under test.
                case "error", "invalid", "cancelled" -> Outcome.ERROR;
                default -> Outcome.FAILED;
            };
            default -> Outcome.SKIPPED;
        };
    }
}
