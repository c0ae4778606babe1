package io.jenkins.plugins.codebuildspec.engine.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phase's {@code on-failure} setting: ABORT, CONTINUE, or RETRY with a count and a pattern that the
 * failed phase's context message must match.
 */
public record OnFailure(Action action, int retries, Optional<Pattern> retryPattern, Position position) {
    /** What happens after the phase fails. */
    public enum Action {
        ABORT,
        CONTINUE,
        RETRY
    }

    /** CodeBuild retries three times when RETRY gives no count. */
    public static final int DEFAULT_RETRIES = 3;

    public static final int MAX_RETRIES = 100;

    public static final OnFailure ABORT = new OnFailure(Action.ABORT, 0, Optional.empty(), Position.NONE);

    public OnFailure {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(retryPattern, "retryPattern");
        Objects.requireNonNull(position, "position");
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 0.." + MAX_RETRIES + ": " + retries);
        }
    }

    /** Whether a failure whose context message is {@code message} should start another attempt. */
    public boolean retriesOn(String message) {
        return action == Action.RETRY
                && retryPattern.map(p -> p.matcher(message).find()).orElse(true);
    }
}
