package io.jenkins.plugins.codebuildspec.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A step call's JVM stays on the agent, warm, for the next call: the next call runs in it (its commands
 * descend from that JVM), and a JVM nobody gives a build within its idle time ends and removes its socket.
 */
@ExtendWith(Kit.class)
class SpareJvmIT {
    private static final String PROPERTY = "io.jenkins.plugins.codebuildspec.CodebuildSpecStep.spareIdleSeconds";

    /** Prints the command's ancestors' pids, up to init, and exports a variable. */
    private static final String PIPELINE =
            """
            node('kit-spare') {
              writeFile file: 'buildspec.yml', text: \'\'\'version: 0.2
            phases:
              build:
                commands:
                  - p=$$; while [ "$p" -gt 1 ]; do echo "ancestor $p"; p=$(sed 's/.*) //' /proc/$p/stat | cut -d' ' -f2); done
                  - export CALL=%s
            env:
              exported-variables:
                - CALL
            \'\'\'
              def r = codebuildSpec()
              echo "call ${r.exportedVariables.CALL}"
            }
            """;

    @Test
    void theNextStepCallRunsInTheJvmOfThePreviousOneWhichEndsWhenIdle(Kit kit) throws Exception {
        Path root = kit.agent("kit-spare", "kit-spare");
        kit.jenkins().script("System.setProperty('" + PROPERTY + "', '20')");
        try {
            Build first = kit.runPipeline("spare-first", PIPELINE.formatted("first"));
            assertThat(first.awaitResult()).as(first.console()).isEqualTo("SUCCESS");
            assertThat(first.console()).contains("call first");

            long spare = awaitSpare(root, Duration.ofMinutes(1))
                    .orElseThrow(() -> new AssertionError("the first call's JVM does not wait for the next"));
            assertThat(first.console())
                    .as("the first call ran in the JVM that now waits")
                    .contains("ancestor " + spare + "\n");

            // A socket left by a JVM that was killed: the next JVM to listen beside it removes it.
            Path listening =
                    ProcessHandle.of(spare).flatMap(p -> socket(p, root)).orElseThrow();
            Path stale = listening.resolveSibling("spare-0-killed.sock");
            try (var dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                dead.bind(java.net.UnixDomainSocketAddress.of(stale));
            }
            assertThat(stale).exists();

            Build second = kit.runPipeline("spare-second", PIPELINE.formatted("second"));
            assertThat(second.awaitResult()).as(second.console()).isEqualTo("SUCCESS");
            assertThat(second.console())
                    .as("the second call's commands descend from the waiting JVM")
                    .contains("ancestor " + spare + "\n")
                    .contains("call second");

            // It waits again; with 20 s of idle time it ends by itself.
            assertThat(awaitSpare(root, Duration.ofMinutes(1))).contains(spare);
            assertThat(stale)
                    .as("the socket of a killed JVM, once a JVM listened beside it")
                    .doesNotExist();
            Path socket = ProcessHandle.of(spare).flatMap(p -> socket(p, root)).orElseThrow();
            assertThat(awaitEnd(spare, Duration.ofSeconds(90)))
                    .as("an idle spare ends after its idle time")
                    .isTrue();
            assertThat(socket).as("the socket of the spare that ended").doesNotExist();
        } finally {
            kit.jenkins().script("System.clearProperty('" + PROPERTY + "')");
        }
    }

    /** Whether process {@code pid} ended within {@code timeout}. */
    private static boolean awaitEnd(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** The pid of the JVM waiting for the next build of {@code root}'s agent, once it listens on its socket. */
    private static Optional<Long> awaitSpare(Path root, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = ProcessHandle.allProcesses()
                    .filter(p -> socket(p, root).map(Files::exists).orElse(false))
                    .map(ProcessHandle::pid)
                    .findFirst();
            if (pid.isPresent()) {
                return pid;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** The socket of {@code process} if it is a spare engine JVM of {@code root}'s agent. */
    private static Optional<Path> socket(ProcessHandle process, Path root) {
        List<String> args = Processes.arguments(process);
        // DetachedBuild DIR SOCKET IDLE_SECONDS
        int main = args.indexOf("io.jenkins.plugins.codebuildspec.DetachedBuild");
        String jars = "agents/" + root.getFileName() + "/codebuildspec-engine/";
        boolean ours = args.stream().anyMatch(a -> a.contains(jars));
        return main >= 0 && ours && main + 3 < args.size()
                ? Optional.of(Path.of(args.get(main + 2)))
                : Optional.empty();
    }
}
