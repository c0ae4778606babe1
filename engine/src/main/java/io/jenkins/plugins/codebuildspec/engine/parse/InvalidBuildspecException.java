package io.jenkins.plugins.codebuildspec.engine.parse;

import java.util.List;
import java.util.stream.Collectors;

/** A buildspec that CodeBuild would reject; the message lists each error with its position. */
public class InvalidBuildspecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> errors;

    public InvalidBuildspecException(String file, List<Finding> errors) {
        super(file + " is not a valid buildspec:\n"
                + errors.stream().map(Finding::format).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<Finding> errors() {
        return errors;
    }
}
