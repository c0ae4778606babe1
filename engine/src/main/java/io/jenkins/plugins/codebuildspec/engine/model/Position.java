package io.jenkins.plugins.codebuildspec.engine.model;

/** A place in a buildspec file: 1-based line and column, as editors and compilers show them. */
public record Position(int line, int column) {
    /** For values that did not come from a file (defaults, values given by the caller). */
    public static final Position NONE = new Position(0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
