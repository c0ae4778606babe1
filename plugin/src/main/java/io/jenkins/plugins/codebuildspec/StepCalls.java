package io.jenkins.plugins.codebuildspec;

import hudson.model.InvisibleAction;
import hudson.model.Run;

/**
 * Counts the {@code codebuildSpec} calls (steps or builders) of one Jenkins build, so that a second call
 * archives and keeps its zips apart from the first's: {@code codebuild/step-2/...}.
 */
public final class StepCalls extends InvisibleAction {
    private int calls;

    /** The number of this call in the build: 1 for the first. */
    static int next(Run<?, ?> run) {
        StepCalls counter;
        synchronized (run) {
            counter = run.getAction(StepCalls.class);
            if (counter == null) {
                counter = new StepCalls();
                run.addAction(counter);
            }
        }
        synchronized (counter) {
            return ++counter.calls;
        }
    }

    /** What the call's archive and artifact paths carry after {@code codebuild}: nothing for the first. */
    static String suffix(int call) {
        return call == 1 ? "" : "/step-" + call;
    }
}
