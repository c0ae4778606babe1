package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** JUnit XML as Surefire, Gradle, pytest, jest-junit, PHPUnit and most other tools write it. */
final class JunitXmlParser {
    /*
     * Counted from the <testcase> elements, wherever suites nest them: the suites' own tests/failures
     * attributes are often missing, and stale after a tool merged or filtered files.
     */

    private JunitXmlParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        TestTally tally = new TestTally();
        // Names of the open <testsuite> elements: the fallback class of a case without a classname.
        List<String> suites = new ArrayList<>();
        try (XmlCursor xml = XmlCursor.open(file, Set.of("testsuites", "testsuite"))) {
            // The duration is what the cases add up to; suites also count fixtures. But pytest writes 0.000
            // for fast cases, with the time only on the suite: then the outermost suites' time is used.
            Duration suiteTime = Duration.ZERO;
            if (xml.name().equals("testsuite")) {
                suites.add(xml.attr("name", ""));
                suiteTime = Numbers.seconds(xml.attr("time"));
            }
            String className = null;
            String name = null;
            Duration time = Duration.ZERO;
            Outcome outcome = null; // null outside a <testcase>
            while (xml.next()) {
                String element = xml.name();
                if (xml.isStart()) {
                    switch (element) {
                        case "testsuite" -> {
                            if (suites.isEmpty()) {
                                suiteTime = suiteTime.plus(Numbers.seconds(xml.attr("time")));
                            }
                            suites.add(xml.attr("name", ""));
                        }
                        case "testcase" -> {
                            className = xml.attr("classname");
                            name = xml.attr("name", "");
                            time = Numbers.seconds(xml.attr("time"));
                            outcome = Outcome.PASSED;
                        }
                        default -> {
                            // Only direct children judge a case: Surefire's <flakyFailure> and <rerunFailure>
                            // sit beside a real verdict, and <system-out> text may contain anything.
                            if (outcome != null && xml.parent().equals("testcase")) {
                                outcome = outcome.worst(verdict(element));
                            }
                        }
                    }
                } else if (element.equals("testsuite") && !suites.isEmpty()) {
                    suites.remove(suites.size() - 1);
                } else if (element.equals("testcase") && outcome != null) {
                    String suite = suites.isEmpty() ? "" : suites.get(suites.size() - 1);
                    String c = className;
                    String n = name;
                    tally.add(outcome, time, () -> testName(c, n, suite));
                    outcome = null;
                }
            }
            TestTotals totals = tally.totals();
            if (totals.duration().isZero() && !suiteTime.isZero()) {
                return new TestTotals(
                        totals.tests(),
                        totals.failures(),
                        totals.errors(),
                        totals.skipped(),
                        suiteTime,
                        totals.failingTests());
            }
            return totals;
        }
    }

    private static Outcome verdict(String child) {
        return switch (child) {
            case "failure" -> Outcome.FAILED;
            case "error" -> Outcome.ERROR;
            case "skipped" -> Outcome.SKIPPED;
            default -> Outcome.PASSED;
        };
    }

    /**
     * {@code classname.name}, as Surefire and pytest name cases. jest-junit repeats the describe block in the
     * name (by default both are "{classname} {title}"), so a name that already starts with the class stands
     * alone; a case without a classname takes its suite's name.
     */
    static String testName(String className, String name, String suite) {
        String owner = className == null || className.isBlank() ? suite : className;
        if (owner.isBlank()) {
            return name;
        }
        if (name.isBlank()) {
            return owner;
        }
        if (name.equals(owner) || name.startsWith(owner + " ") || name.startsWith(owner + ".")) {
            return name;
        }
        return owner + "." + name;
    }
}
