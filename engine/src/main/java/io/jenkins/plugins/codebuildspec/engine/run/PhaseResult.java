package io.jenkins.plugins.codebuildspec.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One phase of a build: its status, when it ran, and its context (CodeBuild's status code and message,
 * such as {@code COMMAND_EXECUTION_ERROR} / {@code Error while executing command: make. Reason: exit
 * status 2}), present when it did not succeed.
 */
public record PhaseResult(
        String name,
        PhaseStatus status,
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<String> contextCode,
        Optional<String> contextMessage) {
    public PhaseResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(contextCode, "contextCode");
        Objects.requireNonNull(contextMessage, "contextMessage");
    }

    static PhaseResult notRun(String name) {
        return new PhaseResult(
                name, PhaseStatus.NOT_RUN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Duration duration() {
        return start.isPresent() && end.isPresent() ? Duration.between(start.get(), end.get()) : Duration.ZERO;
    }
}
