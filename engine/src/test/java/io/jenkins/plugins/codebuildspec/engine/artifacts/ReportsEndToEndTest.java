package io.jenkins.plugins.codebuildspec.engine.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.BuildStatus;
import io.jenkins.plugins.codebuildspec.engine.run.LocalBuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.store.LocalDirectoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report groups read after a real build: totals, failing tests, coverage, and malformed files as warnings. */
class ReportsEndToEndTest {
    @TempDir
    Path temp;

    @Test
    void testAndCoverageGroupsAreTotalledAndAMalformedFileOnlyWarns() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        String yaml =
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p target/surefire-reports coverage
                      - |
                        cat > target/surefire-reports/TEST-CalcTest.xml <<'EOF'
                        <?xml version="1.0" encoding="UTF-8"?>
                        <testsuite name="com.acme.CalcTest" tests="3" failures="1" errors="0" skipped="1" time="0.5">
                          <testcase classname="com.acme.CalcTest" name="adds" time="0.1"/>
                          <testcase classname="com.acme.CalcTest" name="divides" time="0.3"><failure message="boom">trace</failure></testcase>
                          <testcase classname="com.acme.CalcTest" name="later" time="0.1"><skipped/></testcase>
                        </testsuite>
                        EOF
                      - echo '<html>not a report</html>' > target/surefire-reports/TEST-broken.xml
                      - |
                        cat > coverage/coverage.xml <<'EOF'
                        <?xml version="1.0" ?>
                        <coverage lines-covered="75" lines-valid="100" branches-covered="3" branches-valid="4" line-rate="0.75" branch-rate="0.75" version="7.3" timestamp="1">
                        </coverage>
                        EOF
                reports:
                  unit:
                    files: ['TEST-*.xml']
                    base-directory: target/surefire-reports
                  cov:
                    files: [coverage/coverage.xml]
                    file-format: COBERTURAXML
                  empty:
                    files: ['nothing/*.xml']
                """;
        var spec = new BuildspecParser().parse("b.yml", yaml).orThrow();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BuildRequest request = new BuildRequest(
                        spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("r", 1))
                .baseEnvironment(Map.of("PATH", System.getenv("PATH")))
                .files(new LocalBuildFiles(new ArtifactPackager(
                        new LocalDirectoryStore(temp.resolve("out")), temp.resolve("z"), List.of())));
        BuildResult r = new BuildRunner(
                        new LocalProcessExecutor(),
                        io.jenkins.plugins.codebuildspec.engine.run.BuildLog.to(new PrintStream(log, true)))
                .run(request);
        String text = log.toString();

        assertThat(r.status()).as(text).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(r.reports()).extracting(ReportGroupResult::name).containsExactly("unit", "cov");
        ReportGroupResult unit = r.reports().get(0);
        assertThat(unit.tests()).isEqualTo(3);
        assertThat(unit.failures()).isEqualTo(1);
        assertThat(unit.skipped()).isEqualTo(1);
        assertThat(unit.passed()).isEqualTo(1);
        assertThat(unit.durationMillis()).isEqualTo(500);
        assertThat(unit.failingTests()).containsExactly("com.acme.CalcTest.divides");
        assertThat(unit.files()).containsExactly("target/surefire-reports/TEST-CalcTest.xml");
        assertThat(unit.warnings()).singleElement().asString().contains("target/surefire-reports/TEST-broken.xml");
        ReportGroupResult cov = r.reports().get(1);
        assertThat(cov.lineCoveragePercent()).isEqualTo(75.0);
        assertThat(cov.branchCoveragePercent()).isEqualTo(75.0);
        assertThat(text)
                .contains("Report group unit: 3 tests, 1 passed, 1 failed, 0 errors, 1 skipped in 0.50 s")
                .contains("  failed: com.acme.CalcTest.divides")
                .contains("Report group cov: line coverage 75.0% (75/100), branch coverage 75.0% (3/4)")
                .contains("Report group empty: no report files match [nothing/*.xml]");
    }
}
