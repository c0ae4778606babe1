package io.jenkins.plugins.codebuildspec.engine.cache;

import java.io.Serializable;
import java.util.List;

/** What a cache restore or save did, and the lines to log; a cache problem never fails a build. */
public record CacheOutcome(String matchedKey, int files, List<String> messages) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CacheOutcome {
        messages = List.copyOf(messages);
    }

    public boolean hit() {
        return !matchedKey.isEmpty();
    }
}
