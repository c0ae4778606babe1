package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The freestyle build step, as a job made through REST and its configuration page. */
@ExtendWith(Kit.class)
class FreestyleIT {
    static final String BUILDER = "io.jenkins.plugins.codebuildspec.CodebuildSpecBuilder";

    /** The fields the step and the builder share, each of which has help. */
    static final List<String> FIELDS = List.of(
            "buildspec",
            "buildspecText",
            "secondarySources",
            "gitCredentialsId",
            "sourceDirectory",
            "env",
            "s3Bucket",
            "region",
            "credentialsId",
            "secretCredentials",
            "s3Prefix",
            "endpointUrl",
            "kmsKeyId",
            "serverSideEncryption",
            "timeoutMinutes",
            "archiveArtifacts",
            "publishReports",
            "codeDeployCheck",
            "propagate");

    /** Only the buildspec is set, as in a job written by hand or by Job DSL: the rest keep their defaults. */
    static String job(String buildspecPath) {
        return """
                <project>
                  <builders>
                    <hudson.tasks.Shell>
                      <command>mkdir -p ci &amp;&amp; cat &gt; %1$s &lt;&lt;'EOF'
                version: 0.2
                env:
                  exported-variables:
                    - APP_VERSION
                phases:
                  build:
                    commands:
                      - export APP_VERSION=2.0.$CODEBUILD_BUILD_NUMBER
                      - echo built &gt; built.txt
                artifacts:
                  files: [built.txt]
                  name: built
                EOF</command>
                    </hudson.tasks.Shell>
                    <%2$s>
                      <buildspec>%1$s</buildspec>
                    </%2$s>
                    <hudson.tasks.Shell>
                      <command>echo "a later step sees APP_VERSION=$APP_VERSION"</command>
                    </hudson.tasks.Shell>
                  </builders>
                </project>
                """
                .formatted(buildspecPath, BUILDER);
    }

    @Test
    void exportedVariableReachesALaterShellStep(Kit kit) throws Exception {
        String name = Kit.jobName("freestyle");
        kit.jenkins().createJob(name, job("ci/buildspec.yml"));
        Build build = kit.jenkins().build(name);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("Entering phase BUILD")
                .contains("a later step sees APP_VERSION=2.0.1")
                .contains("Archiving in Jenkins: codebuild/built.zip");
        assertThat(Zips.entryText(kit.jenkins().getBytes(build.path() + "artifact/codebuild/built.zip"), "built.txt"))
                .isEqualTo("built\n");
    }

    @Test
    void configurationPageRendersWithHelpForEveryField(Kit kit) throws Exception {
        String name = Kit.jobName("freestyle-config");
        kit.jenkins().createJob(name, job("buildspec.yml"));

        String page = kit.jenkins().get("job/" + name + "/configure");
        List<String> fields = FIELDS;
        for (String expected : List.of(
                "Run an AWS CodeBuild buildspec",
                "name=\"_.buildspec\"",
                "name=\"_.s3Bucket\"",
                "name=\"_.serverSideEncryption\"",
                "name=\"_.propagate\"")) {
            assertThat(page.contains(expected)).as("the page shows " + expected).isTrue();
        }
        assertThat(page.contains("Error loading"))
                .as("the page rendered without a Jelly error")
                .isFalse();
        for (String field : fields) {
            // The builder's fields mean what the step's mean: the page links the step's help for each.
            Matcher link = Pattern.compile(
                            "helpURL=\"(/descriptor/io\\.jenkins\\.plugins\\.codebuildspec\\.CodebuildSpec(Step|Builder)/help/"
                                    + field + ")\"")
                    .matcher(page);
            assertThat(link.find()).as("a help link for " + field).isTrue();
            assertThat(kit.jenkins().get(link.group(1))).as("help for " + field).contains("<div");
        }
    }

    /** The help text Jenkins serves for a field of a describable, following the page's own help link form. */
    static String helpOf(Kit kit, String describable, String field) throws Exception {
        return kit.jenkins().get("descriptorByName/" + describable + "/help/" + field);
    }
}
