package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in the repository run as their READMEs say; hello-offline is the README's main job. */
class ExamplesTest {
    @TempDir
    Path temp;

    private Path copyOf(String example) throws Exception {
        Path from = Path.of("..", "examples", example).toAbsolutePath().normalize();
        Path to = temp.resolve(example);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    @Test
    void helloOfflineBuildsTestsAndPackagesACodeDeployBundle() throws Exception {
        Path src = copyOf("hello-offline");
        Path result = temp.resolve("result.json");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--codedeploy-check", "--json", result.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Hello, World").contains("Build SUCCEEDED");
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.get("exportedVariables").get("APP_VERSION").asText()).startsWith("1.0.");
        JsonNode report = json.get("reports").get(0);
        assertThat(report.get("group").asText()).isEqualTo("unit-tests");
        assertThat(report.get("totals").get("tests").asInt()).isEqualTo(1);
        assertThat(report.get("totals").get("passed").asInt()).isEqualTo(1);
        JsonNode artifact = json.get("artifacts").get(0);
        Path zip = Path.of(artifact.get("zipPath").asText());
        assertThat(zip)
                .exists()
                .hasFileName("greeter-"
                        + json.get("exportedVariables").get("APP_VERSION").asText() + ".zip");
        try (org.apache.commons.compress.archivers.zip.ZipFile z =
                org.apache.commons.compress.archivers.zip.ZipFile.builder()
                        .setPath(zip)
                        .get()) {
            assertThat(z.getEntry("appspec.yml")).isNotNull();
            assertThat(z.getEntry("build/greeter").getUnixMode() & 0111)
                    .as("executable")
                    .isNotZero();
        }
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            assertThat(jdk.size()).isEqualTo(2);
        }
    }

    /** The README's example block is a real run's output; a run today prints every line of it, in order. */
    @Test
    void readmeExampleIsWhatARunOfHelloOfflinePrints() throws Exception {
        List<String> block = readmeExampleBlock();
        String command = "$ ./codebuild-local ";
        assertThat(block.get(0)).startsWith(command);
        List<String> args =
                new ArrayList<>(List.of(block.get(0).substring(command.length()).split(" ")));
        int source = args.indexOf("-s") + 1;
        assertThat(args.get(source)).isEqualTo("examples/hello-offline");
        Path src = copyOf("hello-offline");
        args.set(source, src.toString());

        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        List<String> printed = r.out()
                .replace(src.toString(), README_SOURCE)
                .lines()
                .map(ExamplesTest::shape)
                .toList();
        int at = 0;
        for (String line : block.subList(1, block.size())) {
            if (line.isBlank() || line.equals("...")) {
                continue;
            }
            String wanted = shape(line);
            int found = printed.subList(at, printed.size()).indexOf(wanted);
            assertThat(found)
                    .as(
                            "README line not printed (in this order) by a real run: %s%n--- the run printed:%n%s",
                            line, r.out())
                    .isNotNegative();
            at += found + 1;
        }
    }

    /** Where the README's run happened: it stands for the copy the test runs in. */
    private static final String README_SOURCE = "/home/me/codebuild-buildspec/examples/hello-offline";

    /** A line with what changes from run to run (times, ids, checksums, figures, column widths) made equal. */
    private static String shape(String line) {
        return line.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                .replaceAll("\\b[0-9a-f]{64}\\b", "SHA256")
                .replaceAll("[0-9]+", "N")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static List<String> readmeExampleBlock() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int heading = readme.indexOf("## Example");
        assertThat(heading).as("README has an '## Example' section").isNotNegative();
        int open = readme.subList(heading, readme.size()).indexOf("```") + heading;
        int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
        return readme.subList(open + 1, close);
    }

    /**
     * Without a package index the Streamlit build fails at its pip install, as CodeBuild's would, and
     * pip ran from a virtual environment inside the source folder, not from the machine's Python.
     * The pip settings stand in for a machine without network: no config files, an index nothing
     * listens on, no local wheels.
     */
    @Test
    void streamlitCalculatorOfflineFailsAtPipInstallIntoItsOwnVirtualEnvironment() throws Exception {
        assumeTrue(
                succeeds("python3", "-m", "venv", "--help"),
                "skipped: this machine has no python3 with the venv module (Debian: python3-venv)");
        Path src = copyOf("streamlit-calculator");
        Path noWheels = Files.createDirectories(temp.resolve("no-wheels"));
        String noIndex = "http://127.0.0.1:9/simple";
        CliRunner r = CliRunner.run(
                "run",
                "-s",
                src.toString(),
                "--env",
                "PIP_CONFIG_FILE=/dev/null",
                "--env",
                "PIP_INDEX_URL=" + noIndex,
                "--env",
                "PIP_EXTRA_INDEX_URL=" + noIndex,
                "--env",
                "PIP_FIND_LINKS=" + noWheels,
                "--env",
                "PIP_RETRIES=0");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("Running command python3 -m venv .venv")
                .contains("No matching distribution found for streamlit")
                .contains("Command did not exit successfully .venv/bin/pip install -r requirements.txt exit status 1")
                .contains("Phase complete: INSTALL State: FAILED")
                .containsPattern("PRE_BUILD +NOT_RUN");
        assertThat(src.resolve(".venv/bin/pip")).exists();
    }

    private static boolean succeeds(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void everyExampleBuildspecIsValid() throws Exception {
        try (Stream<Path> examples = Files.list(Path.of("..", "examples"))) {
            for (Path dir : examples.filter(Files::isDirectory).toList()) {
                CliRunner r =
                        CliRunner.run("validate", dir.resolve("buildspec.yml").toString());
                assertThat(r.exitCode()).as(r.out()).isZero();
                assertThat(r.out()).doesNotContain("warning:");
            }
        }
    }
}
