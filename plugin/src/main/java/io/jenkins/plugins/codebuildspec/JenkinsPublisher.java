package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.model.ReportFormat;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Hands a finished run's artifacts and reports to Jenkins: its artifact manager and the junit plugin. */
final class JenkinsPublisher {
    static final String ARTIFACTS = "codebuild";
    static final String REPORTS = "codebuild-reports";

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;
    private final PrintStream log;

    JenkinsPublisher(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener) {
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
        this.log = listener.getLogger();
    }

    /**
     * Archives the zips: the primary one as {@code codebuild/<file>.zip}, a secondary one as
     * {@code codebuild/<identifier>/<file>.zip}; the second and later calls in one build under
     * {@code codebuild/step-<n>/}.
     *
     * @return artifact identifier to its archived path
     */
    Map<String, String> archiveArtifacts(List<ArtifactResult> artifacts, String callSuffix)
            throws IOException, InterruptedException {
        Map<String, String> archive = new LinkedHashMap<>();
        Map<String, String> byIdentifier = new LinkedHashMap<>();
        for (ArtifactResult a : artifacts) {
            // With S3 the zip kept on the agent is the local copy; without, the store's file is.
            String file = a.inS3() ? a.zipPath() : a.location();
            String relative = relativeToWorkspace(file);
            if (relative == null) {
                log.println("Not archiving " + file + " in Jenkins: it is outside the workspace");
                continue;
            }
            String name = file.substring(file.lastIndexOf('/') + 1);
            String archived =
                    ARTIFACTS + callSuffix + "/" + (a.identifier().isEmpty() ? "" : a.identifier() + "/") + name;
            archive.put(archived, relative);
            byIdentifier.put(a.identifier(), archived);
        }
        archive(archive);
        return byIdentifier;
    }

    /**
     * Publishes each report group on its own, so that Jenkins shows it under its name. A report problem is
     * reported and never fails the build, as in CodeBuild.
     *
     * @param context the step's context in a Pipeline, for the junit plugin's per-stage results; null in freestyle
     */
    void publishReports(List<ReportGroupResult> groups, String sourceDirectory, @CheckForNull StepContext context)
            throws IOException, InterruptedException {
        String source = relativeToWorkspace(sourceDirectory);
        if (source == null) {
            log.println(
                    "Reports: not published: the source directory " + sourceDirectory + " is outside the workspace");
            return;
        }
        boolean junit = OptionalPlugins.junit();
        Map<String, String> archive = new LinkedHashMap<>();
        for (ReportGroupResult group : groups) {
            List<String> files = new ArrayList<>();
            for (String f : group.files()) {
                files.add(source.isEmpty() ? f : source + "/" + f);
            }
            if (files.isEmpty()) {
                continue;
            }
            if (junit && ReportFormat.JUNITXML.name().equals(group.format())) {
                try {
                    JUnitReports.publish(group.name(), files, run, workspace, launcher, listener, context);
                } catch (IOException e) {
                    log.println("Report group " + group.name() + ": not published as test results: " + e.getMessage());
                }
            } else {
                for (int i = 0; i < files.size(); i++) {
                    archive.put(
                            REPORTS + "/" + group.name() + "/" + group.files().get(i), files.get(i));
                }
            }
        }
        archive(archive);
    }

    private void archive(Map<String, String> archive) throws IOException, InterruptedException {
        if (archive.isEmpty()) {
            return;
        }
        log.println("Archiving in Jenkins: " + String.join(", ", archive.keySet()));
        run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), archive);
    }

    /** An agent path as the /-separated path under the workspace the ArtifactManager takes; null outside it. */
    @CheckForNull
    private String relativeToWorkspace(String path) {
        String root = workspace.getRemote();
        if (path.equals(root)) {
            return "";
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }
}
