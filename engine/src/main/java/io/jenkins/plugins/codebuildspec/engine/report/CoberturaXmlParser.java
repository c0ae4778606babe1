package io.jenkins.plugins.codebuildspec.engine.report;

import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cobertura XML (Cobertura, coverage.py, Istanbul, gcovr, coverlet) read into line and branch totals. */
final class CoberturaXmlParser {
    /*
     * The root's lines-covered/lines-valid/branches-* attributes are the writer's own totals; writers that
     * give only rates (Cobertura 1.x) get their totals counted from the <line> elements instead.
     */

    /** {@code condition-coverage="50% (1/2)"}: covered and total branches of the line. */
    private static final Pattern CONDITIONS = Pattern.compile("\\((\\d{1,9})\\s*/\\s*(\\d{1,9})\\)");

    private CoberturaXmlParser() {}

    static CoverageTotals parse(ReportFile file) throws MalformedReportException {
        try (XmlCursor xml = XmlCursor.open(file, Set.of("coverage"))) {
            OptionalLong linesCovered = Numbers.count(xml.attr("lines-covered"));
            OptionalLong linesValid = Numbers.count(xml.attr("lines-valid"));
            OptionalLong branchesCovered = Numbers.count(xml.attr("branches-covered"));
            OptionalLong branchesValid = Numbers.count(xml.attr("branches-valid"));
            long countedLines = 0;
            long countedCovered = 0;
            long countedBranches = 0;
            long countedBranchesCovered = 0;
            while (xml.next()) {
                if (!xml.isStart()) {
                    continue;
                }
                String element = xml.name();
                if (element.equals("project") && xml.depth() == 2) {
                    throw file.notA("<coverage> holds a <project>, as Clover XML does (file-format: CLOVERXML)");
                }
                // Cobertura lists a line twice, under its <method> and under its <class>: only the class's
                // list counts, or every line in a method would count double.
                if (element.equals("line") && xml.parent().equals("lines") && !xml.inside("method")) {
                    countedLines++;
                    if (Numbers.hits(xml.attr("hits")) > 0) {
                        countedCovered++;
                    }
                    if ("true".equalsIgnoreCase(xml.attr("branch", "").strip())) {
                        Matcher m = CONDITIONS.matcher(xml.attr("condition-coverage", ""));
                        if (m.find()) {
                            long covered = Long.parseLong(m.group(1));
                            long total = Long.parseLong(m.group(2));
                            if (covered <= total) {
                                countedBranches += total;
                                countedBranchesCovered += covered;
                            }
                        }
                    }
                }
            }
            // The attributes are the writer's own totals and are preferred; the counted lines serve when they
            // are missing, each pair on its own (some writers give lines but no branch counts).
            boolean lineCounts = linesCovered.isPresent() && linesValid.isPresent();
            boolean branchCounts = branchesCovered.isPresent() && branchesValid.isPresent();
            return file.coverage(
                    lineCounts ? linesCovered.getAsLong() : countedCovered,
                    lineCounts ? linesValid.getAsLong() : countedLines,
                    branchCounts ? branchesCovered.getAsLong() : countedBranchesCovered,
                    branchCounts ? branchesValid.getAsLong() : countedBranches);
        }
    }
}
