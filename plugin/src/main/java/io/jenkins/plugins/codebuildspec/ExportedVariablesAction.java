package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A freestyle build's exported variables, set for the build steps that follow. */
public class ExportedVariablesAction extends InvisibleAction implements EnvironmentContributingAction {
    private final Map<String, String> variables;

    ExportedVariablesAction(Map<String, String> variables) {
        this.variables = new LinkedHashMap<>(variables);
    }

    public Map<String, String> getVariables() {
        return Collections.unmodifiableMap(variables);
    }

    /** The values as the engine reported them, secret values already masked. */
    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        variables.forEach((name, value) -> {
            // EnvVars rejects nulls; an unset exported variable is exported empty, as CodeBuild does.
            env.put(name, value == null ? "" : value);
        });
    }
}
