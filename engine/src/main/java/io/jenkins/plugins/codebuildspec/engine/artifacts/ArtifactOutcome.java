package io.jenkins.plugins.codebuildspec.engine.artifacts;

import java.io.Serializable;
import java.util.List;

/**
 * What packaging gave: the artifacts stored, the log lines to show, and when it failed, CodeBuild's
 * context code and message (empty strings when it did not).
 */
public record ArtifactOutcome(List<ArtifactResult> artifacts, List<String> messages, String failureCode, String failure)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ArtifactOutcome {
        artifacts = List.copyOf(artifacts);
        messages = List.copyOf(messages);
    }

    public boolean failed() {
        return !failure.isEmpty();
    }
}
