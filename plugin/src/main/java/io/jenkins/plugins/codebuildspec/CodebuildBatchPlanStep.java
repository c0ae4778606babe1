package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchPlanner;
import io.jenkins.plugins.codebuildspec.engine.batch.ChildBuild;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.Finding;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseLimits;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code codebuildBatchPlan}: the child builds of a buildspec's {@code batch:}, planned by the engine as
 * {@code codebuild-local batch} plans them, as plain maps for {@code codebuildBatch} to run. Reads the file
 * in the current workspace; runs nothing.
 */
public final class CodebuildBatchPlanStep extends Step {
    private String buildspec = Settings.DEFAULT_BUILDSPEC;
    private String sourceDirectory;

    @DataBoundConstructor
    public CodebuildBatchPlanStep() {}

    public String getBuildspec() {
        return buildspec;
    }

    @DataBoundSetter
    public void setBuildspec(String buildspec) {
        String value = Util.fixEmptyAndTrim(buildspec);
        this.buildspec = value == null ? Settings.DEFAULT_BUILDSPEC : value;
    }

    public String getSourceDirectory() {
        return sourceDirectory;
    }

    @DataBoundSetter
    public void setSourceDirectory(String sourceDirectory) {
        this.sourceDirectory = Util.fixEmptyAndTrim(sourceDirectory);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient CodebuildBatchPlanStep step;

        Execution(CodebuildBatchPlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            FilePath source = step.sourceDirectory == null ? workspace : workspace.child(step.sourceDirectory);
            FilePath file = source.child(step.buildspec);
            if (!file.exists()) {
                throw new AbortException("buildspec " + file.getRemote() + " does not exist; set buildspec to its"
                        + " path relative to the source directory");
            }
            byte[] content;
            try (InputStream in = file.read()) {
                content = in.readNBytes(ParseLimits.DEFAULT.maxBytes() + 1);
            }
            ParseResult parsed = new BuildspecParser().parse(step.buildspec, content);
            TaskListener listener = getContext().get(TaskListener.class);
            for (Finding f : parsed.warnings()) {
                listener.getLogger().println(f.format());
            }
            if (!parsed.isValid()) {
                StringBuilder message = new StringBuilder(step.buildspec + " is not a valid buildspec; nothing was run");
                parsed.errors().forEach(f -> message.append('\n').append(f.format()));
                throw new AbortException(message.toString());
            }
            Buildspec spec = parsed.buildspec().orElseThrow();
            if (spec.batch().isEmpty()) {
                throw new AbortException(step.buildspec + " has no batch: section; run it with codebuildSpec");
            }
            return plan(spec);
        }
    }

    /** Plain values only, which a sandboxed Pipeline reads as they are. */
    static Map<String, Object> plan(Buildspec spec) throws IOException {
        List<ChildBuild> children;
        try {
            children = BatchPlanner.plan(spec.batch().orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        List<Map<String, Object>> builds = new ArrayList<>();
        for (ChildBuild child : children) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("identifier", child.identifier());
            b.put("buildspec", child.buildspec().orElse(null));
            b.put("variables", new LinkedHashMap<>(child.variables()));
            b.put("image", child.image().orElse(null));
            b.put("ignoreFailure", child.ignoreFailure());
            b.put("dependOn", new ArrayList<>(child.dependOn()));
            builds.add(b);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("fastFail", spec.batch().orElseThrow().fastFail().orElse(false));
        plan.put("builds", builds);
        return plan;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "codebuildBatchPlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Plan the child builds of a CodeBuild batch buildspec";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class);
        }
    }
}
