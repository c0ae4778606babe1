package io.jenkins.plugins.codebuildspec.engine.report;

import java.util.Set;

/** Clover XML (OpenClover, PHPUnit, Istanbul): the project's statements as lines, conditionals as branches. */
final class CloverXmlParser {
    private CloverXmlParser() {}

    static CoverageTotals parse(ReportFile file) throws MalformedReportException {
        CoverageTotals totals = null;
        try (XmlCursor xml = XmlCursor.open(file, Set.of("coverage"))) {
            if (xml.attr("lines-valid") != null || xml.attr("line-rate") != null) {
                throw file.notA(
                        "the <coverage> root has Cobertura's line-rate attributes" + " (file-format: COBERTURAXML)");
            }
            while (xml.next()) {
                // OpenClover writes the project's metrics first, PHPUnit last (after its files); either way
                // they are the <metrics> directly inside <project>. <testproject> (test code) is not counted.
                // The rest is still read: a file cut short after the metrics is as broken as any other.
                if (totals == null
                        && xml.isStart()
                        && xml.name().equals("metrics")
                        && xml.parent().equals("project")
                        && xml.depth() == 3) {
                    totals = file.coverage(
                            Numbers.count(xml.attr("coveredstatements")).orElse(0),
                            Numbers.count(xml.attr("statements")).orElse(0),
                            Numbers.count(xml.attr("coveredconditionals")).orElse(0),
                            Numbers.count(xml.attr("conditionals")).orElse(0));
                }
            }
        }
        if (totals == null) {
            throw file.notA("it has no <coverage><project><metrics> element with the project's totals");
        }
        return totals;
    }
}
