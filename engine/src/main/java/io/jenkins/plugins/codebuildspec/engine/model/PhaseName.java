package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Optional;

/** The four phases a buildspec may define, in the order CodeBuild runs them. */
public enum PhaseName {
    INSTALL("install"),
    PRE_BUILD("pre_build"),
    BUILD("build"),
    POST_BUILD("post_build");

    private final String key;

    PhaseName(String key) {
        this.key = key;
    }

    /** The key as written in a buildspec, e.g. {@code pre_build}. */
    public String key() {
        return key;
    }

    public static Optional<PhaseName> fromKey(String key) {
        for (PhaseName name : values()) {
            if (name.key.equals(key)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
