package io.jenkins.plugins.codebuildspec;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the engine needs, as plain values the controller worked out; nothing of Jenkins, so that a JVM of its own can read it. */
record EngineSpec(
        String token,
        String buildspecName,
        byte[] buildspecContent,
        String sourceDirectory,
        String tempDirectory,
        String workspace,
        String projectName,
        int buildNumber,
        String initiator,
        String buildUrl,
        Map<String, String> webhook,
        Map<String, String> baseEnvironment,
        Map<String, String> overrides,
        Map<String, String> fromJenkins,
        Set<String> maskedValues,
        int timeoutMinutes,
        boolean codeDeployCheck,
        StoreSettings store,
        // the shell server's directory where commands run through one (in a container), else null
        String shellServer,
        // CODEBUILD_BATCH_BUILD_IDENTIFIER of a batch's child build, else null
        String batchBuildIdentifier,
        // identifier to absolute directory on the agent: CODEBUILD_SRC_DIR_<identifier>
        Map<String, String> secondarySources,
        // for git-credential-helper: yes; both null when there is none
        String gitUsername,
        String gitPassword)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    EngineSpec {
        webhook = new LinkedHashMap<>(webhook);
        baseEnvironment = new LinkedHashMap<>(baseEnvironment);
        overrides = new LinkedHashMap<>(overrides);
        fromJenkins = new LinkedHashMap<>(fromJenkins);
        maskedValues = new LinkedHashSet<>(maskedValues);
        secondarySources = new LinkedHashMap<>(secondarySources);
    }
}
