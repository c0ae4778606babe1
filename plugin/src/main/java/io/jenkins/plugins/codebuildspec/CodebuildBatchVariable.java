package io.jenkins.plugins.codebuildspec;

import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;

/**
 * {@code codebuildBatch(...)}: runs a buildspec's batch as parallel branches on the agents. A Groovy global
 * variable (CodebuildBatch.groovy, as docker-workflow's {@code docker}) rather than a Java step, because
 * each child needs Pipeline steps around it ({@code node}, {@code unstash}, {@code docker.image().inside},
 * {@code codebuildSpec}) in its own parallel branch, which only a script can compose; the planning, the
 * part that must agree with {@code codebuild-local batch}, is the Java step {@code codebuildBatchPlan}.
 */
@Extension
public final class CodebuildBatchVariable extends GlobalVariable {
    static final String CLASS = "io.jenkins.plugins.codebuildspec.CodebuildBatch";

    @Override
    public String getName() {
        return "codebuildBatch";
    }

    @Override
    public Object getValue(CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(getName())) {
            return binding.getVariable(getName());
        }
        Object value = script.getClass()
                .getClassLoader()
                .loadClass(CLASS)
                .getConstructor(CpsScript.class)
                .newInstance(script);
        binding.setVariable(getName(), value);
        return value;
    }

    /** Lets Pipeline load CodebuildBatch.groovy from this plugin. */
    @Extension
    public static final class Allowlist extends GroovySourceFileAllowlist {
        private final String url = CodebuildBatchVariable.class
                .getResource("CodebuildBatch.groovy")
                .toString();

        @Override
        public boolean isAllowed(String groovyResourceUrl) {
            return url.equals(groovyResourceUrl);
        }
    }
}
