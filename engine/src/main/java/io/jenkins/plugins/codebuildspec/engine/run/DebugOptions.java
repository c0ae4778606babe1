package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.Objects;

/**
 * Debug mode ({@code codebuild-local run --debug}, {@code --debug-on-failure}): where the build pauses
 * and opens a shell at its state on the user's terminal.
 *
 * <ul>
 *   <li>{@code breakpoints}: {@code codebuild-breakpoint} in a command pauses the build there, as it
 *       does in a CodeBuild build with a debug session; the shell has that command's working directory
 *       and exported variables (in 0.2 every assignment is exported). Without it the command says it is
 *       not in debug mode and the build goes on.
 *   <li>{@code onFailure}: when a command fails, a shell opens at the state it left (what the next
 *       command would have started from) before the phase goes on as it would have; the failure stands.
 * </ul>
 *
 * The shell is the buildspec's shell, run where the commands run (in the container with an image), as
 * the phase's {@code run-as} user. It ends with {@code codebuild-resume}, {@code exit} or the end of its
 * input, and the build resumes. The build timeout keeps running while it is open. What the shell prints
 * goes to the terminal only, unmasked: it is the user's own. {@code beforeShell} and {@code afterShell}
 * let a console view step aside while the shell has the terminal.
 */
public record DebugOptions(
        boolean breakpoints,
        boolean onFailure,
        CommandExecutor.Terminal terminal,
        Runnable beforeShell,
        Runnable afterShell) {
    public DebugOptions {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(beforeShell, "beforeShell");
        Objects.requireNonNull(afterShell, "afterShell");
    }

    /** Debug mode on {@code terminal}, with nothing to do around the shell. */
    public DebugOptions(boolean breakpoints, boolean onFailure, CommandExecutor.Terminal terminal) {
        this(breakpoints, onFailure, terminal, () -> {}, () -> {});
    }

    /** Whether anything is on. */
    public boolean any() {
        return breakpoints || onFailure;
    }
}
