package io.jenkins.plugins.codebuildspec.engine.run;

/**
 * Where a build's log goes: the console, a file, a Jenkins TaskListener. The engine writes its own
 * lines ({@code [Container] 2024/04/21 21:06:52.675129 Running command make}) and the commands'
 * output through it, already masked.
 */
public interface BuildLog {
    /** One line of the engine's own, with its {@code [Container]} prefix and timestamp. */
    void engine(String line);

    /** One line of a command's output, without its line end. */
    void output(String line);

    /** A log that prints both kinds of line to one stream, as CodeBuild's log does. */
    static BuildLog to(java.io.PrintStream out) {
        return new BuildLog() {
            @Override
            public void engine(String line) {
                out.println(line);
            }

            @Override
            public void output(String line) {
                out.println(line);
            }
        };
    }
}
