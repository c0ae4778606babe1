package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code cache} block. Without a key the paths are cached under one fixed entry; fallback keys are
 * prefix-matched when the key has no entry.
 */
public record Cache(Position position, Optional<Text> key, List<Text> fallbackKeys, Action action, List<Text> paths) {
    /** Whether this build restores the cache, saves it, or both (the default). */
    public enum Action {
        RESTORE,
        SAVE,
        RESTORE_AND_SAVE;

        public boolean restores() {
            return this != SAVE;
        }

        public boolean saves() {
            return this != RESTORE;
        }
    }

    public static final int MAX_FALLBACK_KEYS = 5;

    public Cache {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(key, "key");
        fallbackKeys = List.copyOf(fallbackKeys);
        Objects.requireNonNull(action, "action");
        paths = List.copyOf(paths);
    }
}
