package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.model.BuildspecVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CodeBuild's shell semantics. In 0.2 each command is its own script, but starts from the variables
 * and working directory the previous one left, as if all were typed into one shell: the script turns
 * on {@code set -a} so plain assignments are kept too, and on exit saves {@code export -p} and
 * {@code pwd} into this build's state directory. The state file is overwritten in place, not truncated
 * (truncating and rewriting a file costs ~0.6 ms on ext4), and ends with a line only this command's
 * script knows: what follows it is left from an earlier, longer state, and a file without it was not
 * written by this command. In 0.1 every command starts afresh in the source
 * directory with the build's environment.
 */
final class ShellSession {
    /** Names the shell sets for itself; they are not state to carry. */
    private static final List<String> SHELL_OWN = List.of("SHLVL", "_", LocalProcessExecutor.COOKIE);

    private static final String PRIVATE_PREFIX = "__cb_";
    private static final String STATE_FILE = "state.env";
    private static final String KEPT = PRIVATE_PREFIX + "kept";
    private static final String SECRET_COPY = PRIVATE_PREFIX + "secret_";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final CommandExecutor executor;
    private final BuildspecVersion version;
    private final String shell;
    private final String sourceDirectory;
    private final String stateDirectory;
    private final Map<String, String> initialEnvironment;
    private final java.util.function.Predicate<String> secret;
    private final java.util.function.UnaryOperator<Map<String, String>> commandEnvironment;
    private Map<String, String> environment;
    /** The secret variables the running command started with, by name: they are not in the saved state. */
    private Map<String, String> secrets = Map.of();

    private String workingDirectory;
    private List<String> lastWrapper = List.of();
    /** The last line of the state the running command saves, see {@link #script}. */
    private String endOfState = "";

    ShellSession(
            CommandExecutor executor,
            BuildspecVersion version,
            String shell,
            String sourceDirectory,
            String stateDirectory,
            Map<String, String> environment,
            java.util.function.Predicate<String> secret,
            java.util.function.UnaryOperator<Map<String, String>> commandEnvironment) {
        this.executor = executor;
        this.version = version;
        this.shell = shell;
        this.sourceDirectory = sourceDirectory;
        this.stateDirectory = stateDirectory;
        this.initialEnvironment = new LinkedHashMap<>(environment);
        this.secret = secret;
        this.commandEnvironment = commandEnvironment;
        this.environment = new LinkedHashMap<>(environment);
        this.workingDirectory = sourceDirectory;
    }

    /** The variables as the last command left them (0.2), or as the build started (0.1). */
    Map<String, String> environment() {
        return environment;
    }

    /** The working directory the last command left (0.2), or the source directory (0.1). */
    String workingDirectory() {
        return version.carriesShellState() ? workingDirectory : sourceDirectory;
    }

