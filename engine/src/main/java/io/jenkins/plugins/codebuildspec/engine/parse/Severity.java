package io.jenkins.plugins.codebuildspec.engine.parse;

import java.util.Locale;

/** An error makes a buildspec invalid; a warning does not. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
