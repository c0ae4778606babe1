package io.jenkins.plugins.codebuildspec;

import hudson.AbortException;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
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
        String batchBuildIdentifier,
        // the buildspec itself, instead of a file; null when not set
        String buildspecText,
        // ID=directory entries, the directory relative to the workspace
        List<String> secondarySources,
        // a Username with password credential for git-credential-helper: yes; null when not set
        String gitCredentialsId) {
    static final String DEFAULT_BUILDSPEC = "buildspec.yml";
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    /** CodeBuild's limits for a build timeout. */
    static final int MIN_TIMEOUT_MINUTES = 1;

    static final int MAX_TIMEOUT_MINUTES = 2160;

    Settings {
        env = List.copyOf(env);
        secretCredentials = List.copyOf(secretCredentials);
        secondarySources = List.copyOf(secondarySources);
    }

    /**
     * The {@code secondarySources} entries, identifier to directory (relative to the workspace, or absolute),
     * in order; an identifier given twice is an error, as it would be in CodeBuild.
     */
    Map<String, String> secondarySourceDirectories() throws AbortException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < secondarySources.size(); i++) {
            String entry = secondarySources.get(i).strip();
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new AbortException("secondarySources: entry " + (i + 1) + " '" + entry
                        + "' is not of the form IDENTIFIER=directory (such as 'libs=shared/libs')");
            }
            String id = entry.substring(0, eq).strip();
            if (!BuildRequest.isSourceIdentifier(id)) {
                throw new AbortException("secondarySources: entry " + (i + 1) + ": '" + id + "' is not a valid source"
                        + " identifier: use letters, digits and underscores, at most 128, starting with a letter");
            }
            if (sources.put(id, entry.substring(eq + 1).strip()) != null) {
                throw new AbortException("secondarySources: the identifier '" + id + "' is given twice");
            }
        }
        return sources;
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

    /** A list parameter ({@code env}, {@code secondarySources}) from a text area, an entry a line; blank lines are dropped. */
    static List<String> envLines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A list parameter for a text area. */
    static String envText(List<String> env) {
        return String.join("\n", env);
    }
}
