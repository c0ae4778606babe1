package io.jenkins.plugins.codebuildspec.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console shows of a build. On a terminal (and without {@code CI} set) a live line with the
 * current phase, command and elapsed time, and a line per finished phase; elsewhere CodeBuild's plain
 * log lines. {@code -q} shows nothing until the summary; {@code -v} adds the commands' own output to
 * the live view. The log file gets every line whatever the view.
 */
final class ConsoleView implements AutoCloseable {
    /** How the console shows the build. */
    enum Mode {
        PLAIN,
        LIVE,
        QUIET
    }

    private static final Pattern PREFIX = Pattern.compile("^\\[Container] \\S+ \\S+ ");
    private static final Pattern ENTERING = Pattern.compile("Entering phase (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("Running command (.*)", Pattern.DOTALL);
    private static final Pattern COMPLETE = Pattern.compile("Phase complete: (\\S+) State: (\\S+)");
    private static final Pattern CONTEXT = Pattern.compile("Phase context status code: (\\S+) Message: (.+)");
    /** The runner's lines about debug mode's shells (DebugOptions). */
    private static final String DEBUG = "Debug: ";

    private final PrintWriter out;
    private final Mode mode;
    private final boolean verbose;
    private final LongSupplier clock;
    private ScheduledExecutorService ticker;
    private final long start;
    private String phase = "";
    private long phaseStart;
    private String command = "";
    private boolean statusShown;
    /** While a debug shell has the terminal: no live line. */
    private boolean suspended;

    ConsoleView(PrintWriter out, Mode mode, boolean verbose, LongSupplier nanoClock) {
        this.out = out;
        this.mode = mode;
        this.verbose = verbose;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        if (mode == Mode.LIVE) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "codebuild-local progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** LIVE on a terminal without CI set; PLAIN otherwise; -q wins over both. */
    static Mode mode(boolean terminal, Map<String, String> env, boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        boolean ci = env.containsKey("CI") && !env.get("CI").isBlank() && !"false".equalsIgnoreCase(env.get("CI"));
        boolean dumb = "dumb".equals(env.get("TERM"));
        return terminal && !ci && !dumb ? Mode.LIVE : Mode.PLAIN;
    }

    synchronized void engine(String line) {
        if (mode == Mode.PLAIN) {
            out.println(line);
            out.flush();
            return;
        }
        String message = PREFIX.matcher(line).replaceFirst("");
        if (message.startsWith(DEBUG)) {
            // the user must know why a shell appears, whatever the view
            permanent(message);
            redraw();
            return;
        }
        if (mode == Mode.QUIET) {
            return;
        }
        Matcher m;
        if ((m = ENTERING.matcher(message)).matches()) {
            phase = m.group(1);
            phaseStart = clock.getAsLong();
            command = "";
        } else if ((m = RUNNING.matcher(message)).matches()) {
            command = firstLine(m.group(1));
        } else if ((m = COMPLETE.matcher(message)).matches()) {
            permanent(String.format(
                    Locale.ROOT,
                    "%s %-17s %-10s %8s",
                    m.group(2).equals("SUCCEEDED") ? "✓" : "✗",
                    m.group(1),
                    m.group(2),
                    seconds(clock.getAsLong() - phaseStart)));
            // nothing runs between phases: no status line until the next one starts
            phase = "";
            command = "";
        } else if ((m = CONTEXT.matcher(message)).matches()) {
            permanent("    " + m.group(1) + ": " + m.group(2));
        } else if (message.startsWith("Command did not exit successfully")) {
            permanent("    " + firstLine(message));
        }
        redraw();
    }

    synchronized void output(String line) {
        if (mode == Mode.PLAIN) {
            out.println(line);
            out.flush();
        } else if (mode == Mode.LIVE && verbose) {
            permanent(line);
            redraw();
        }
    }

    /** A line that stays: the live status line is cleared first, and drawn again after. */
    private void permanent(String line) {
        clearStatus();
        out.println(line);
        out.flush();
    }

    /** A debug shell takes the terminal: the live line is cleared and not drawn until {@link #resume}. */
    synchronized void suspend() {
        clearStatus();
        out.flush();
        suspended = true;
    }

    synchronized void resume() {
        suspended = false;
        redraw();
    }

    private synchronized void redraw() {
        if (mode != Mode.LIVE || phase.isEmpty() || suspended) {
            return;
        }
        clearStatus();
        String status = String.format(
                Locale.ROOT,
                "[%s] %s %s",
                phase,
                elapsed(clock.getAsLong() - start),
                command.isEmpty() ? "" : "$ " + command);
        out.print(status.length() > 100 ? status.substring(0, 99) + "…" : status);
        out.flush();
        statusShown = true;
    }

    private void clearStatus() {
        if (statusShown) {
            out.print("\r\033[2K");
            statusShown = false;
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " …";
    }

    private static String elapsed(long nanos) {
        long s = Duration.ofNanos(nanos).toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearStatus();
        out.flush();
    }
}
