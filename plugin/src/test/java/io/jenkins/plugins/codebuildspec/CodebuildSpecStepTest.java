package io.jenkins.plugins.codebuildspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The {@code codebuildSpec} step on a real agent, with real shells and files. */
@WithJenkins
class CodebuildSpecStepTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String DB_PASSWORD = "pw-7c1f3b9e-db";
    private static final String SECRET_KEY = "sk-52ad0e14-aws";

    private JenkinsRule j;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        // The engine runs buildspec commands with /bin/sh.
        assumeFalse(Functions.isWindows());
        this.j = j;
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .addAll(List.of(
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "db-password", "db", Secret.fromString(DB_PASSWORD)),
                        new UsernamePasswordCredentialsImpl(
                                CredentialsScope.GLOBAL, "aws-deploy", "aws", "AKIAEXAMPLEKEYID0001", SECRET_KEY)));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void configRoundTripKeepsEveryParameter() throws Exception {
        CodebuildSpecStep step = new CodebuildSpecStep();
        step.setBuildspec("ci/buildspec.yml");
        step.setSourceDirectory("app");
        step.setEnv(List.of("STAGE=prod", "DEBUG=1"));
        step.setTimeoutMinutes(30);
        step.setArchiveArtifacts(false);
        step.setS3Bucket("my-artifacts");
        step.setS3Prefix("app/42");
        step.setRegion("eu-west-1");
        step.setEndpointUrl("http://127.0.0.1:9000");
        step.setKmsKeyId("alias/artifacts");
        step.setCredentialsId("aws-deploy");
        step.setSecretCredentials(List.of(new SecretCredential("DB_PASSWORD", "db-password")));
        step.setCodeDeployCheck(true);
        step.setPublishReports(false);
        step.setPropagate(false);
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        j.assertEqualDataBoundBeans(
                new CodebuildSpecStep(), new StepConfigTester(j).configRoundTrip(new CodebuildSpecStep()));
    }

    @Test
    void snippetGeneratorWritesOnlyWhatDiffersFromTheDefaults() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(j);
        snippets.assertRoundTrip(new CodebuildSpecStep(), "codebuildSpec()");
        CodebuildSpecStep step = new CodebuildSpecStep();
        step.setBuildspec("ci/buildspec.yml");
        step.setPropagate(false);
        step.setS3Bucket("my-artifacts");
        snippets.assertRoundTrip(
                step, "codebuildSpec buildspec: 'ci/buildspec.yml', propagate: false, s3Bucket: 'my-artifacts'");
        CodebuildSpecStep secrets = new CodebuildSpecStep();
        secrets.setEnv(List.of("STAGE=prod"));
        secrets.setSecretCredentials(List.of(new SecretCredential("DB_PASSWORD", "db-password")));
        snippets.assertRoundTrip(
                secrets,
                "codebuildSpec env: ['STAGE=prod'], secretCredentials: [[credentialsId: 'db-password', variable:"
                        + " 'DB_PASSWORD']]");
    }

    @Test
    void failedBuildPhaseStillRunsPostBuildAndFailsTheStepNamingTheCommand() throws Exception {
        WorkflowJob p = pipeline("""
            node('remote') {
              writeFile file: 'buildspec.yml', text: '''version: 0.2
            phases:
              build:
                commands:
                  - echo compiling
                  - exit 3
              post_build:
                commands:
                  - echo "post_build ran, succeeding=$CODEBUILD_BUILD_SUCCEEDING"
            '''
              codebuildSpec()
              echo 'not reached'
            }
            """);
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Running command exit 3", b);
        j.assertLogContains("Phase complete: BUILD State: FAILED", b);
        j.assertLogContains("post_build ran, succeeding=0", b);
        j.assertLogContains("Phase complete: POST_BUILD State: SUCCEEDED", b);
        j.assertLogContains(
                "buildspec.yml: build FAILED in phase BUILD: Error while executing command: exit 3. Reason: exit"
                        + " status 3",
                b);
        j.assertLogNotContains("not reached", b);
    }

    @Test
    void withoutPropagateTheStepReturnsTheResult() throws Exception {
        WorkflowJob p = pipeline("""
              node('remote') {
                writeFile file: 'buildspec.yml', text: '''version: 0.2
              env:
                exported-variables:
                  - APP_VERSION
              phases:
                build:
                  commands:
                    - mkdir -p out tests
                    - echo hello > out/app.txt
                    - export APP_VERSION=1.2.3
                    - echo '<testsuite name="s" tests="1"><testcase classname="c" name="t"/></testsuite>' > tests/t.xml
                    - exit 4
              reports:
                unit:
                  files:
                    - tests/*.xml
                  file-format: JUNITXML
              artifacts:
                files:
                  - out/**/*
                name: app
              '''
                def r = codebuildSpec(propagate: false)
                echo "status=${r.status}"
                echo "phase3=${r.phases[3].name}/${r.phases[3].status}/${r.phases[3].message}"
                echo "version=${r.exportedVariables.APP_VERSION}"
                echo "archived=${r.artifacts[0].archivedPath} s3=${r.artifacts[0].s3}"
            echo "sha=${r.artifacts[0].sha256.length()}"
                echo "report=${r.reports[0].group}/${r.reports[0].totals.tests}"
              }
            """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("status=FAILED", b);
        j.assertLogContains("phase3=BUILD/FAILED/Error while executing command: exit 4. Reason: exit status 4", b);
        j.assertLogContains("version=1.2.3", b);
        j.assertLogContains("archived=codebuild/app.zip s3=null", b);
        j.assertLogContains("sha=64", b);
        j.assertLogContains("report=unit/1", b);
        assertTrue(b.getArtifacts().stream().anyMatch(a -> a.relativePath.equals("codebuild/app.zip")));
        TestResultAction tests = b.getAction(TestResultAction.class);
        assertNotNull(tests);
        assertEquals(1, tests.getTotalCount());
    }

    @Test
    void secretValuesNeverReachTheConsole() throws Exception {
        WorkflowJob p = pipeline("""
            node('remote') {
              writeFile file: 'buildspec.yml', text: '''version: 0.2
            env:
              parameter-store:
                DB_PASSWORD: /app/db/password
            phases:
              build:
                commands:
                  - echo "password is $DB_PASSWORD"
                  - echo "secret key is $AWS_SECRET_ACCESS_KEY"
            '''
              codebuildSpec(credentialsId: 'aws-deploy',
                            secretCredentials: [[variable: 'DB_PASSWORD', credentialsId: 'db-password']])
            }
            """);
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("password is ***", b);
        j.assertLogContains("secret key is ***", b);
        j.assertLogNotContains(DB_PASSWORD, b);
        j.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void abortKillsTheCommandsAndRunsNothingFurther() throws Exception {
        WorkflowJob p = pipeline("""
            node('remote') {
              writeFile file: 'buildspec.yml', text: '''version: 0.2
            phases:
              build:
                commands:
                  - nohup sleep 300 > /dev/null 2>&1 & echo $! > background.pid
                  - echo sleeping-$((1 + 1)); sleep 300
              post_build:
                commands:
                  - echo post_build must not run
            '''
              codebuildSpec()
            }
            """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        // Only the command's output reads "sleeping-2"; the engine's "Running command" line does not.
        j.waitForMessage("sleeping-2", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogNotContains("post_build must not run", b);
        FilePath pidFile = agent.getWorkspaceFor(p).child("background.pid");
        long pid = Long.parseLong(pidFile.readToString().trim());
        // The kill runs on its own thread and may end just after the build.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "background sleep still runs");
    }

    /** A sandboxed Pipeline, with an agent labelled {@code remote} for it. */
    private WorkflowJob pipeline(String script) throws Exception {
        agent = j.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
