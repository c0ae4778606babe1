package io.jenkins.plugins.codebuildspec;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.tasks.Shell;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step. */
@WithJenkins
class CodebuildSpecBuilderTest {
    @Test
    void configRoundTripKeepsEveryField(JenkinsRule j) throws Exception {
        CodebuildSpecBuilder builder = new CodebuildSpecBuilder();
        builder.setBuildspec("ci/buildspec.yml");
        builder.setSourceDirectory("app");
        builder.setEnv(List.of("STAGE=prod", "DEBUG=1"));
        builder.setTimeoutMinutes(30);
        builder.setArchiveArtifacts(false);
        builder.setS3Bucket("my-artifacts");
        builder.setS3Prefix("app");
        builder.setRegion("eu-west-1");
        builder.setEndpointUrl("http://127.0.0.1:9000");
        builder.setKmsKeyId("alias/artifacts");
        builder.setCredentialsId("aws-deploy");
        builder.setSecretCredentials(List.of(new SecretCredential("DB_PASSWORD", "db-password")));
        builder.setCodeDeployCheck(true);
        builder.setPublishReports(false);
        builder.setPropagate(false);
        j.assertEqualDataBoundBeans(builder, j.configRoundtrip(builder));
        j.assertEqualDataBoundBeans(new CodebuildSpecBuilder(), j.configRoundtrip(new CodebuildSpecBuilder()));
    }

    @Test
    void exportedVariablesReachTheStepsThatFollow(JenkinsRule j) throws Exception {
        assumeFalse(Functions.isWindows());
        FreeStyleProject p = j.createFreeStyleProject();
        p.setAssignedNode(j.createOnlineSlave());
        p.getBuildersList().add(new Shell("""
            cat > buildspec.yml <<'EOF'
            version: 0.2
            env:
              exported-variables:
                - APP_VERSION
            phases:
              build:
                commands:
                  - export APP_VERSION=2.0.$CODEBUILD_BUILD_NUMBER
            EOF
            """));
        p.getBuildersList().add(new CodebuildSpecBuilder());
        p.getBuildersList().add(new Shell("echo \"later step sees APP_VERSION=$APP_VERSION\""));
        FreeStyleBuild b = j.buildAndAssertSuccess(p);
        j.assertLogContains("Exported variable APP_VERSION=2.0.1", b);
        j.assertLogContains("later step sees APP_VERSION=2.0.1", b);
    }
}