    /**
     * The variables in {@code export -p} output that are the build's, not the shell's own or the
     * runner's private ones: what a shell at that point should start with.
     */
    static Map<String, String> carried(String exported) {
        Map<String, String> out = new LinkedHashMap<>();
        ExportParser.parse(exported).forEach((k, v) -> {
            if (!SHELL_OWN.contains(k) && !k.startsWith(PRIVATE_PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Starts one command. {@code engineOwned} are set last, whatever the carried state holds;
     * {@code wrapper} is put in front of the shell (run-as).
     */
    CommandExecutor.RunningCommand start(
            String command, Map<String, String> engineOwned, List<String> wrapper, OutputStream output)
            throws IOException {
        // One script file and one state file per build, overwritten: commands run one at a time, and
        // creating files costs more than a trivial command on some file systems.
        if (!wrapper.equals(lastWrapper)) {
            // another user may not overwrite the state file the previous one wrote (mode 600)
            executor.deleteRecursively(executor.resolve(stateDirectory, STATE_FILE));
            lastWrapper = List.copyOf(wrapper);
        }
        Map<String, String> env = startingEnvironment(engineOwned);
        secrets = new LinkedHashMap<>();
        if (version.carriesShellState()) {
            env.forEach((name, value) -> {
                if (NAME.matcher(name).matches() && secret.test(value)) {
                    secrets.put(name, value);
                }
            });
            // the shell compares with these copies, which live only in the command's memory
            secrets.forEach((name, value) -> env.put(SECRET_COPY + name, value));
        }
        endOfState = "# end of state "
                + Long.toHexString(
                        java.util.concurrent.ThreadLocalRandom.current().nextLong());
        String script = executor.resolve(stateDirectory, "command.sh");
        executor.writeFile(script, script(command));
        List<String> argv = new ArrayList<>(wrapper);
        argv.add(shell);
        argv.add(script);
        return executor.start(argv, env, sourceDirectory, output);
    }

    /**
     * Reads back what the command left, for the next one (0.2 only): the exported variables, and the
     * working directory from the shell's own {@code PWD}.
     */
    void finish() throws IOException {
        if (!version.carriesShellState()) {
            return;
        }
        String state = executor.resolve(stateDirectory, STATE_FILE);
        var saved = executor.readFile(state);
        if (saved.isEmpty()) {
            return;
        }
        String text = saved.get();
        int end = text.startsWith(endOfState + "\n") ? 0 : text.indexOf("\n" + endOfState + "\n");
        if (end < 0) {
            return; // not saved by this command (exec, a removed trap, an unwritable file)
        }
        Map<String, String> next = new LinkedHashMap<>();
        String pwd = null;
        for (var entry : ExportParser.parse(text.substring(0, end)).entrySet()) {
            String k = entry.getKey();
            if (k.equals(KEPT)) {
                for (String name : entry.getValue().trim().split(" +")) {
                    if (secrets.containsKey(name)) {
                        next.put(name, secrets.get(name));
                    }
                }
            } else if (k.equals("PWD")) {
                pwd = entry.getValue();
            } else if (!SHELL_OWN.contains(k) && !k.startsWith(PRIVATE_PREFIX)) {
                next.put(k, entry.getValue());
            }
        }
        environment = next;
        if (pwd != null && !pwd.isEmpty()) {
            workingDirectory = pwd;
        }
        // Not deleted: the next command overwrites it, and a command that saves none (exec, or a removed
        // trap) leaves the previous state, which is what it started from.
    }

    /**
     * Expands {@code text} as the build's shell would, with the variables and working directory the
     * last command left: an unquoted here-document gives parameter, command and arithmetic expansion
     * without word splitting or globbing. Used for artifact names.
     */
    String expand(String text, Map<String, String> engineOwned) throws IOException, InterruptedException {
        String marker = "__CODEBUILD_EXPAND_" + Long.toHexString(System.nanoTime()) + "__";
        String script = executor.resolve(stateDirectory, "expand.sh");
        executor.writeFile(
                script,
                "cd " + quote(workingDirectory) + " 2>/dev/null || cd " + quote(sourceDirectory) + "\ncat <<" + marker
                        + "\n" + text + "\n" + marker + "\n");
        Map<String, String> env = startingEnvironment(engineOwned);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = executor.start(List.of(shell, script), env, sourceDirectory, out)
                .waitFor();
        String result = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IOException("the shell could not expand '" + text + "': " + result.strip());
        }
        return result.endsWith("\n") ? result.substring(0, result.length() - 1) : result;
    }

    /**
     * What a command starts with: the carried (0.2) or initial (0.1) variables, the engine's own set last,
     * then what the build adds to every command (the git credential helper).
     */
    private Map<String, String> startingEnvironment(Map<String, String> engineOwned) {
        Map<String, String> env = new LinkedHashMap<>(version.carriesShellState() ? environment : initialEnvironment);
        env.putAll(engineOwned);
        return new LinkedHashMap<>(commandEnvironment.apply(env));
    }

    private String script(String command) {
        StringBuilder s = new StringBuilder();
        if (version.carriesShellState()) {
            // The working directory the previous command left; the source directory if it is gone.
            s.append("cd ")
                    .append(quote(workingDirectory))
                    .append(" 2>/dev/null || cd ")
                    .append(quote(sourceDirectory))
                    .append('\n');
            // umask: the saved state holds the build's variables. PWD is exported so it carries the
            // directory. Secrets the command left as they were are unset before saving and only named
            // ("command": a readonly one must not end the shell, as a failed special builtin would).
            // A failed redirection of the export builtin would end the shell with status 2, so the
            // group takes it: not saving the state must not fail the command.
            s.append("trap '__cb_rc=$?; umask 077; export PWD; ").append(KEPT).append("=;");
            for (String name : secrets.keySet()) {
                String copy = SECRET_COPY + name;
                s.append(" if [ \"${")
                        .append(name)
                        .append("+x}\" = x ] && [ \"$")
                        .append(name)
                        .append("\" = \"$")
                        .append(copy)
                        .append("\" ]; then command unset ")
                        .append(name)
                        .append(" 2>/dev/null; ")
                        .append(KEPT)
                        .append("=\"$")
                        .append(KEPT)
                        .append(' ')
                        .append(name)
                        .append("\"; fi; unset ")
                        .append(copy)
                        .append(';');
            }
            s.append(" export ")
                    .append(KEPT)
                    .append("; { export -p; echo \"")
                    .append(endOfState)
                    .append("\"; } 1<> ")
                    .append(escapeInTrap(executor.resolve(stateDirectory, STATE_FILE)))
                    .append(" 2>/dev/null; exit $__cb_rc' EXIT\n");
            s.append("set -a\n");
        } else {
            s.append("cd ").append(quote(sourceDirectory)).append('\n');
        }
        s.append(command);
        if (!command.endsWith("\n")) {
            s.append('\n');
        }
        return s.toString();
    }

    /** Single-quotes a value for sh. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A path inside the single-quoted trap text: double-quoted there, with any ' closed and reopened. */
    private static String escapeInTrap(String path) {
        String doubleQuoted = "\""
                + path.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("$", "\\$")
                        .replace("`", "\\`") + "\"";
        return doubleQuoted.replace("'", "'\\''");
    }
}
