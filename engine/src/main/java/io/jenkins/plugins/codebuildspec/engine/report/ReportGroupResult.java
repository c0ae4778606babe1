package io.jenkins.plugins.codebuildspec.engine.report;

import java.io.Serializable;
import java.util.List;

/**
 * One report group's totals: for test formats the counts, duration and failing test names; for
 * coverage formats lines and branches covered. {@code files} lists the report files read, relative to
 * the source directory, and {@code warnings} the ones that could not be read.
 */
public record ReportGroupResult(
        String name,
        String format,
        String kind,
        List<String> files,
        int tests,
        int failures,
        int errors,
        int skipped,
        long durationMillis,
        List<String> failingTests,
        long linesCovered,
        long linesTotal,
        long branchesCovered,
        long branchesTotal,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReportGroupResult {
        files = List.copyOf(files);
        failingTests = List.copyOf(failingTests);
        warnings = List.copyOf(warnings);
    }

    /** This result as shown to users: names, files and warnings passed through {@code mask}. */
    public ReportGroupResult masked(java.util.function.UnaryOperator<String> mask) {
        return new ReportGroupResult(
                mask.apply(name),
                format,
                kind,
                files.stream().map(mask).toList(),
                tests,
                failures,
                errors,
                skipped,
                durationMillis,
                failingTests.stream().map(mask).toList(),
                linesCovered,
                linesTotal,
                branchesCovered,
                branchesTotal,
                warnings.stream().map(mask).toList());
    }

    public boolean isCoverage() {
        return "COVERAGE".equals(kind);
    }

    public int passed() {
        return tests - failures - errors - skipped;
    }

    public double lineCoveragePercent() {
        return linesTotal == 0 ? 0 : 100.0 * linesCovered / linesTotal;
    }

    public double branchCoveragePercent() {
        return branchesTotal == 0 ? 0 : 100.0 * branchesCovered / branchesTotal;
    }

    /** One line for logs and summaries. */
    public String summary() {
        if (isCoverage()) {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s: line coverage %.1f%% (%d/%d)%s",
                    name,
                    lineCoveragePercent(),
                    linesCovered,
                    linesTotal,
                    branchesTotal == 0
                            ? ""
                            : String.format(
                                    java.util.Locale.ROOT,
                                    ", branch coverage %.1f%% (%d/%d)",
                                    branchCoveragePercent(),
                                    branchesCovered,
                                    branchesTotal));
        }
        return String.format(
                java.util.Locale.ROOT,
                "%s: %d tests, %d passed, %d failed, %d errors, %d skipped in %.2f s",
                name,
                tests,
                passed(),
                failures,
                errors,
                skipped,
                durationMillis / 1000.0);
    }
}
