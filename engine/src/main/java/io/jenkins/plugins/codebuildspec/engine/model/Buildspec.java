package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole parsed buildspec file. Phases are keyed and ordered by {@link PhaseName}; a phase the file
 * does not define is absent. {@code notRunnableHere} holds, each at its place, why this runner cannot
 * run a file that CodeBuild can (a Windows shell, GitHub Actions steps): validate only warns, and a
 * run refuses before anything runs.
 */
public record Buildspec(
        String source,
        BuildspecVersion version,
        Position position,
        Optional<Text> runAs,
        Env env,
        Optional<Proxy> proxy,
        Optional<Batch> batch,
        Map<PhaseName, Phase> phases,
        Map<String, ReportGroup> reports,
        Optional<Artifacts> artifacts,
        Optional<Cache> cache,
        List<Text> notRunnableHere) {
    public Buildspec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(runAs, "runAs");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(batch, "batch");
        phases = orderedPhases(phases);
        reports = Collections2.copyOf(reports);
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(cache, "cache");
        notRunnableHere = List.copyOf(notRunnableHere);
    }

    /** A buildspec that this runner can run. */
    public Buildspec(
            String source,
            BuildspecVersion version,
            Position position,
            Optional<Text> runAs,
            Env env,
            Optional<Proxy> proxy,
            Optional<Batch> batch,
            Map<PhaseName, Phase> phases,
            Map<String, ReportGroup> reports,
            Optional<Artifacts> artifacts,
            Optional<Cache> cache) {
        this(source, version, position, runAs, env, proxy, batch, phases, reports, artifacts, cache, List.of());
    }

    public Optional<Phase> phase(PhaseName name) {
        return Optional.ofNullable(phases.get(name));
    }

    /** Every command of every phase, in run order, {@code finally} blocks included. */
    public List<Text> allCommands() {
        return phases.values().stream()
                .flatMap(p -> java.util.stream.Stream.concat(p.commands().stream(), p.finallyCommands().stream()))
                .toList();
    }

    private static Map<PhaseName, Phase> orderedPhases(Map<PhaseName, Phase> phases) {
        var ordered = new java.util.EnumMap<PhaseName, Phase>(PhaseName.class);
        ordered.putAll(phases);
        return java.util.Collections.unmodifiableMap(ordered);
    }
}
