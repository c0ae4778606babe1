package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseResult;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** The table printed when a build ends: each phase's status and duration, what failed, what was exported. */
final class Summary {
    private final PrintWriter out;

    Summary(PrintWriter out) {
        this.out = out;
    }

    void print(BuildResult result) {
        out.println();
        out.printf(
                "Build %s in %s (%s, build #%d%s)%n",
                result.status(),
                seconds(result.duration()),
                result.buildId(),
                result.buildNumber(),
                result.attempts() > 1 ? ", " + result.attempts() + " attempts" : "");
        out.printf("  %-17s %-10s %10s%n", "PHASE", "STATUS", "DURATION");
        for (PhaseResult phase : result.phases()) {
            out.printf(
                    "  %-17s %-10s %10s%n",
                    phase.name(),
                    phase.status(),
                    phase.status() == PhaseStatus.NOT_RUN ? "-" : seconds(phase.duration()));
        }
        result.firstFailure()
                .ifPresent(f -> out.printf(
                        "Failed in %s: %s%n",
                        f.name(), f.contextMessage().orElse(f.status().name())));
        for (ReportGroupResult r : result.reports()) {
            out.println("Report " + r.summary());
            r.failingTests().forEach(t -> out.println("  failed: " + t));
        }
        for (ArtifactResult a : result.artifacts()) {
            out.printf(
                    "Artifact %s: %s (%d file(s), %d bytes, sha256 %s)%n",
                    a.identifier().isEmpty() ? a.name() : a.identifier(),
                    a.location(),
                    a.entries(),
                    a.size(),
                    a.sha256());
            a.codeDeployS3Location().ifPresent(l -> out.println("  CodeDeploy: --s3-location " + l));
        }
        if (!result.exportedVariables().isEmpty()) {
            out.println("Exported variables:");
            result.exportedVariables().forEach((k, v) -> out.printf("  %s=%s%n", k, v));
        }
        result.logPath().ifPresent(p -> out.println("Log: " + p));
        out.flush();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
