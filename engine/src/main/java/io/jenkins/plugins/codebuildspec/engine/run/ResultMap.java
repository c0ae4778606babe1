package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A build result as plain maps, lists, strings and numbers: the CLI's JSON and the Jenkins step's
 * return value (which sandboxed Pipeline scripts read without approvals) are this one shape, so a
 * script moved from one to the other reads the same names.
 */
public final class ResultMap {
    private ResultMap() {}

    public static Map<String, Object> of(BuildResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("buildId", result.buildId());
        map.put("buildNumber", result.buildNumber());
        map.put("status", result.status().name());
        map.put("startTime", result.start().toString());
        map.put("endTime", result.end().toString());
        map.put("durationMillis", result.duration().toMillis());
        map.put("attempts", result.attempts());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : result.phases()) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("name", p.name());
            phase.put("status", p.status().name());
            p.start().ifPresent(t -> phase.put("startTime", t.toString()));
            p.end().ifPresent(t -> phase.put("endTime", t.toString()));
            phase.put("durationMillis", p.duration().toMillis());
            phase.put("code", p.contextCode().orElse(""));
            phase.put("message", p.contextMessage().orElse(""));
            phases.add(phase);
        }
        map.put("phases", phases);
        map.put("exportedVariables", new LinkedHashMap<>(result.exportedVariables()));
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (ArtifactResult a : result.artifacts()) {
            artifacts.add(artifact(a));
        }
        map.put("artifacts", artifacts);
        List<Map<String, Object>> reports = new ArrayList<>();
        for (ReportGroupResult r : result.reports()) {
            reports.add(report(r));
        }
        map.put("reports", reports);
        result.logPath().ifPresent(p -> map.put("logPath", p));
        return map;
    }

    private static Map<String, Object> artifact(ArtifactResult a) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("identifier", a.identifier());
        artifact.put("name", a.name());
        artifact.put("location", a.location());
        artifact.put("zipPath", a.zipPath());
        artifact.put("sha256", a.sha256());
        artifact.put("size", a.size());
        artifact.put("entries", a.entries());
        if (a.inS3()) {
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("bucket", a.bucket());
            s3.put("key", a.key());
            s3.put("eTag", a.eTag());
            s3.put("versionId", a.versionId());
            s3.put("bundleType", a.bundleType());
            s3.put("uri", a.s3Uri().orElseThrow());
            artifact.put("s3", s3);
        } else {
            artifact.put("s3", null);
        }
        return artifact;
    }

    /** One report group in the shape of the result's {@code reports[]} entries. */
    public static Map<String, Object> report(ReportGroupResult r) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("group", r.name());
        report.put("format", r.format());
        report.put("kind", r.kind());
        report.put("files", new ArrayList<>(r.files()));
        if (r.isCoverage()) {
            Map<String, Object> coverage = new LinkedHashMap<>();
            coverage.put("lineCoveragePercent", r.lineCoveragePercent());
            coverage.put("linesCovered", r.linesCovered());
            coverage.put("linesTotal", r.linesTotal());
            coverage.put("branchCoveragePercent", r.branchCoveragePercent());
            coverage.put("branchesCovered", r.branchesCovered());
            coverage.put("branchesTotal", r.branchesTotal());
            report.put("coverage", coverage);
        } else {
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("tests", r.tests());
            totals.put("passed", r.passed());
            totals.put("failures", r.failures());
            totals.put("errors", r.errors());
            totals.put("skipped", r.skipped());
            totals.put("durationMillis", r.durationMillis());
            report.put("totals", totals);
            report.put("failingTests", new ArrayList<>(r.failingTests()));
        }
        report.put("warnings", new ArrayList<>(r.warnings()));
        return report;
    }
}
