package io.jenkins.plugins.codebuildspec.engine.run;

/** How a build ended, with CodeBuild's names. */
public enum BuildStatus {
    SUCCEEDED,
    FAILED,
    /** The runner itself failed (a state file could not be written, the shell could not start). */
    FAULT,
    TIMED_OUT,
    STOPPED
}
