package io.jenkins.plugins.codebuildspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * context), {@code exportedVariables} as an object, and the log path.
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
