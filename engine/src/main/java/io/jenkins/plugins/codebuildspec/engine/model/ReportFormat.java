package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The report {@code file-format} values CodeBuild knows, test and coverage. */
public enum ReportFormat {
    CUCUMBERJSON(Kind.TEST),
    JUNITXML(Kind.TEST),
    NUNITXML(Kind.TEST),
    NUNIT3XML(Kind.TEST),
    TESTNGXML(Kind.TEST),
    VISUALSTUDIOTRX(Kind.TEST),
    CLOVERXML(Kind.COVERAGE),
    COBERTURAXML(Kind.COVERAGE),
    JACOCOXML(Kind.COVERAGE),
    SIMPLECOV(Kind.COVERAGE);

    /** Whether a format holds test results or code coverage. */
    public enum Kind {
        TEST,
        COVERAGE
    }

    private final Kind kind;

    ReportFormat(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** CodeBuild ignores case in {@code file-format}. */
    public static Optional<ReportFormat> fromValue(String value) {
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
