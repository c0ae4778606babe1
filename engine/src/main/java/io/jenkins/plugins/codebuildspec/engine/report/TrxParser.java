package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.report.TestTally.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Visual Studio TRX ({@code dotnet test --logger trx}, vstest, mstest) test results. */
final class TrxParser {
    /*
     * The tests are the results directly under <Results>; a result's testId leads to its class under
     * <TestDefinitions>.
     */

    /** A .NET TimeSpan as TRX writes it: {@code [d.]hh:mm:ss[.fffffff]}. */
    private static final Pattern TIME_SPAN =
            Pattern.compile("(?:(\\d{1,7})\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");

    /** A failing result whose class was not known yet when its name was recorded. */
    private record Pending(int index, String testName) {}

    private TrxParser() {}

    static TestTotals parse(ReportFile file) throws MalformedReportException {
        TestTally tally = new TestTally();
        // vstest writes <Results> before <TestDefinitions>: failing names wait for their class. Writers
        // that put the definitions first fill the map of all classes instead.
        Map<String, String> classById = new HashMap<>();
        Map<String, List<Pending>> pending = new HashMap<>();
        boolean resultsSeen = false;
        String unitTestId = null;
        try (XmlCursor xml = XmlCursor.open(file, Set.of("TestRun"))) {
            while (xml.next()) {
                if (!xml.isStart()) {
                    continue;
                }
                String element = xml.name();
                if (xml.depth() == 2 && element.equals("Results")) {
                    resultsSeen = true;
                } else if (xml.depth() == 3 && xml.parent().equals("Results")) {
                    // Only direct children: the rows of a data-driven MSTest nest in the InnerResults of
                    // the result that already counts them as one test.
                    String testName = xml.attr("testName", "");
                    String testId = xml.attr("testId", "");
                    int index = tally.failingNameCount();
                    tally.add(
                            outcome(xml.attr("outcome", "")),
                            timeSpan(xml.attr("duration")),
                            () -> qualified(testName, classById.get(testId)));
                    if (tally.failingNameCount() > index && !classById.containsKey(testId)) {
                        pending.computeIfAbsent(testId, id -> new ArrayList<>()).add(new Pending(index, testName));
                    }
                } else if (element.equals("UnitTest") && xml.parent().equals("TestDefinitions")) {
                    unitTestId = xml.attr("id", "");
                } else if (element.equals("TestMethod") && xml.parent().equals("UnitTest") && unitTestId != null) {
                    String className = xml.attr("className", "");
                    if (!resultsSeen) {
                        classById.put(unitTestId, className);
                    } else {
                        for (Pending p : pending.getOrDefault(unitTestId, List.of())) {
                            tally.renameFailing(p.index(), qualified(p.testName(), className));
                        }
                        pending.remove(unitTestId);
                    }
                }
            }
        }
        return tally.totals();
    }

    static Outcome outcome(String outcome) {
        return switch (outcome.strip().toLowerCase(Locale.ROOT)) {
            case "passed", "passedbutrunaborted", "completed", "warning" -> Outcome.PASSED;
            case "failed" -> Outcome.FAILED;
            case "error", "timeout", "aborted", "notrunnable", "disconnected" -> Outcome.ERROR;
            default -> Outcome.SKIPPED; // NotExecuted, Inconclusive, Pending, InProgress
        };
    }

    /**
     * {@code Class.test}: xUnit's testName is already qualified, MSTest's and NUnit's are the bare method.
     * Old mstest writes the class as an assembly-qualified type name ({@code Acme.CalcTests, Acme.Tests,
     * Version=...}), whose assembly part is dropped.
     */
    static String qualified(String testName, String className) {
        if (className == null || className.isBlank()) {
            return testName;
        }
        int comma = className.indexOf(',');
        String type = (comma >= 0 ? className.substring(0, comma) : className).strip();
        if (testName.isEmpty()) {
            return type;
        }
        return testName.startsWith(type + ".") ? testName : type + "." + testName;
    }

    /** A TRX duration such as {@code 00:00:01.2345678}; zero when absent or unreadable. */
    static Duration timeSpan(String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        Matcher m = TIME_SPAN.matcher(text.strip());
        if (!m.matches()) {
            return Duration.ZERO;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        String fraction = m.group(5) == null ? "" : m.group(5);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return Duration.ofDays(days)
                .plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)))
                .plusNanos(nanos);
    }
}
