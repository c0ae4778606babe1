package io.jenkins.plugins.codebuildspec.engine.run;

/** How a phase ended; NOT_RUN for phases skipped after an earlier failure. */
public enum PhaseStatus {
    SUCCEEDED,
    FAILED,
    FAULT,
    TIMED_OUT,
    STOPPED,
    NOT_RUN
}
