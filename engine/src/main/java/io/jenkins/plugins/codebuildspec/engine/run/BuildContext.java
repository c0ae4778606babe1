package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows about the build that CodeBuild would put in {@code CODEBUILD_*} variables: the
 * project (job) name, build number, who started it, where to see it, the artifacts' KMS key, and the
 * webhook/branch values a Jenkins multibranch job has. Values left empty are not set.
 */
public record BuildContext(
        String projectName,
        int buildNumber,
        Optional<String> initiator,
        Optional<String> buildUrl,
        Optional<String> buildImage,
        Optional<String> batchBuildIdentifier,
        Optional<String> region,
        Optional<String> accountId,
        Optional<String> kmsKeyId,
        Map<String, String> webhook) {
    /** {@code CODEBUILD_WEBHOOK_EVENT}'s key in {@link #webhook}: PUSH, PULL_REQUEST_CREATED, ... */
    public static final String WEBHOOK_EVENT = "EVENT";

    /** {@code CODEBUILD_WEBHOOK_PREV_COMMIT}: the commit before the push (Jenkins: GIT_PREVIOUS_COMMIT). */
    public static final String WEBHOOK_PREV_COMMIT = "PREV_COMMIT";

    /** {@code CODEBUILD_WEBHOOK_MERGE_COMMIT}: the merge commit of a pull request build. */
    public static final String WEBHOOK_MERGE_COMMIT = "MERGE_COMMIT";

    /** {@code CODEBUILD_WEBHOOK_HEAD_REF}: {@code refs/heads/<branch>}; set from git when not given. */
    public static final String WEBHOOK_HEAD_REF = "HEAD_REF";

    /** {@code CODEBUILD_WEBHOOK_BASE_REF}: a pull request's target, {@code refs/heads/<branch>}. */
    public static final String WEBHOOK_BASE_REF = "BASE_REF";

    /** {@code CODEBUILD_WEBHOOK_TRIGGER}: {@code branch/<name>}, {@code tag/<name>} or {@code pr/<number>}. */
    public static final String WEBHOOK_TRIGGER = "TRIGGER";

    public BuildContext {
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(buildUrl, "buildUrl");
        Objects.requireNonNull(buildImage, "buildImage");
        Objects.requireNonNull(batchBuildIdentifier, "batchBuildIdentifier");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        webhook = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(webhook));
    }

    public static BuildContext of(String projectName, int buildNumber) {
        return new BuildContext(
                projectName,
                buildNumber,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
    }

    /** {@code CODEBUILD_INITIATOR}: who started the build (Jenkins: the job or user; CLI: codebuild-local/<user>). */
    public BuildContext withInitiator(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                Optional.ofNullable(value),
                buildUrl,
                buildImage,
                batchBuildIdentifier,
                region,
                accountId,
                kmsKeyId,
                webhook);
    }

    /** {@code CODEBUILD_BUILD_URL} and {@code CODEBUILD_PUBLIC_BUILD_URL}. */
    public BuildContext withBuildUrl(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                Optional.ofNullable(value),
                buildImage,
                batchBuildIdentifier,
                region,
                accountId,
                kmsKeyId,
                webhook);
    }

    /** {@code CODEBUILD_BUILD_IMAGE}. */
    public BuildContext withBuildImage(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                Optional.ofNullable(value),
                batchBuildIdentifier,
                region,
                accountId,
                kmsKeyId,
                webhook);
    }

    /** {@code CODEBUILD_BATCH_BUILD_IDENTIFIER}: the batch child's identifier. */
    public BuildContext withBatchBuildIdentifier(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                buildImage,
                Optional.ofNullable(value),
                region,
                accountId,
                kmsKeyId,
                webhook);
    }

    /** {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}, and the region in {@code CODEBUILD_BUILD_ARN} and {@code CODEBUILD_PROJECT_ARN}. */
    public BuildContext withRegion(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                buildImage,
                batchBuildIdentifier,
                Optional.ofNullable(value),
                accountId,
                kmsKeyId,
                webhook);
    }

    /** The account in {@code CODEBUILD_BUILD_ARN} and {@code CODEBUILD_PROJECT_ARN}. */
    public BuildContext withAccountId(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                buildImage,
                batchBuildIdentifier,
                region,
                Optional.ofNullable(value),
                kmsKeyId,
                webhook);
    }

    /** {@code CODEBUILD_KMS_KEY_ID}: the KMS key that encrypts the build's artifacts. */
    public BuildContext withKmsKeyId(String value) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                buildImage,
                batchBuildIdentifier,
                region,
                accountId,
                Optional.ofNullable(value),
                webhook);
    }

    /** {@code CODEBUILD_WEBHOOK_*} values, keyed without the prefix ({@link #WEBHOOK_EVENT}, ...); replaces them all. */
    public BuildContext withWebhook(Map<String, String> values) {
        return new BuildContext(
                projectName,
                buildNumber,
                initiator,
                buildUrl,
                buildImage,
                batchBuildIdentifier,
                region,
                accountId,
                kmsKeyId,
                values);
    }

    /** One {@code CODEBUILD_WEBHOOK_<key>} value added to the others; null or empty leaves it unset. */
    public BuildContext withWebhook(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(webhook);
        if (value == null || value.isEmpty()) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return withWebhook(values);
    }

    /** {@code arn:aws:codebuild:<region or local>:<account or 000000000000>:project/<name>}. */
    public String projectArn() {
        return "arn:aws:codebuild:" + region.orElse("local") + ":" + accountId.orElse("000000000000") + ":project/"
                + projectName;
    }
}
