package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private Path project(String buildspec) throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj"));
        Files.writeString(src.resolve("buildspec.yml"), buildspec);
        return src;
    }

    private JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void successfulBuildExitsZeroWithJsonResultAndExportedVariables() throws Exception {
        Path src = project(
                """
                version: 0.2
                env:
                  exported-variables: [TAG]
                phases:
                  build:
                    commands:
                      - export TAG=v$CODEBUILD_BUILD_NUMBER
                """);
        Path result = dir.resolve("out/result.json");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--json", result.toString(), "--build-number", "12");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Running command export TAG=v$CODEBUILD_BUILD_NUMBER")
                .contains("Build SUCCEEDED")
                .contains("TAG=v12");
        JsonNode json = json(result);
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("buildNumber").asInt()).isEqualTo(12);
        assertThat(json.get("exportedVariables").get("TAG").asText()).isEqualTo("v12");
        assertThat(json.get("phases"))
                .extracting(p -> p.get("name").asText())
                .containsExactly("PROVISIONING", "INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS");
        assertThat(Path.of(json.get("logPath").asText())).exists();
        assertThat(Files.readString(Path.of(json.get("logPath").asText()))).contains("Entering phase BUILD");
    }

    @Test
    void failedBuildExitsOneAndListsPhasesThatDidNotRunAsNotRun() throws Exception {
        Path src = project(
                """
                version: 0.2
                phases:
                  install:
                    commands: [exit 3]
                  build:
                    commands: [echo never]
                """);
        Path result = dir.resolve("r.json");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--json", result.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Failed in INSTALL: Error while executing command: exit 3. Reason: exit status 3");
        JsonNode phases = json(result).get("phases");
        assertThat(phases.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(phases.get(1).get("code").asText()).isEqualTo("COMMAND_EXECUTION_ERROR");
        assertThat(phases.get(1).get("message").asText())
                .isEqualTo("Error while executing command: exit 3. Reason: exit status 3");
        assertThat(phases.get(2).get("status").asText()).isEqualTo("NOT_RUN");
        assertThat(phases.get(3).get("status").asText()).isEqualTo("NOT_RUN");
    }

    @Test
    void invalidBuildspecExitsTwoAndRunsNothing() throws Exception {
        Path src = project("version: 0.2\nphases:\n  biuld:\n    commands: [touch ran]\n");
        CliRunner r = CliRunner.run("run", "-s", src.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("buildspec.yml:3:3: error: unknown phase 'biuld'")
                .contains("nothing was run");
        assertThat(src.resolve("ran")).doesNotExist();
    }

    @Test
    void dryrunPrintsThePlanAndRunsNothing() throws Exception {
        Path src = project(
                """
                version: 0.2
                env:
                  parameter-store: {TOKEN: /ci/token}
                phases:
                  build:
                    on-failure: CONTINUE
                    commands: [touch ran, echo two]
                    finally: [touch finally-ran]
                artifacts:
                  files: ['dist/**/*']
                  name: app-$VERSION
                cache:
                  key: deps
                  paths: [node_modules/**/*]
                """);
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--dryrun");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("variable TOKEN from parameter-store /ci/token")
                .contains("BUILD (on-failure CONTINUE):")
                .contains("1. touch ran")
                .contains("finally:")
                .contains("Artifact app-$VERSION: files [dist/**/*]")
                .contains("Cache: key deps, restore and save, paths [node_modules/**/*]")
                .contains("Nothing was run (--dryrun).");
        assertThat(src.resolve("ran")).doesNotExist();
        assertThat(src.resolve("finally-ran")).doesNotExist();
    }

    @Test
    void envFlagsOverrideTheBuildspecAndTheEnvFile() throws Exception {
        Path src = project(
                """
                version: 0.2
                env:
                  variables: {A: spec, B: spec, C: spec}
                phases:
                  build:
                    commands: ['echo "A=$A B=$B C=$C"']
                """);
        Path envFile = dir.resolve("vars.env");
        Files.writeString(envFile, "# comment\nB=file\nexport C='file'\n");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "-e", envFile.toString(), "--env", "C=flag");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("A=spec B=file C=flag");
    }

    @Test
    void secretFileValuesAreUsedAndMasked() throws Exception {
        Path src = project(
                """
                version: 0.2
                env:
                  parameter-store: {TOKEN: /ci/token}
                  secrets-manager: {DB: prod/db:password}
                phases:
                  build:
                    commands: ['echo "token=$TOKEN db=$DB len=${#DB}"']
                """);
        Path secrets = dir.resolve("secrets.env");
        Files.writeString(secrets, "/ci/token=tok-123456\nprod/db={\"password\":\"pw-abcdef\"}\n");
        Path result = dir.resolve("r.json");
        CliRunner r = CliRunner.run(
                "run", "-s", src.toString(), "--secret-file", secrets.toString(), "--json", result.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("token=*** db=*** len=9")
                .doesNotContain("tok-123456")
                .doesNotContain("pw-abcdef");
        String log = Files.readString(Path.of(json(result).get("logPath").asText()));
        assertThat(log).contains("token=***").doesNotContain("tok-123456").doesNotContain("pw-abcdef");
    }

    @Test
    void missingSecretFailsTheBuildBeforeInstallNamingTheVariable() throws Exception {
        Path src = project(
                """
                version: 0.2
                env:
                  parameter-store: {TOKEN: /ci/token}
                phases:
                  install:
                    commands: [touch ran]
                """);
        Path secrets = dir.resolve("empty.env");
        Files.writeString(secrets, "# nothing\n");
        CliRunner r = CliRunner.run("run", "-s", src.toString(), "--secret-file", secrets.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Failed in PROVISIONING").contains("TOKEN").contains("/ci/token");
        assertThat(src.resolve("ran")).doesNotExist();
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        Path src = project("version: 0.2\nphases:\n  build:\n    commands: [true]\n");
        assertThat(CliRunner.run("run", "-s", src.toString(), "--timeout", "0").exitCode())
                .isEqualTo(2);
        assertThat(CliRunner.run("run", "-s", dir.resolve("nope").toString()).err())
                .contains("does not exist");
        CliRunner bad = CliRunner.run("run", "-s", src.toString(), "--env", "NOEQUALS");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--env expects KEY=VALUE");
    }

    @Test
    void aSourceDirectoryWithoutBuildspecSaysWhereItLookedAndRunsNothing() throws Exception {
        Path src = Files.createDirectories(dir.resolve("empty"));
        CliRunner r = CliRunner.run("run", "-s", src.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("codebuild-local: no buildspec: the file does not exist (looked for "
                        + src.resolve("buildspec.yml") + ")")
                .doesNotContain("NoSuchFile")
                .doesNotContain(":1:1:");
        assertThat(src.resolve(".codebuild")).doesNotExist();
    }

    @Test
    void buildNumbersCountUpPerSourceDirectory() throws Exception {
        Path src = project(
                "version: 0.2\nenv:\n  exported-variables: [N]\nphases:\n  build:\n    commands: ['export N=$CODEBUILD_BUILD_NUMBER']\n");
        CliRunner.run("run", "-s", src.toString());
        CliRunner second = CliRunner.run("run", "-s", src.toString());
        assertThat(second.out()).contains("N=2");
    }

    @Test
    void ctrlCStopsTheBuildKillsItsProcessesAndWritesTheResult() throws Exception {
        stopTheBuildWith("INT", 130);
    }

    @Test
    void sigtermStopsTheBuildKillsItsProcessesAndWritesTheResult() throws Exception {
        stopTheBuildWith("TERM", 143);
    }

    /** Starts a build that hangs in BUILD, sends it {@code signal}, and checks what a user is left with. */
    private void stopTheBuildWith(String signal, int exitCode) throws Exception {
        // a number no other build on this machine sleeps for, to find this build's processes
        long marker = 400_000 + new java.util.Random().nextInt(500_000);
        Path src = project(
                """
                version: 0.2
                phases:
                  build:
                    commands:
                      - sleep %d &
                      - env -i sleep %d &
                      - touch started; sleep %d
                  post_build:
                    commands: [touch post-build-ran]
                """
                        .formatted(marker, marker + 2, marker + 1));
        // the CLI's temporary directory goes here, to check that the stop removes it
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Path result = dir.resolve("stopped.json");
        // SIGINT back at its default: a JVM started with SIGINT ignored (nohup, a background job of a
        // script) passes that on to its children, and Java cannot catch a signal it inherited ignored.
        // A user's terminal delivers Ctrl-C to a process whose SIGINT is at its default.
        List<String> cmd = new ArrayList<>(List.of(
                "perl",
                "-e",
                "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "-s",
                src.toString(),
                "--json",
                result.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = builder.redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(src.resolve("started")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(src.resolve("started"))
                    .as(Files.readString(dir.resolve("out.txt")))
                    .exists();
            p.descendants().forEach(tree::add);
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(p.exitValue()).as(out).isEqualTo(exitCode);
            assertThat(out).contains("Phase complete: BUILD State: STOPPED").contains("Build STOPPED");
            assertThat(json(result).get("status").asText()).isEqualTo("STOPPED");
            assertThat(src.resolve("post-build-ran")).doesNotExist();
            assertThat(sleepersOf(marker)).isEmpty();
            try (var left = Files.list(runtime)) {
                assertThat(left.toList()).as("the run's temporary directory").isEmpty();
            }
            assertThat(File.separator).isEqualTo("/");
        } finally {
            // whatever failed above, leave nothing running: the CLI and every process of its build
            p.descendants().forEach(tree::add);
            tree.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            sleepersOf(marker).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The build's sleep processes still alive, wherever they were reparented to. */
    private static List<ProcessHandle> sleepersOf(long marker) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info()
                        .commandLine()
                        .orElse("")
                        .matches(".*sleep (" + marker + "|" + (marker + 1) + "|" + (marker + 2) + ")\\b.*"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }
}
