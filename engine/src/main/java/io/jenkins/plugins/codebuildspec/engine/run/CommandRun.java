package io.jenkins.plugins.codebuildspec.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One command as it ran: its phase, its text (masked), when, and its exit status (-1: it was stopped). */
public record CommandRun(int attempt, String phase, String command, Instant start, Instant end, int exitCode) {
    public CommandRun {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
