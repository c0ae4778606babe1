package io.jenkins.plugins.codebuildspec.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
public final class Main implements Runnable {
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
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with the given streams and returns the exit code; never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> INVALID);
        cli.getCommandSpec().exitCodeOnInvalidInput(INVALID);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("codebuild-local: " + describe(e));
            return INVALID;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause.getMessage());
        }
        return text.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar manifest, so it always matches the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"codebuild-local " + (version == null ? "(development build)" : version)};
        }
    }
}
