package io.jenkins.plugins.codebuildspec;

import hudson.model.TaskListener;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import java.io.PrintStream;

/** The engine's log, already masked, in the Jenkins console. */
final class TaskListenerBuildLog implements BuildLog {
    private final PrintStream out;

    TaskListenerBuildLog(TaskListener listener) {
        this.out = listener.getLogger();
    }

    // Lines come from the build thread and from remoting threads carrying command output: each is written whole.

    @Override
    public synchronized void engine(String line) {
        out.println(line);
    }

    @Override
    public synchronized void output(String line) {
        out.println(line);
    }
}
