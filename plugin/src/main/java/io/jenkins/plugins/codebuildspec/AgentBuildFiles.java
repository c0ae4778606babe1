package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome;
import io.jenkins.plugins.codebuildspec.engine.report.ReportCollector;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import io.jenkins.plugins.codebuildspec.engine.run.BuildFiles;
import java.io.File;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import jenkins.MasterToSlaveFileCallable;

/** The build's file work, each operation one remoting call to the agent that holds the workspace. */
final class AgentBuildFiles implements BuildFiles {
    private final FilePath workspace;
    private final StoreSettings settings;
    private final BooleanSupplier stopped;

    /** @param stopped whether the Jenkins build was stopped: then no more file work starts */
    AgentBuildFiles(FilePath workspace, StoreSettings settings, BooleanSupplier stopped) {
        this.workspace = workspace;
        this.settings = settings;
        this.stopped = stopped;
    }

    @Override
    public ArtifactOutcome packageArtifacts(ArtifactJob job) throws IOException, InterruptedException {
        return act(new PackageArtifacts(settings, job));
    }

    @Override
    public ReportCollector.Outcome collectReports(ReportJob job) throws IOException, InterruptedException {
        return act(new CollectReports(job));
    }

    @Override
    public String hashCacheKey(String sourceDirectory, String key) throws IOException, InterruptedException {
        return act(new HashCacheKey(sourceDirectory, key));
    }

    @Override
    public CacheOutcome restoreCache(CacheJob job) throws IOException, InterruptedException {
        return act(new Cache(settings.cacheDirectory(), job, false));
    }

    @Override
    public CacheOutcome saveCache(CacheJob job) throws IOException, InterruptedException {
        return act(new Cache(settings.cacheDirectory(), job, true));
    }

    private <T> T act(MasterToSlaveFileCallable<T> callable) throws IOException, InterruptedException {
        // On the built-in node act() runs in this thread and would not notice an abort; an upload after an
        // abort is what a stopped build must never do.
        if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the Jenkins build was stopped");
        }
        return workspace.act(callable);
    }

    private static final class PackageArtifacts extends MasterToSlaveFileCallable<ArtifactOutcome> {
        private static final long serialVersionUID = 1L;
        private final StoreSettings settings;
        private final ArtifactJob job;

        PackageArtifacts(StoreSettings settings, ArtifactJob job) {
            this.settings = settings;
            this.job = job;
        }

        @Override
        public ArtifactOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            return AgentWork.packageArtifacts(settings, job);
        }
    }

    private static final class CollectReports extends MasterToSlaveFileCallable<ReportCollector.Outcome> {
        private static final long serialVersionUID = 1L;
        private final ReportJob job;

        CollectReports(ReportJob job) {
            this.job = job;
        }

        @Override
        public ReportCollector.Outcome invoke(File workspace, VirtualChannel channel) throws IOException {
            return AgentWork.collectReports(job);
        }
    }

    private static final class HashCacheKey extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String sourceDirectory;
        private final String key;

        HashCacheKey(String sourceDirectory, String key) {
            this.sourceDirectory = sourceDirectory;
            this.key = key;
        }

        @Override
        public String invoke(File workspace, VirtualChannel channel) throws IOException {
            return AgentWork.hashCacheKey(sourceDirectory, key);
        }
    }

    private static final class Cache extends MasterToSlaveFileCallable<CacheOutcome> {
        private static final long serialVersionUID = 1L;
        private final String directory;
        private final CacheJob job;
        private final boolean save;

        Cache(String directory, CacheJob job, boolean save) {
            this.directory = directory;
            this.job = job;
            this.save = save;
        }

        @Override
        public CacheOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            return save ? AgentWork.saveCache(directory, job) : AgentWork.restoreCache(directory, job);
        }
    }
}
