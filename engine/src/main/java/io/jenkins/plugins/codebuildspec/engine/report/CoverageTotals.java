package io.jenkins.plugins.codebuildspec.engine.report;

/** Covered and coverable lines and branches (0 of 0 where a format has none) of coverage reports. */
public record CoverageTotals(long linesCovered, long linesTotal, long branchesCovered, long branchesTotal) {
    /*
     * linesCovered/linesTotal: lines (Clover: statements) run at least once / that could run.
     * branchesCovered/branchesTotal: branches taken / that could be taken; 0/0 when the format has none.
     */

    public static final CoverageTotals EMPTY = new CoverageTotals(0, 0, 0, 0);

    public CoverageTotals {
        if (linesCovered < 0 || branchesCovered < 0 || linesCovered > linesTotal || branchesCovered > branchesTotal) {
            throw new IllegalArgumentException("inconsistent coverage " + linesCovered + "/" + linesTotal + " lines, "
                    + branchesCovered + "/" + branchesTotal + " branches");
        }
    }

    /** Covered lines in percent, 0 to 100; 0 when there is no line to cover. */
    public double lineCoveragePercent() {
        return percent(linesCovered, linesTotal);
    }

    /** Covered branches in percent, 0 to 100; 0 when there is no branch to cover. */
    public double branchCoveragePercent() {
        return percent(branchesCovered, branchesTotal);
    }

    /** Both reports together; they are assumed to cover different code, as CodeBuild's sums assume. */
    public CoverageTotals plus(CoverageTotals other) {
        return new CoverageTotals(
                Math.addExact(linesCovered, other.linesCovered),
                Math.addExact(linesTotal, other.linesTotal),
                Math.addExact(branchesCovered, other.branchesCovered),
                Math.addExact(branchesTotal, other.branchesTotal));
    }

    private static double percent(long covered, long total) {
        return total == 0 ? 0.0 : 100.0 * covered / total;
    }
}
