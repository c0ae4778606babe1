package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Position;

/** Thrown inside the parser to stop reading at once when a limit is passed; becomes one error. */
final class LimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Position position;

    LimitExceededException(String message, Position position) {
        super(message, null, false, false);
        this.position = position;
    }

    Position position() {
        return position;
    }
}
