package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a build starts with, in CodeBuild's precedence (highest last here): the machine's
 * environment, the {@code CODEBUILD_*} variables, the buildspec's variables, its secrets, and the
 * caller's overrides. Values are literal: nothing is expanded.
 */
final class BuildEnvironment {
    static final String SUCCEEDING = "CODEBUILD_BUILD_SUCCEEDING";
    static final String LAST_EXIT = "CODEBUILD_LAST_EXIT";

    private BuildEnvironment() {}

    static Map<String, String> codebuildVariables(
            BuildContext context,
            String buildId,
            String sourceDirectory,
            Map<String, String> secondarySources,
            long startMillis,
            GitInfo git) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CODEBUILD_BUILD_ID", buildId);
        vars.put("CODEBUILD_BUILD_NUMBER", Integer.toString(context.buildNumber()));
        vars.put(SUCCEEDING, "1");
        vars.put("CODEBUILD_SRC_DIR", sourceDirectory);
        secondarySources.forEach((id, dir) -> vars.put("CODEBUILD_SRC_DIR_" + id, dir));
        vars.put("CODEBUILD_START_TIME", Long.toString(startMillis));
        vars.put("CODEBUILD_CI", "true");
        vars.put(LAST_EXIT, "0");
        context.initiator().ifPresent(v -> vars.put("CODEBUILD_INITIATOR", v));
        context.buildUrl().ifPresent(v -> {
            vars.put("CODEBUILD_BUILD_URL", v);
            vars.put("CODEBUILD_PUBLIC_BUILD_URL", v);
        });
        context.buildImage().ifPresent(v -> vars.put("CODEBUILD_BUILD_IMAGE", v));
        context.batchBuildIdentifier().ifPresent(v -> vars.put("CODEBUILD_BATCH_BUILD_IDENTIFIER", v));
        if (context.region().isPresent() && context.accountId().isPresent()) {
            vars.put(
                    "CODEBUILD_BUILD_ARN",
                    "arn:aws:codebuild:" + context.region().get() + ":"
                            + context.accountId().get() + ":build/" + buildId);
        }
        vars.put("CODEBUILD_PROJECT_ARN", context.projectArn());
        // CodeBuild's value is the CloudWatch log stream, named by the build id's UUID
        vars.put("CODEBUILD_LOG_PATH", buildId.substring(buildId.lastIndexOf(':') + 1));
        context.kmsKeyId().ifPresent(k -> vars.put("CODEBUILD_KMS_KEY_ID", k));
        context.region().ifPresent(r -> {
            vars.put("AWS_REGION", r);
            vars.put("AWS_DEFAULT_REGION", r);
        });
        git.commit().ifPresent(c -> {
            vars.put("CODEBUILD_RESOLVED_SOURCE_VERSION", c);
            vars.put("CODEBUILD_SOURCE_VERSION", c);
        });
        git.remoteUrl().ifPresent(u -> vars.put("CODEBUILD_SOURCE_REPO_URL", u));
        git.branch().ifPresent(b -> vars.put("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/" + b));
        context.webhook().forEach((k, v) -> vars.put("CODEBUILD_WEBHOOK_" + k, v));
        return vars;
    }

    private static final java.util.regex.Pattern SOURCE_VARIABLE = java.util.regex.Pattern.compile(
            "^\\$(?:\\{CODEBUILD_SRC_DIR(?:_(\\w+))?\\}|CODEBUILD_SRC_DIR(?:_(\\w+))?)(/.*)?$");

    /**
     * An artifact's base directory with a leading {@code $CODEBUILD_SRC_DIR} or
     * {@code $CODEBUILD_SRC_DIR_<id>} (braces allowed) resolved as CodeBuild does: the primary source
     * gives a relative path, a secondary source an absolute one; anything else is returned as is.
     */
    static String baseDirectory(String base, Map<String, String> secondarySources) {
        java.util.regex.Matcher m = SOURCE_VARIABLE.matcher(base);
        if (!m.matches()) {
            return base;
        }
        String id = m.group(1) != null ? m.group(1) : m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3).replaceFirst("^/+", "");
        if (id == null) {
            return rest;
        }
        String dir = secondarySources.get(id);
        if (dir == null) {
            return base;
        }
        return rest.isEmpty() ? dir : dir.replaceFirst("/+$", "") + "/" + rest;
    }

    static Map<String, String> initial(
            Map<String, String> machine,
            Map<String, String> codebuild,
            Map<String, String> variables,
            Map<String, String> secrets,
            Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(machine);
        env.putAll(codebuild);
        env.putAll(variables);
        env.putAll(secrets);
        env.putAll(overrides);
        return env;
    }
}
