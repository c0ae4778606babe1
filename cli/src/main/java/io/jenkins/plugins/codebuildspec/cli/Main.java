package io.jenkins.plugins.codebuildspec.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code codebuild-local}: runs and checks AWS CodeBuild buildspec files on this machine. */
@Command(
        name = "codebuild-local",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs and checks AWS CodeBuild buildspec files on this machine.",
        subcommands = {
            RunCommand.class,
            BatchCommand.class,
            ValidateCommand.class,
            SchemaCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    /** Exit code for a successful command. */
    public static final int OK = 0;

    /** Exit code for a build that failed. */
    public static final int FAILED = 1;

    /** Exit code for invalid input or usage: a bad buildspec, an unknown flag. */
    public static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new PrintStream(System.out, true, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new PrintStream(System.err, true, StandardCharsets.UTF_8), true);
        System.exit(run(System.in, out, err, args));
    }

    /** Runs the CLI with the given streams and returns the exit code; never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code in} as standard input ({@code -b -}). */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(out, err);
        for (String verb : new String[] {"run", "batch"}) {
            ((RunCommand) cli.getSubcommands().get(verb).getCommand()).stdin = in;
        }
        ((ValidateCommand) cli.getSubcommands().get("validate").getCommand()).stdin = in;
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command line {@link #run} executes, with its streams, exit codes and help layout. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> INVALID);
        cli.getCommandSpec().exitCodeOnInvalidInput(INVALID);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("codebuild-local: " + describe(e));
            return INVALID;
        });
        UsageHelp.install(cli);
        return cli;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause.getMessage());
        }
        return text.toString();
    }

    /** No command given: a usage error, as with an unknown one. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("codebuild-local: no command given");
        spec.commandLine().usage(err);
        return INVALID;
    }

    /** The version and commit the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties build = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {line(build.getProperty("version"), build.getProperty("commit"))};
        }

        /** A value Maven did not fill in is still its {@code ${placeholder}}; a commit git could not tell is "unknown". */
        static String line(String version, String commit) {
            String v = known(version) ? version : "(version unknown: not built by Maven)";
            String c = known(commit)
                    ? "commit " + commit.substring(0, Math.min(12, commit.length()))
                    : "commit unknown: built outside a git clone";
            return "codebuild-local " + v + " (" + c + ")";
        }

        private static boolean known(String value) {
            return value != null && !value.isBlank() && !value.startsWith("${") && !value.equals("unknown");
        }
    }
}
