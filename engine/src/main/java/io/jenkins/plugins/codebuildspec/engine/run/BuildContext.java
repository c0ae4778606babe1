package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows about the build that CodeBuild would put in {@code CODEBUILD_*} variables: the
 * project (job) name, build number, who started it, where to see it, and the webhook/branch values a
 * Jenkins multibranch job has. Values left empty are not set.
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
        Map<String, String> webhook) {
    public BuildContext {
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(buildUrl, "buildUrl");
        Objects.requireNonNull(buildImage, "buildImage");
        Objects.requireNonNull(batchBuildIdentifier, "batchBuildIdentifier");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
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
                Map.of());
    }

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
                webhook);
    }

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
                webhook);
    }

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
                webhook);
    }

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
                webhook);
    }

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
                webhook);
    }

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
                webhook);
    }

    /** {@code CODEBUILD_WEBHOOK_*} values, keyed without the prefix (HEAD_REF, BASE_REF, TRIGGER, ...). */
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
                values);
    }
}
