package io.jenkins.plugins.codebuildspec.engine.report;

import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A report file being parsed: where it is, the name messages use for it, and the format it should have. */
record ReportFile(Path path, String name, ReportFormat format) {
    /** The message for a file that is not what its format says, such as "not a JUnit XML report: ...". */
    MalformedReportException notA(String problem) {
        return problem("not a " + title(format) + " report: " + problem);
    }

    MalformedReportException problem(String problem) {
        return new MalformedReportException(name, problem);
    }

    /**
     * The file's bytes, buffered; an unreadable or empty file is reported as such rather than as a parse error
     * at line 1, which would send the user looking for a syntax problem.
     */
    InputStream open() throws MalformedReportException {
        try {
            if (Files.isDirectory(path)) {
                throw problem("is a directory, not a report file");
            }
            if (Files.size(path) == 0) {
                throw problem("the file is empty, not a " + title(format) + " report");
            }
            return new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        } catch (IOException e) {
            throw new MalformedReportException(name, "cannot be read: " + e, e);
        }
    }

    /** Coverage counts checked for sense: a report claiming more covered than coverable lines is broken. */
    CoverageTotals coverage(long linesCovered, long linesTotal, long branchesCovered, long branchesTotal)
            throws MalformedReportException {
        if (linesCovered < 0 || linesTotal < 0 || linesCovered > linesTotal) {
            throw problem("impossible line counts: " + linesCovered + " of " + linesTotal + " lines covered");
        }
        if (branchesCovered < 0 || branchesTotal < 0 || branchesCovered > branchesTotal) {
            throw problem(
                    "impossible branch counts: " + branchesCovered + " of " + branchesTotal + " branches covered");
        }
        return new CoverageTotals(linesCovered, linesTotal, branchesCovered, branchesTotal);
    }

    /** How messages name a format, after the tools' own names. */
    static String title(ReportFormat format) {
        return switch (format) {
            case CUCUMBERJSON -> "Cucumber JSON";
            case JUNITXML -> "JUnit XML";
            case NUNITXML -> "NUnit 2 XML";
            case NUNIT3XML -> "NUnit 3 XML";
            case TESTNGXML -> "TestNG XML";
            case VISUALSTUDIOTRX -> "Visual Studio TRX";
            case CLOVERXML -> "Clover XML";
            case COBERTURAXML -> "Cobertura XML";
            case JACOCOXML -> "JaCoCo XML";
            case SIMPLECOV -> "SimpleCov JSON";
        };
    }
}
