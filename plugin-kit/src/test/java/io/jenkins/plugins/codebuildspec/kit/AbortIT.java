package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping a build through REST while a command runs a process tree leaves no process of the build. */
@ExtendWith(Kit.class)
class AbortIT {
    @Test
    void abortOnAnAgentKillsTheWholeProcessTree(Kit kit) throws Exception {
        kit.agent("kit-agent-1", "kit-agent linux");
        Build build = kit.runPipeline(
                "abort",
                """
                node('kit-agent') {
                  writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
                phases:
                  build:
                    commands:
                      - echo started; (sleep 4711; echo never) & sh -c 'sleep 4712'
                  post_build:
                    commands:
                      - echo post_build
                \'\'\'
                  codebuildSpec()
                }
                """);
        build.awaitConsole("\nstarted\n", Duration.ofMinutes(2));
        long started = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (processes("sleep 471").size() < 2 && System.nanoTime() < started) {
            Thread.sleep(100);
        }
        assertThat(processes("sleep 471"))
                .as("the build's processes while it runs")
                .hasSize(2);

        build.stop();

        String result = build.awaitResult();
        assertThat(result).as(build.console()).isEqualTo("ABORTED");
        List<String> left = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            left = processes("sleep 471");
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(left).as("processes of the aborted build still running").isEmpty();
        assertThat(build.console()).doesNotContain("\nnever\n").doesNotContain("post_build\n");
    }

    /** Command lines of this machine's processes that contain {@code text}. */
    static List<String> processes(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ')
                            .trim();
                    if (cmdline.startsWith("sleep") && cmdline.contains(text)) {
                        found.add(p.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }
}
