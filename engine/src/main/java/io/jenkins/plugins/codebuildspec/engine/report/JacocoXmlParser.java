package io.jenkins.plugins.codebuildspec.engine.report;

import java.util.Set;

/** JaCoCo XML: the LINE and BRANCH counters of {@code <report>}, which total everything below it. */
final class JacocoXmlParser {
    private JacocoXmlParser() {}

    static CoverageTotals parse(ReportFile file) throws MalformedReportException {
        // JaCoCo writes <!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">; with DTD
        // support off the parser skips it and never looks for report.dtd.
        long linesCovered = 0;
        long linesMissed = 0;
        long branchesCovered = 0;
        long branchesMissed = 0;
        try (XmlCursor xml = XmlCursor.open(file, Set.of("report"))) {
            while (xml.next()) {
                if (xml.isStart() && xml.depth() == 2 && xml.name().equals("counter")) {
                    String type = xml.attr("type", "").strip();
                    long missed = Numbers.count(xml.attr("missed")).orElse(0);
                    long covered = Numbers.count(xml.attr("covered")).orElse(0);
                    if (type.equals("LINE")) {
                        linesCovered = covered;
                        linesMissed = missed;
                    } else if (type.equals("BRANCH")) {
                        branchesCovered = covered;
                        branchesMissed = missed;
                    }
                }
            }
        }
        // A report of code without any line (an empty project) has no counters at all: 0 of 0.
        return file.coverage(
                linesCovered,
                saturatedSum(linesCovered, linesMissed),
                branchesCovered,
                saturatedSum(branchesCovered, branchesMissed));
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
