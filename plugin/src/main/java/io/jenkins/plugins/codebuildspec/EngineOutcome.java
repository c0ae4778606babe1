package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.ResultMap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the front ends need of a finished build; plain values, secrets already masked by the engine. */
record EngineOutcome(
        String status,
        String failure,
        Map<String, String> exportedVariables,
        List<ArtifactResult> artifacts,
        List<ReportGroupResult> reports,
        Map<String, Object> resultMap)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    static EngineOutcome of(BuildResult result) {
        String failure = result.firstFailure()
                .map(p -> " in phase " + p.name() + ": "
                        + p.contextMessage().orElse(p.status().name()))
                .orElse("");
        return new EngineOutcome(
                result.status().name(),
                failure,
                new LinkedHashMap<>(result.exportedVariables()),
                new ArrayList<>(result.artifacts()),
                new ArrayList<>(result.reports()),
                ResultMap.of(result));
    }
}
