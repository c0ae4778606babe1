package io.jenkins.plugins.codebuildspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The console view for each mode, fed the engine's real log lines. */
class ConsoleViewTest {
    private final AtomicLong nanos = new AtomicLong();

    private String show(ConsoleView.Mode mode, boolean verbose) {
        StringWriter text = new StringWriter();
        try (ConsoleView view = new ConsoleView(new PrintWriter(text), mode, verbose, nanos::get)) {
            view.engine("[Container] 2026/11/24 04:25:32.123456 Entering phase BUILD");
            view.engine("[Container] 2026/11/24 04:25:32.123457 Running command make all");
            view.output("compiling main.c");
            nanos.addAndGet(65_000_000_000L);
            view.engine(
                    "[Container] 2026/11/24 04:26:37.000000 Command did not exit successfully make all exit status 2");
            view.engine("[Container] 2026/11/24 04:26:37.000001 Phase complete: BUILD State: FAILED");
            view.engine("[Container] 2026/11/24 04:26:37.000002 Phase context status code: COMMAND_EXECUTION_ERROR"
                    + " Message: Error while executing command: make all. Reason: exit status 2");
        }
        return text.toString();
    }

    @Test
    void liveViewShowsPhaseCommandAndElapsedAndKeepsOnlyResults() {
        String live = show(ConsoleView.Mode.LIVE, false);
        assertThat(live)
                .contains("[BUILD] 00:00 $ make all")
                .contains("\r\033[2K")
                .contains("✗ BUILD             FAILED      65.00 s")
                .contains("[BUILD] 01:05 $ make all")
                .contains("    Command did not exit successfully make all exit status 2")
                .contains("    COMMAND_EXECUTION_ERROR: Error while executing command: make all. Reason: exit status 2")
                .doesNotContain("compiling main.c")
                .doesNotContain("[Container]");
        assertThat(live).endsWith("\n");
    }

    @Test
    void verboseLiveViewAddsTheCommandsOutput() {
        assertThat(show(ConsoleView.Mode.LIVE, true)).contains("compiling main.c\n");
    }

    @Test
    void plainViewIsCodeBuildsLogAndQuietShowsNothing() {
        String plain = show(ConsoleView.Mode.PLAIN, false);
        assertThat(plain)
                .contains("[Container] 2026/11/24 04:25:32.123457 Running command make all\ncompiling main.c\n")
                .doesNotContain("\r");
        assertThat(show(ConsoleView.Mode.QUIET, false)).isEmpty();
    }

    @Test
    void theLiveViewIsOnlyForATerminalOutsideCi() {
        assertThat(ConsoleView.mode(true, Map.of("TERM", "xterm"), false)).isEqualTo(ConsoleView.Mode.LIVE);
        assertThat(ConsoleView.mode(true, Map.of("CI", "true"), false)).isEqualTo(ConsoleView.Mode.PLAIN);
        assertThat(ConsoleView.mode(true, Map.of("TERM", "dumb"), false)).isEqualTo(ConsoleView.Mode.PLAIN);
        assertThat(ConsoleView.mode(false, Map.of(), false)).isEqualTo(ConsoleView.Mode.PLAIN);
        assertThat(ConsoleView.mode(true, Map.of(), true)).isEqualTo(ConsoleView.Mode.QUIET);
    }
}
