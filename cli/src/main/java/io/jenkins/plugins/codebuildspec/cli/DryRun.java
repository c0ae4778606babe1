package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.model.OnFailure;
import io.jenkins.plugins.codebuildspec.engine.model.Phase;
import io.jenkins.plugins.codebuildspec.engine.model.PhaseName;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code --dryrun}: the plan, with variable names but no secret values; nothing runs. */
final class DryRun {
    private final PrintWriter out;

    DryRun(PrintWriter out) {
        this.out = out;
    }

    void print(Buildspec spec, Path source) {
        out.printf(
                "Plan for %s (version %s, shell %s) in %s%n",
                spec.source(),
                spec.version(),
                spec.env().shell().map(Text::value).orElse("/bin/sh"),
                source);
        spec.env().variables().forEach((k, v) -> out.printf("  variable %s=%s%n", k, v.value()));
        spec.env()
                .parameterStore()
                .forEach((k, v) -> out.printf("  variable %s from parameter-store %s%n", k, v.value()));
        spec.env()
                .secretsManager()
                .forEach((k, v) -> out.printf("  variable %s from secrets-manager %s%n", k, v.secretId()));
        for (PhaseName name : PhaseName.values()) {
            Phase phase = spec.phase(name).orElse(null);
            if (phase == null) {
                out.printf("%s: nothing to run%n", name);
                continue;
            }
            out.printf(
                    "%s%s%s:%n",
                    name,
                    phase.onFailure().action() == OnFailure.Action.ABORT
                            ? ""
                            : " (on-failure " + phase.onFailure().action() + ")",
                    phase.runAs().map(u -> " (run-as " + u.value() + ")").orElse(""));
            phase.runtimeVersions().forEach((k, v) -> out.printf("  runtime-versions: %s %s%n", k, v.value()));
            commands(phase.commands(), "  ");
            if (!phase.finallyCommands().isEmpty()) {
                out.println("  finally:");
                commands(phase.finallyCommands(), "    ");
            }
        }
        spec.reports()
                .forEach((name, group) -> out.printf(
                        "Report group %s (%s): %s%s%n",
                        name,
                        group.fileFormat(),
                        group.files().stream().map(Text::value).toList(),
                        group.baseDirectory().map(b -> " in " + b.value()).orElse("")));
        spec.artifacts().ifPresent(all -> {
            artifact("Artifact", all.primary());
            all.secondary()
                    .values()
                    .forEach(
                            a -> artifact("Secondary artifact " + a.identifier().orElse(""), a));
        });
        spec.cache()
                .ifPresent(cache -> out.printf(
                        "Cache: key %s%s, %s, paths %s%n",
                        cache.key().map(Text::value).orElse("(none)"),
                        cache.fallbackKeys().isEmpty()
                                ? ""
                                : ", fallback keys "
                                        + cache.fallbackKeys().stream()
                                                .map(Text::value)
                                                .toList(),
                        cache.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                        cache.paths().stream().map(Text::value).toList()));
        if (!spec.env().exportedVariables().isEmpty()) {
            out.println("Exported variables: "
                    + String.join(
                            ", ",
                            spec.env().exportedVariables().stream()
                                    .map(Text::value)
                                    .toList()));
        }
        out.println("Nothing was run (--dryrun).");
        out.flush();
    }

    private void artifact(String label, io.jenkins.plugins.codebuildspec.engine.model.ArtifactSpec a) {
        out.printf(
                "%s %s: files %s%s%s%s%n",
                label,
                a.name().map(Text::value).orElse("(default name)"),
                a.files().stream().map(Text::value).toList(),
                a.baseDirectory().map(b -> ", base-directory " + b.value()).orElse(""),
                a.excludePaths().isEmpty()
                        ? ""
                        : ", exclude "
                                + a.excludePaths().stream().map(Text::value).toList(),
                a.discardPaths() ? ", discard-paths" : "");
    }

    private void commands(List<Text> commands, String indent) {
        int n = 1;
        for (Text c : commands) {
            out.printf("%s%d. %s%n", indent, n++, c.value().stripTrailing().replace("\n", "\n" + indent + "   "));
        }
    }
}
