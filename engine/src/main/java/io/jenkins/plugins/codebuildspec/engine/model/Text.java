package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Objects;

/** A string value from the buildspec together with the place it was written. */
public record Text(String value, Position position) {
    public Text {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    public static Text of(String value) {
        return new Text(value, Position.NONE);
    }

    @Override
    public String toString() {
        return value;
    }
}
