package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Position;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a buildspec: where it is, how bad it is, the key path it concerns (such as
 * {@code phases.build.commands[2]}, empty for the whole file) and a message saying what was found and
 * what is allowed.
 */
public record Finding(String file, Position position, Severity severity, String keyPath, String message) {
    /** File order: by line, then column. */
    public static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(
                    (Finding f) -> f.position().line())
            .thenComparingInt(f -> f.position().column());

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE:COL: severity: message}, the form compilers use and editors link. */
    public String format() {
        Position at = position.isKnown() ? position : new Position(1, 1);
        return file + ":" + at.line() + ":" + at.column() + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
