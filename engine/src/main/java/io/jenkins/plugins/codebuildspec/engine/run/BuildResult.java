package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build gave: its status, every phase (NOT_RUN ones included, in CodeBuild's order), the
 * exported variables, the artifacts stored, the report groups read and, when the caller kept one, the
 * log file. Secret values
 * never appear here.
 */
public record BuildResult(
        String buildId,
        int buildNumber,
        BuildStatus status,
        Instant start,
        Instant end,
        int attempts,
        List<PhaseResult> phases,
        Map<String, String> exportedVariables,
        List<ArtifactResult> artifacts,
        List<ReportGroupResult> reports,
        List<CommandRun> commands,
        Optional<String> logPath) {
    public BuildResult {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        phases = List.copyOf(phases);
        exportedVariables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exportedVariables));
        artifacts = List.copyOf(artifacts);
        reports = List.copyOf(reports);
        commands = List.copyOf(commands);
        Objects.requireNonNull(logPath, "logPath");
    }

    public boolean succeeded() {
        return status == BuildStatus.SUCCEEDED;
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public Optional<PhaseResult> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The first phase that did not succeed and ran, which is what a user wants to read first. */
    public Optional<PhaseResult> firstFailure() {
        return phases.stream()
                .filter(p -> p.status() != PhaseStatus.SUCCEEDED && p.status() != PhaseStatus.NOT_RUN)
                .findFirst();
    }

    public BuildResult withLogPath(String path) {
        return new BuildResult(
                buildId,
                buildNumber,
                status,
                start,
                end,
                attempts,
                phases,
                exportedVariables,
                artifacts,
                reports,
                commands,
                Optional.of(path));
    }
}
