package io.jenkins.plugins.codebuildspec.engine.parse;

import java.util.Locale;
import java.util.Optional;

/** The yes/no words CodeBuild takes for its boolean keys, in any case. */
final class Booleans {
    private Booleans() {}

    static Optional<Boolean> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on" -> Optional.of(true);
            case "no", "false", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
