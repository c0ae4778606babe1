package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --report-html}: the page is self-contained and a real browser lays out its chart and tables. */
class HtmlReportTest {
    @TempDir
    Path temp;

    private Path report() throws Exception {
        Path src = Files.createDirectories(temp.resolve("proj"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                """
                version: 0.2
                env:
                  exported-variables: [TAG]
                phases:
                  pre_build:
                    commands:
                      - export TAG='v1<beta>'
                  build:
                    commands:
                      - mkdir -p reports dist && echo app > dist/app.txt
                      - |
                        cat > reports/TEST-x.xml <<'EOF'
                        <testsuite name="x"><testcase classname="x.T" name="ok"/><testcase classname="x.T" name="bad"><failure/></testcase></testsuite>
                        EOF
                      - test 1 -lt 2 && false
                reports:
                  unit:
                    files: ['reports/*.xml']
                artifacts:
                  files: ['dist/**/*']
                """);
        Path html = temp.resolve("out/report.html");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--report-html", html.toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("Report written to " + html);
        return html;
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatTheBuildPrinted() throws Exception {
        String page = Files.readString(report());
        assertThat(page)
                .contains("<span class=\"FAILED\" id=\"status\">FAILED</span>")
                .contains("test 1 -lt 2 &amp;&amp; false")
                .contains("<code>v1&lt;beta&gt;</code>")
                .contains("<code>x.T.bad</code>")
                .contains("2 tests, 1 passed, 1 failed")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http");
    }

    @Test
    void headlessChromiumRendersTheTimelineAndTheTables() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(
                Files.isExecutable(chromium),
                "Chromium is not installed (.ci/run installs Debian's chromium package); not checking rendering");
        Path html = report();
        List<String> cmd = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + temp.resolve("profile"),
                "--dump-dom",
                html.toUri().toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(temp.resolve("chromium.err").toFile())
                .start();
        String dom = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 6 phases ran (PROVISIONING to UPLOAD_ARTIFACTS) and 4 commands: one bar each
        assertThat(attribute(dom, "data-rendered-bars")).isEqualTo(10);
        // summary 4 + phases 7 + reports 2 + artifacts 2 + variables 2
        assertThat(attribute(dom, "data-rendered-rows")).isEqualTo(17);
    }

    private static int attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find())
                .as("%s in %s", name, dom.substring(0, Math.min(300, dom.length())))
                .isTrue();
        return Integer.parseInt(m.group(1));
    }
}
