package io.jenkins.plugins.codebuildspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.PhaseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build result as JSON for scripts: {@code status}, {@code phases[]} (name, status, times,
 * context), {@code exportedVariables} as an object, {@code artifacts[]} (with {@code s3} bucket, key,
 * eTag, versionId, bundleType, uri for CodeDeploy) and the log path.
 */
final class ResultJson {
    private ResultJson() {}

    static BuildResult withLog(BuildResult result, String logPath) {
        return result.withLogPath(logPath);
    }

    static Map<String, Object> toMap(BuildResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("buildId", result.buildId());
        json.put("buildNumber", result.buildNumber());
        json.put("status", result.status().name());
        json.put("startTime", result.start().toString());
        json.put("endTime", result.end().toString());
        json.put("durationMillis", result.duration().toMillis());
        json.put("attempts", result.attempts());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : result.phases()) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("name", p.name());
            phase.put("status", p.status().name());
            p.start().ifPresent(t -> phase.put("startTime", t.toString()));
            p.end().ifPresent(t -> phase.put("endTime", t.toString()));
            phase.put("durationMillis", p.duration().toMillis());
            p.contextCode().ifPresent(c -> phase.put("contextCode", c));
            p.contextMessage().ifPresent(m -> phase.put("contextMessage", m));
            phases.add(phase);
        }
        json.put("phases", phases);
        json.put("exportedVariables", result.exportedVariables());
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (ArtifactResult a : result.artifacts()) {
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
            }
            artifacts.add(artifact);
        }
        json.put("artifacts", artifacts);
        List<Map<String, Object>> reports = new ArrayList<>();
        for (ReportGroupResult r : result.reports()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("group", r.name());
            report.put("format", r.format());
            report.put("files", r.files());
            if (r.isCoverage()) {
                report.put("lineCoveragePercent", r.lineCoveragePercent());
                report.put("linesCovered", r.linesCovered());
                report.put("linesTotal", r.linesTotal());
                report.put("branchCoveragePercent", r.branchCoveragePercent());
            } else {
                Map<String, Object> totals = new LinkedHashMap<>();
                totals.put("tests", r.tests());
                totals.put("passed", r.passed());
                totals.put("failures", r.failures());
                totals.put("errors", r.errors());
                totals.put("skipped", r.skipped());
                totals.put("durationMillis", r.durationMillis());
                report.put("totals", totals);
                report.put("failingTests", r.failingTests());
            }
            report.put("warnings", r.warnings());
            reports.add(report);
        }
        json.put("reports", reports);
        result.logPath().ifPresent(p -> json.put("logPath", p));
        return json;
    }

    /** Written to a temporary name and renamed, so a reader never sees half a file. */
    static void write(BuildResult result, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".result", ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), toMap(result));
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
