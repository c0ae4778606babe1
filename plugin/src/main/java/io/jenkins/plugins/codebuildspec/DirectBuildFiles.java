package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome;
import io.jenkins.plugins.codebuildspec.engine.report.ReportCollector;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import io.jenkins.plugins.codebuildspec.engine.run.BuildFiles;
import java.io.IOException;

/** The build's file work done in this JVM, on the agent: what {@link AgentBuildFiles} does through remoting. */
final class DirectBuildFiles implements BuildFiles {
    private final StoreSettings settings;

    DirectBuildFiles(StoreSettings settings) {
        this.settings = settings;
    }

    @Override
    public ArtifactOutcome packageArtifacts(ArtifactJob job) throws IOException, InterruptedException {
        return AgentWork.packageArtifacts(settings, job);
    }

    @Override
    public ReportCollector.Outcome collectReports(ReportJob job) throws IOException {
        return AgentWork.collectReports(job);
    }

    @Override
    public String hashCacheKey(String sourceDirectory, String key) throws IOException {
        return AgentWork.hashCacheKey(sourceDirectory, key);
    }

    @Override
    public CacheOutcome restoreCache(CacheJob job) throws IOException, InterruptedException {
        return AgentWork.restoreCache(settings.cacheDirectory(), job);
    }

    @Override
    public CacheOutcome saveCache(CacheJob job) throws IOException, InterruptedException {
        return AgentWork.saveCache(settings.cacheDirectory(), job);
    }
}
