package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import java.util.List;
import java.util.Optional;

/**
 * What parsing a file gave: the model when the file is valid (warnings allowed), and every finding in
 * file order.
 */
public record ParseResult(String file, Optional<Buildspec> buildspec, List<Finding> findings) {
    public ParseResult {
        findings = List.copyOf(findings);
        if (buildspec.isPresent() && findings.stream().anyMatch(Finding::isError)) {
            throw new IllegalArgumentException("a buildspec with errors has no model");
        }
    }

    public boolean isValid() {
        return buildspec.isPresent();
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    /**
     * The model, or an exception whose message lists every error.
     *
     * @throws InvalidBuildspecException when the file has errors
     */
    public Buildspec orThrow() {
        return buildspec.orElseThrow(() -> new InvalidBuildspecException(file, errors()));
    }
}
