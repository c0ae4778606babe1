package io.jenkins.plugins.codebuildspec.engine.model;

/**
 * The buildspec versions CodeBuild accepts. They differ in the shell: in 0.2 every command sees what
 * the previous one left (variables, working directory), in 0.1 each command starts afresh.
 */
public enum BuildspecVersion {
    V0_1("0.1"),
    V0_2("0.2");

    private final String text;

    BuildspecVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether shell state carries over from one command to the next. */
    public boolean carriesShellState() {
        return this == V0_2;
    }

    @Override
    public String toString() {
        return text;
    }
}
