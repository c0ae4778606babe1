package io.jenkins.plugins.codebuildspec;

import hudson.AbortException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters the step and the builder share, as given: null means "not set". */
record Settings(
        String buildspec,
        String sourceDirectory,
        List<String> env,
        int timeoutMinutes,
        boolean archiveArtifacts,
        String s3Bucket,
        String s3Prefix,
        String region,
        String endpointUrl,
        String kmsKeyId,
        boolean serverSideEncryption,
        String credentialsId,
        List<SecretCredential> secretCredentials,
        boolean codeDeployCheck,
        boolean publishReports,
        boolean propagate,
        // set by codebuildBatch for its children; null otherwise
        String batchBuildIdentifier) {
    static final String DEFAULT_BUILDSPEC = "buildspec.yml";
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    /** CodeBuild's limits for a build timeout. */
    static final int MIN_TIMEOUT_MINUTES = 1;

    static final int MAX_TIMEOUT_MINUTES = 2160;

    Settings {
        env = List.copyOf(env);
        secretCredentials = List.copyOf(secretCredentials);
    }

    /** The {@code env} entries as variables, in order, a later entry winning. */
    Map<String, String> overrides() throws AbortException {
        return parseEnv(env);
    }

    static Map<String, String> parseEnv(List<String> env) throws AbortException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < env.size(); i++) {
            String entry = env.get(i);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                // Not quoted: a misplaced entry may well be a value someone wants kept out of the log.
                throw new AbortException("env: entry " + (i + 1) + " is not of the form NAME=value");
            }
            values.put(entry.substring(0, eq).strip(), entry.substring(eq + 1));
        }
        return values;
    }

    /** The {@code env} list from a text area, one NAME=value a line; blank lines are dropped. */
    static List<String> envLines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /** The {@code env} list for a text area. */
    static String envText(List<String> env) {
        return String.join("\n", env);
    }
}
