package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.ArrayList;
import java.util.List;

/** A BuildLog that keeps every line, in order, for assertions. */
final class RecordingLog implements BuildLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void engine(String line) {
        lines.add(line);
    }

    @Override
    public synchronized void output(String line) {
        lines.add(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
