package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One phase: its commands, the {@code finally} block that runs after them, and how a failure is
 * handled. {@code runtimeVersions} is only ever non-empty for INSTALL.
 */
public record Phase(
        PhaseName name,
        Position position,
        Optional<Text> runAs,
        OnFailure onFailure,
        Map<String, Text> runtimeVersions,
        List<Text> commands,
        List<Text> finallyCommands) {
    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(runAs, "runAs");
        Objects.requireNonNull(onFailure, "onFailure");
        runtimeVersions = Collections2.copyOf(runtimeVersions);
        commands = List.copyOf(commands);
        finallyCommands = List.copyOf(finallyCommands);
    }
}
