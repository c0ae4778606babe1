package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.util.Locale;
import java.util.Set;

/** TestNG's {@code testng-results.xml}: the {@code <test-method>} elements that are tests. */
final class TestNgXmlParser {
    private TestNgXmlParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        TestTally tally = new TestTally();
        try (XmlCursor xml = XmlCursor.open(file, Set.of("testng-results"))) {
            String className = "";
            while (xml.next()) {
                if (!xml.isStart()) {
                    continue;
                }
                switch (xml.name()) {
                    case "class" -> className = xml.attr("name", "");
                    case "test-method" -> {
                        // @Before/@After methods are configuration, not tests; a failing one makes its tests
                        // SKIP, which is how they are counted. An attempt a retry analyzer repeated is
                        // reported as a retried SKIP next to the final attempt, which alone counts.
                        if (isTrue(xml.attr("is-config")) || isTrue(xml.attr("retried"))) {
                            continue;
                        }
                        String method = xml.attr("name", "");
                        String owner = className;
                        tally.add(
                                outcome(xml.attr("status", "")),
                                Numbers.millis(xml.attr("duration-ms")),
                                () -> owner.isEmpty() ? method : owner + "." + method);
                    }
                    default -> {}
                }
            }
        }
        return tally.totals();
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    private static Outcome outcome(String status) {
        return switch (status.strip().toUpperCase(Locale.ROOT)) {
            case "PASS" -> Outcome.PASSED;
                // TestNG knows no errors apart from failures: every exception is a failure.
            case "FAIL" -> Outcome.FAILED;
                // SUCCESS_PERCENTAGE_FAILURE: failed some invocations but within the allowed percentage.
            case "SUCCESS_PERCENTAGE_FAILURE" -> Outcome.PASSED;
            default -> Outcome.SKIPPED;
        };
    }
}
