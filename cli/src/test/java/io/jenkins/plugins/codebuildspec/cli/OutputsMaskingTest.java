package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output a run writes (summary, {@code --json}, {@code --report-html}, the log) shows secrets
 * masked, wherever they went: an artifact name, a failing test's name; and a bad artifact name is an
 * ordinary failed build with the usual outputs.
 */
class OutputsMaskingTest {
    private static final String SECRET = "tok-7f3a9c21";

    @TempDir
    Path dir;

    @Test
    void aSecretInAnArtifactNameOrATestNameIsMaskedInTheSummaryJsonAndHtmlReport() throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                env:
                  parameter-store: {S1: /ci/token}
                phases:
                  build:
                    commands:
                      - echo app > app.txt
                      - printf '<testsuite name="s" tests="1" failures="1"><testcase classname="c" name="login-%s"><failure message="m"/></testcase></testsuite>' "$S1" > TEST-r.xml
                reports:
                  unit:
                    files: [TEST-r.xml]
                artifacts:
                  name: art-$S1
                  files: [app.txt]
                """);
        Path secrets = dir.resolve("secrets.env");
        Files.writeString(secrets, "/ci/token=" + SECRET + "\n");
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Path artifacts = dir.resolve("artifacts");
        CliRunner r = CliRunner.run(
                "run",
                "-s",
                src.toString(),
                "-a",
                artifacts.toString(),
                "--secret-file",
                secrets.toString(),
                "--json",
                json.toString(),
                "--report-html",
                html.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out() + r.err()).contains("art-***").contains("login-***").doesNotContain(SECRET);
        String jsonText = Files.readString(json);
        assertThat(jsonText).doesNotContain(SECRET);
        JsonNode artifact =
                new ObjectMapper().readTree(jsonText).get("artifacts").get(0);
        assertThat(artifact.get("name").asText()).isEqualTo("art-***");
        assertThat(artifact.get("location").asText()).endsWith("art-***.zip");
        assertThat(artifact.get("zipPath").asText()).endsWith("art-***.zip");
        assertThat(Files.readString(html)).contains("art-***").doesNotContain(SECRET);
        String log = Files.readString(
                Path.of(new ObjectMapper().readTree(jsonText).get("logPath").asText()));
        assertThat(log).doesNotContain(SECRET);
        // the file itself keeps the name the buildspec asked for: only what is shown is masked
        assertThat(artifacts.resolve("art-" + SECRET + ".zip")).exists();
    }

    @Test
    void anArtifactNameThatCannotBeAFileNameFailsTheBuildWithTheUsualSummaryAndResultFile() throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                phases:
                  build:
                    commands: [echo app > app.txt]
                artifacts:
                  name: a/.
                  files: [app.txt]
                """);
        Path json = dir.resolve("r.json");
        CliRunner r = CliRunner.run(
                "run", "-s", src.toString(), "-a", dir.resolve("artifacts").toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Failed in UPLOAD_ARTIFACTS: artifacts.name 'a/.' is not usable");
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("status").asText()).isEqualTo("FAILED");
        assertThat(dir.resolve("artifacts")).satisfiesAnyOf(a -> assertThat(a).doesNotExist(), a -> assertThat(a)
                .isEmptyDirectory());
    }

    @Test
    void aSecretWithQuotesIsMaskedWhereTheBuildsShellPrintsItQuoted() throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                env:
                  shell: bash
                  parameter-store: {S2: /ci/s2}
                phases:
                  build:
                    commands:
                      - export -p | grep S2
                      - set | grep '^S2='
                      - |
                        set -x; echo "$S2"; set +x
                      - |
                        dash -c 'export -p; set -x; : "$S2"' 2>&1 | grep -v PS
                """);
        Path secrets = dir.resolve("secrets.env");
        Files.writeString(secrets, "/ci/s2=p@ss'w\"o<r>d&\\x!$y`z-Qq9\n");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--secret-file", secrets.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("declare -x S2=\"***\"")
                .contains("S2='***'")
                .contains("+ echo '***'")
                .contains("export S2='***'")
                .doesNotContain("Qq9")
                .doesNotContain("p@ss");
    }
}
