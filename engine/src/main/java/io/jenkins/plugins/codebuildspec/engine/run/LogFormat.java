package io.jenkins.plugins.codebuildspec.engine.run;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** CodeBuild's log line: {@code [Container] 2024/04/21 21:06:52.675129 message}, in UTC. */
final class LogFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Clock clock;

    LogFormat(Clock clock) {
        this.clock = clock;
    }

    String line(String message) {
        return "[Container] " + TIME.format(clock.instant()) + " " + message;
    }
}
