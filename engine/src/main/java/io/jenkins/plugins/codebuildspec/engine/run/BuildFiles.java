package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome;
import io.jenkins.plugins.codebuildspec.engine.report.ReportCollector;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import java.io.IOException;

/**
 * The build's file work that must happen where the files are: packaging and storing artifacts, reading
 * test and coverage reports, the cache, and the hashes in cache keys. Locally it runs in this JVM; in Jenkins, on the agent. Jobs and
 * outcomes are plain serializable values, and outcomes carry their log lines.
 */
public interface BuildFiles {
    ArtifactOutcome packageArtifacts(ArtifactJob job) throws IOException, InterruptedException;

    ReportCollector.Outcome collectReports(ReportJob job) throws IOException, InterruptedException;

    /** The key with {@code $(codebuild-hash-files ...)} replaced by the hashes of those files. */
    String hashCacheKey(String sourceDirectory, String key) throws IOException, InterruptedException;

    CacheOutcome restoreCache(CacheJob job) throws IOException, InterruptedException;

    CacheOutcome saveCache(CacheJob job) throws IOException, InterruptedException;
}
