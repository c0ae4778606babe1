package io.jenkins.plugins.codebuildspec.engine.cache;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A cache restore or save: the key already expanded, the fallback keys, the paths (relative to the
 * source directory, or absolute such as {@code /root/.m2/**}{@code /*}). Plain serializable values.
 */
public record CacheJob(String sourceDirectory, String key, List<String> fallbackKeys, List<String> paths)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CacheJob {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(key, "key");
        fallbackKeys = List.copyOf(fallbackKeys);
        paths = List.copyOf(paths);
    }
}
