package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@code reports:} JUnit group becomes the build's test results, and the zip is archived in Jenkins. */
@ExtendWith(Kit.class)
class ReportsIT {
    @Test
    void junitGroupBecomesTestResultsAndTheZipIsArchived(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "reports",
                """
                node {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p build/test-results
                      - |
                        cat > build/test-results/TEST-calc.xml <<EOF
                        <testsuite name="calc" tests="3" failures="1" skipped="0" time="0.3">
                          <testcase classname="calc.AddTest" name="addsTwoNumbers" time="0.1"/>
                          <testcase classname="calc.AddTest" name="addsNegatives" time="0.1"/>
                          <testcase classname="calc.DivTest" name="dividesByZero" time="0.1">
                            <failure message="expected an error">boom</failure>
                          </testcase>
                        </testsuite>
                        EOF
                      - echo done > done.txt
                reports:
                  unit-tests:
                    files:
                      - 'build/test-results/*.xml'
                    file-format: JUNITXML
                artifacts:
                  files: [done.txt]
                  name: tested
                \'\'\'
                  def r = codebuildSpec()
                  echo "RESULT ${r.status} tests=${r.reports[0].totals.tests} failures=${r.reports[0].totals.failures}"
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        // One failing test: the buildspec build succeeds, as in CodeBuild; Jenkins shows the build unstable.
        assertThat(result).as(console).isEqualTo("UNSTABLE");
        assertThat(console).contains("RESULT SUCCEEDED tests=3 failures=1");
        JsonNode tests = kit.jenkins().json(build.path() + "testReport");
        assertThat(tests.get("passCount").asInt()).isEqualTo(2);
        assertThat(tests.get("failCount").asInt()).isEqualTo(1);
        assertThat(tests.toString()).contains("dividesByZero");
        assertThat(build.json().get("artifacts").findValuesAsText("relativePath"))
                .contains("codebuild/tested.zip");
    }

    /** As in CodeBuild, report files no {@code reports:} group names are found and published too. */
    @Test
    void reportsAreAutoDiscoveredAndWebhookVariablesComeFromTheJob(Kit kit) throws Exception {
        Build build = kit.runPipeline(
                "auto-discover",
                """
                node {
                  writeFile file: 'buildspec.yml', text: '''version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p target/surefire-reports
                      - echo '<testsuite name="found" tests="2"><testcase classname="auto.T" name="one"/><testcase classname="auto.T" name="two"/></testsuite>' > target/surefire-reports/TEST-auto.xml
                      - echo "event=$CODEBUILD_WEBHOOK_EVENT prev=$CODEBUILD_WEBHOOK_PREV_COMMIT head=$CODEBUILD_WEBHOOK_HEAD_REF"
                '''
                  withEnv(['BRANCH_NAME=main', 'GIT_PREVIOUS_COMMIT=0123abcd']) {
                    def r = codebuildSpec()
                    echo "GROUPS ${r.reports.collect { it.group + ':' + it.totals.tests }.join(',')}"
                  }
                }
                """);

        String result = build.awaitResult();
        String console = build.console();
        assertThat(result).as(console).isEqualTo("SUCCESS");
        assertThat(console)
                .contains("event=PUSH prev=0123abcd head=refs/heads/main")
                .containsPattern("GROUPS [^\\n]*JUNITXML-AutoDiscovered:2");
        JsonNode tests = kit.jenkins().json(build.path() + "testReport");
        assertThat(tests.get("passCount").asInt()).isEqualTo(2);
    }
}
