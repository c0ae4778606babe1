package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.tasks.junit.TestResultSummary;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A JUnit XML report group as Jenkins test results, through the optional junit plugin. */
final class JUnitReports {
    private JUnitReports() {}

    /**
     * Records the group on its own, its name as the innermost block name, so that its tests read
     * {@code stage / group / test} and its check is {@code Tests / stage / group}. Failed tests make the
     * build unstable, as the {@code junit} step does.
     */
    static void publish(
            String group,
            List<String> workspaceFiles,
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            @CheckForNull StepContext context)
            throws IOException, InterruptedException {
        JUnitResultArchiver task = new JUnitResultArchiver(pattern(workspaceFiles));
        // The engine already read these files; a group whose files hold no test is reported, not fatal.
        task.setAllowEmptyResults(true);
        PipelineTestDetails details = null;
        FlowNode node = context == null ? null : context.get(FlowNode.class);
        if (node != null) {
            List<FlowNode> enclosing = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
            List<String> names = new ArrayList<>();
            names.add(group);
            names.addAll(JUnitResultsStepExecution.getEnclosingBlockNames(enclosing));
            details = new PipelineTestDetails();
            details.setNodeId(node.getId());
            details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(enclosing));
            details.setEnclosingBlockNames(names);
        } else {
            task.setChecksName("Tests / " + group);
        }
        TestResultSummary summary =
                JUnitResultArchiver.parseAndSummarize(task, details, run, workspace, launcher, listener);
        if (summary.getFailCount() > 0) {
            String message = summary.getFailCount() + " tests failed in report group " + group;
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
            }
            run.setResult(Result.UNSTABLE);
        }
    }

    /**
     * The files as the Ant pattern JUnitResultArchiver takes. Ant splits patterns at commas and spaces, so
     * those become the one-character wildcard; {@code $} is doubled because the pattern is expanded with
     * the build's variables first.
     */
    static String pattern(List<String> files) {
        List<String> patterns = new ArrayList<>();
        for (String f : files) {
            patterns.add(f.replace(',', '?').replace(' ', '?').replace("$", "$$"));
        }
        return String.join(",", patterns);
    }
}
