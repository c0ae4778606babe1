package io.jenkins.plugins.codebuildspec;

import java.util.List;
import java.util.Map;

/**
 * The step's return value: the engine's result map (the same names as {@code codebuild-local run
 * --json}), plus where each artifact was archived in Jenkins. Plain maps, lists, strings and numbers,
 * which a sandboxed script reads as is and the Pipeline can keep in its saved state.
 */
final class ResultMap {
    private ResultMap() {}

    /**
     * Shaped so that {@code createDeployment(s3Bucket: r.artifacts[0].s3.bucket, s3Key: r.artifacts[0].s3.key)}
     * reads well.
     *
     * @param archivedPaths artifact identifier ("" for the primary one) to its path in Jenkins' archive
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(EngineOutcome result, Map<String, String> archivedPaths) {
        Map<String, Object> map = result.resultMap();
        for (Object artifact : (List<Object>) map.get("artifacts")) {
            Map<String, Object> a = (Map<String, Object>) artifact;
            a.put("archivedPath", archivedPaths.get((String) a.get("identifier")));
        }
        return map;
    }
}
