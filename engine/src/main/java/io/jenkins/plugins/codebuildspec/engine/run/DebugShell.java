package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the shell of a paused build is started ({@link DebugOptions}), and the names that
 * {@code codebuild-breakpoint} and {@code codebuild-resume} (the engine's tools) share with the runner.
 *
 * <p>On a terminal the shell is interactive: an rc file ({@code ENV} for sh, {@code --rcfile} for bash)
 * makes {@code codebuild-resume} an alias for {@code exit}, so the shell ends itself and hands the
 * terminal back. Reading from a pipe or file it is not interactive and reads no rc file: it is started
 * through {@code sh -c} that records its process id in {@code CODEBUILD_LOCAL_DEBUG_SHELL}, and the
 * {@code codebuild-resume} script ends it with SIGHUP.
 *
 * @param argv the shell's command line
 * @param environment its environment: the build's state, with the debug variables
 * @param rc the rc file's content, or null when there is none to write
 */
record DebugShell(List<String> argv, Map<String, String> environment, String rc) {
    /** The debug directory, set for the build's commands when breakpoints are on. */
    static final String DIRECTORY = "CODEBUILD_LOCAL_DEBUG_DIR";

    /** Set in the debug shell: its process id, or {@code terminal} when it is interactive. */
    static final String SHELL = "CODEBUILD_LOCAL_DEBUG_SHELL";

    /** The state a breakpoint leaves in the debug directory ({@code export -p}, PWD included). */
    static final String REQUEST = "request";

    /** What the runner writes in the debug directory to let the breakpoint go on. */
    static final String RESUME = "resume";

    /** The interactive shell's rc file, in the debug directory. */
    static final String RC = "shellrc";

    static DebugShell plan(String shell, boolean tty, String rcPath, Map<String, String> state) {
        Map<String, String> env = new LinkedHashMap<>(state);
        List<String> argv = new ArrayList<>();
        boolean bash = shell.endsWith("bash");
        if (!tty) {
            env.remove(SHELL);
            argv.addAll(List.of("/bin/sh", "-c", SHELL + "=$$; export " + SHELL + "; exec \"$0\"", shell));
            return new DebugShell(argv, env, null);
        }
        env.put(SHELL, "terminal");
        argv.add(shell);
        if (bash) {
            argv.add("--rcfile");
            argv.add(rcPath);
        } else {
            env.put("ENV", rcPath);
        }
        String rc = "alias codebuild-resume='echo \"codebuild-resume: resuming the build\"; exit 0'\n"
                + (bash ? "PS1='codebuild-debug:\\w\\$ '\n" : "PS1='codebuild-debug$ '\n")
                + "unset ENV\n";
        return new DebugShell(argv, env, rc);
    }
}
