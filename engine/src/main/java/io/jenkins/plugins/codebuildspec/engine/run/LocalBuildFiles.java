package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactPackager;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome;
import io.jenkins.plugins.codebuildspec.engine.cache.HashFiles;
import io.jenkins.plugins.codebuildspec.engine.cache.LocalCache;
import io.jenkins.plugins.codebuildspec.engine.report.ReportCollector;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link BuildFiles} on this machine: the files are here. */
public final class LocalBuildFiles implements BuildFiles {
    private final ArtifactPackager packager;
    private final Optional<LocalCache> cache;

    public LocalBuildFiles(ArtifactPackager packager) {
        this(packager, null);
    }

    /** @param cache where cache entries live; null turns the cache off */
    public LocalBuildFiles(ArtifactPackager packager, LocalCache cache) {
        this.packager = packager;
        this.cache = Optional.ofNullable(cache);
    }

    @Override
    public ArtifactOutcome packageArtifacts(ArtifactJob job) throws InterruptedException {
        return packager.run(job);
    }

    @Override
    public ReportCollector.Outcome collectReports(ReportJob job) throws IOException {
        return new ReportCollector().collect(job);
    }

    @Override
    public String hashCacheKey(String sourceDirectory, String key) throws IOException {
        return HashFiles.substitute(key, Path.of(sourceDirectory));
    }

    @Override
    public CacheOutcome restoreCache(CacheJob job) throws IOException, InterruptedException {
        return cache.isPresent() ? cache.get().restore(job) : disabled();
    }

    @Override
    public CacheOutcome saveCache(CacheJob job) throws IOException, InterruptedException {
        return cache.isPresent() ? cache.get().save(job) : disabled();
    }

    private static CacheOutcome disabled() {
        return new CacheOutcome("", 0, List.of("Cache: not configured for this run; the cache block is ignored"));
    }
}
