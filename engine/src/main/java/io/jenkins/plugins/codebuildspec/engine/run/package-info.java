/**
 * Runs a parsed buildspec: phases and their transitions, CodeBuild's shell semantics, the build's
 * environment and its log. Processes are started only through {@link
 * io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor}, and the log is written only through
 * {@link io.jenkins.plugins.codebuildspec.engine.run.BuildLog}.
 */
package io.jenkins.plugins.codebuildspec.engine.run;
