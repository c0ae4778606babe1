package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactPackager;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome;
import io.jenkins.plugins.codebuildspec.engine.cache.HashFiles;
import io.jenkins.plugins.codebuildspec.engine.cache.LocalCache;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.SecretsManagerRef;
import io.jenkins.plugins.codebuildspec.engine.report.ReportCollector;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import io.jenkins.plugins.codebuildspec.engine.run.LocalBuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.secrets.AwsSecretResolver;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretException;
import io.jenkins.plugins.codebuildspec.engine.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The agent's side of a run: the engine's local file and secret implementations; knows nothing of Jenkins. */
final class AgentWork {
    private AgentWork() {}

    static ArtifactOutcome packageArtifacts(StoreSettings settings, ArtifactJob job)
            throws IOException, InterruptedException {
        ArtifactStore store;
        try {
            store = settings.open();
        } catch (IllegalArgumentException e) {
            // The engine reports an IOException as a failed upload; anything else would end the build as a fault.
            throw new IOException(e.getMessage(), e);
        }
        try {
            ArtifactPackager packager = new ArtifactPackager(
                    store,
                    Path.of(settings.zipDirectory()),
                    settings.excludedDirectories().stream().map(Path::of).toList());
            return new LocalBuildFiles(packager).packageArtifacts(job);
        } finally {
            if (store instanceof AutoCloseable closeable) {
                close(closeable);
            }
            if (!settings.usesS3()) {
                // The zips were copied into the local store; the copies in @tmp are only in the way.
                new LocalProcessExecutor().deleteRecursively(settings.zipDirectory());
            }
        }
    }

    static ReportCollector.Outcome collectReports(ReportJob job) throws IOException {
        return new ReportCollector().collect(job);
    }

    static String hashCacheKey(String sourceDirectory, String key) throws IOException {
        return HashFiles.substitute(key, Path.of(sourceDirectory));
    }

    static CacheOutcome restoreCache(String cacheDirectory, CacheJob job) throws IOException, InterruptedException {
        return new LocalCache(Path.of(cacheDirectory)).restore(job);
    }

    static CacheOutcome saveCache(String cacheDirectory, CacheJob job) throws IOException, InterruptedException {
        return new LocalCache(Path.of(cacheDirectory)).save(job);
    }

    static String parameter(AgentAws aws, String variable, String parameterName) throws SecretException {
        try (AwsSecretResolver resolver = aws.secretResolver()) {
            return resolver.parameter(variable, parameterName);
        } catch (SecretException e) {
            throw withoutCause(e);
        }
    }

    static String secret(
            AgentAws aws, String variable, String secretId, String jsonKey, String versionStage, String versionId)
            throws SecretException {
        SecretsManagerRef reference = new SecretsManagerRef(
                secretId,
                Optional.ofNullable(jsonKey),
                Optional.ofNullable(versionStage),
                Optional.ofNullable(versionId),
                Position.NONE);
        try (AwsSecretResolver resolver = aws.secretResolver()) {
            return resolver.secret(variable, reference);
        } catch (SecretException e) {
            throw withoutCause(e);
        }
    }

    /**
     * The message says what and why without a value; the cause is an SDK exception that would have to be
     * deserialized on the controller, so it stays on the agent.
     */
    private static SecretException withoutCause(SecretException e) {
        return new SecretException(e.getMessage());
    }

    private static void close(AutoCloseable closeable) throws IOException {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
