package io.jenkins.plugins.codebuildspec.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's keeper ({@link BuildKeeper}): one perl process starts every command of a build, reports
 * exit codes as a shell would, keeps each command's output apart, holds the orphans until the build ends
 * and is gone after it. Real processes; sleeps have their own durations (32xx s).
 */
class BuildKeeperTest {
    @TempDir
    Path temp;

    private LocalProcessExecutor executor;

    @BeforeEach
    void keeperAvailable() {
        Assumptions.assumeTrue(
                new LocalProcessExecutor().keepsOrphans(),
                "no keeper on this machine (needs Linux on x86_64/aarch64/riscv64 and perl)");
        executor = new LocalProcessExecutor();
    }

    @BeforeEach
    @AfterEach
    void noSleepersLeft() {
        sleepers().forEach(ProcessHandle::destroyForcibly);
    }

    @AfterEach
    void endBuild() throws Exception {
        if (executor != null) {
            executor.killRemaining();
        }
    }

    private static List<ProcessHandle> sleepers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").matches(".*sleep 32[0-9][0-9].*"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private record Ran(int code, String output) {}

    private Ran run(String script) throws Exception {
        return run(List.of("/bin/sh", "-c", script), Map.of("PATH", System.getenv("PATH")));
    }

    private Ran run(List<String> argv, Map<String, String> env) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = executor.start(argv, env, temp.toString(), out).waitFor();
        return new Ran(code, out.toString(StandardCharsets.UTF_8));
    }

    private static long keeperOf(Ran ran) {
        return Long.parseLong(ran.output().strip());
    }

    @Test
    void oneKeeperStartsEveryCommandAndIsGoneAfterTheBuild() throws Exception {
        long first = keeperOf(run("echo $PPID"));
        long second = keeperOf(run("echo $PPID"));

        assertThat(second).as("the same keeper for both commands").isEqualTo(first);
        ProcessHandle keeper = ProcessHandle.of(first).orElseThrow();
        assertThat(keeper.info().command().orElse("")).endsWith("perl");
        assertThat(keeper.parent().map(ProcessHandle::pid))
                .contains(ProcessHandle.current().pid());

        executor.killRemaining();

        assertThat(keeper.isAlive()).as("the keeper after the build").isFalse();
    }

    @Test
    void exitCodesAreTheShellsIncludingSignals() throws Exception {
        assertThat(run("exit 0").code()).isZero();
        assertThat(run("exit 7").code()).isEqualTo(7);
        assertThat(run("kill -TERM $$").code()).isEqualTo(143);
        assertThat(run("kill -KILL $$").code()).isEqualTo(137);
        assertThat(run("kill -INT $$").code())
                .as("the keeper ignores INT; the command must not")
                .isEqualTo(130);
    }

    @Test
    void theCommandGetsExactlyItsEnvironmentAndNoInput() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("MULTI", "line one\nline two");
        env.put("EMPTY", "");
        env.put("PERL5OPT", "-MNo::Such::Module");
        env.put("UNICODE", "grüße");
        Ran ran = run(List.of("/bin/sh", "-c", "env; cat"), env);

        assertThat(ran.code()).isZero();
        assertThat(ran.output().lines())
                .contains(
                        "PATH=" + System.getenv("PATH"),
                        "MULTI=line one",
                        "line two",
                        "EMPTY=",
                        "PERL5OPT=-MNo::Such::Module",
                        "UNICODE=grüße")
                .anyMatch(l -> l.startsWith(LocalProcessExecutor.COOKIE + "="))
                .noneMatch(l -> l.startsWith("__CODEBUILD_KEEP_"));
    }

    @Test
    void eachCommandHasItsOwnOutputAndWhatABackgroundProcessPrintsLaterIsNotLogged() throws Exception {
        Ran first = run("echo first; (while :; do echo late; sleep 0.05; done) &");
        Thread.sleep(200);
        Ran second = run("echo second");
        Thread.sleep(200);

        assertThat(first.output()).startsWith("first\n");
        assertThat(second.output()).isEqualTo("second\n");
        assertThat(second.code()).isZero();
    }

    @Test
    void orphansThatClearedTheirEnvironmentAreHeldAndKilledWithTheBuild() throws Exception {
        Ran ran = run("env -i sh -c 'sleep 3201 & exit 0'; (env -i setsid sleep 3202 &); echo $PPID");
        long keeper = keeperOf(ran);

        List<ProcessHandle> orphans = sleepers();
        assertThat(orphans).hasSize(2);
        assertThat(orphans)
                .as("re-parented to the keeper, not to init")
                .allMatch(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == keeper);

        executor.killRemaining();

        assertThat(sleepers()).isEmpty();
        assertThat(ProcessHandle.of(keeper).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aKilledCommandEndsWithItsKeeperAndTheNextCommandGetsANewOne() throws Exception {
        long before = keeperOf(run("echo $PPID"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandExecutor.RunningCommand running = executor.start(
                List.of("/bin/sh", "-c", "env -i sleep 3211 & echo started; sleep 3212"),
                Map.of("PATH", System.getenv("PATH")),
                temp.toString(),
                out);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sleepers().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        running.kill();

        assertThat((System.nanoTime() - t0) / 1_000_000)
                .as("ms: TERM is enough, the keeper does not hold the grace period")
                .isLessThan(1900);
        assertThat(running.waitFor()).isNotZero();
        assertThat(sleepers()).isEmpty();
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        Ran after = run("echo $PPID");
        assertThat(after.code()).isZero();
        assertThat(keeperOf(after)).isNotEqualTo(before);
    }

    @Test
    void aCommandThatKillsTheKeeperEndsAndTheNextCommandGetsANewOne() throws Exception {
        long before = keeperOf(run("echo $PPID"));

        // after the keeper has said it started the command, and the runner holds its output
        Ran killer = run("sleep 0.5; kill -KILL $PPID; echo killed");

        assertThat(killer.output()).isEqualTo("killed\n");
        assertThat(killer.code()).as("not reported by a keeper").isEqualTo(BuildKeeper.LOST);
        Ran after = run("echo $PPID");
        assertThat(after.code()).isZero();
        assertThat(keeperOf(after)).isNotEqualTo(before);
    }

    @Test
    void aCommandThatKillsTheKeeperAtOnceRunsOnceNeverTwice() throws Exception {
        // Killed before it could report the start, the keeper leaves the runner unsure whether the command
        // ran: it must not be sent again. Repeated, as the keeper sometimes reports first.
        Path runs = temp.resolve("runs.txt");
        for (int i = 1; i <= 25; i++) {
            Ran killer = run("echo ran >> " + runs + "; kill -KILL $PPID");
            assertThat(killer.code()).as("try %d", i).isEqualTo(BuildKeeper.LOST);
            assertThat(Files.readAllLines(runs)).as("runs after try %d", i).hasSize(i);
        }
        assertThat(run("echo next").output()).isEqualTo("next\n");
    }

    @Test
    void aProgramOrDirectoryThatIsNotThereFailsTheStartAsProcessBuilderDoes() throws Exception {
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"));
        OutputStreamSink sink = new OutputStreamSink();

        assertThatThrownBy(() -> executor.start(List.of("no-such-shell-here"), env, temp.toString(), sink))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot run program \"no-such-shell-here\"")
                .hasMessageContaining("error=2");
        assertThatThrownBy(() -> executor.start(
                        List.of("/bin/sh", "-c", "true"),
                        env,
                        temp.resolve("gone").toString(),
                        sink))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot run program \"/bin/sh\"")
                .hasMessageContaining("error=2");
        Path notExecutable = Files.writeString(temp.resolve("script"), "echo hi\n");
        assertThatThrownBy(() -> executor.start(List.of(notExecutable.toString()), env, temp.toString(), sink))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("error=13");
        assertThat(run("echo still working").output()).isEqualTo("still working\n");
    }

    /** Discards output. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        @Override
        public void write(int b) {}
    }

    @Test
    void aLongerEarlierStateLeavesNothingBehindAndACommandThatSavesNoneKeepsThePrevious() throws Exception {
        Buildspec spec = new BuildspecParser()
                .parse(
                        "buildspec.yml",
                        """
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - export AAA_BIG=$(head -c 20000 /dev/zero | tr '\\0' x) ZZZ_LAST=1 KEEP=1
                              - unset AAA_BIG ZZZ_LAST
                              - test -z "${AAA_BIG+set}${ZZZ_LAST+set}" || echo BIG-came-back
                              - export LOST=1; exec true
                              - test -z "${LOST+set}" || echo LOST-was-saved
                              - test "$KEEP" = 1 || echo KEEP-missing
                            finally:
                              - echo done
                        """)
                .orThrow();
        Path src = Files.createDirectories(temp.resolve("src"));
        RecordingLog log = new RecordingLog();
        BuildResult result = new BuildRunner(executor, log)
                .run(new BuildRequest(spec, src.toString(), temp.resolve("tmp").toString(), BuildContext.of("p", 1))
                        .baseEnvironment(Map.of("PATH", System.getenv("PATH"))));

        assertThat(result.status()).as(log.text()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(log.lines())
                .as("the output lines, not the commands'")
                .contains("done")
                .doesNotContain("BIG-came-back", "LOST-was-saved", "KEEP-missing");
    }
}
