package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchTools;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.ResultMap;
import io.jenkins.plugins.codebuildspec.engine.run.ShellServerExecutor;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.security.MasterToSlaveCallable;

/**
 * A whole buildspec build run by the engine on the agent, in one remoting call: commands start there as
 * local processes and files are read there, so a command costs what it costs {@code codebuild-local}
 * instead of a round trip to the controller for each start, state file and file operation. The console
 * gets the lines through the build's listener, which remoting streams back. Used where the step's
 * Launcher is the node's own; under a decorated one (such as {@code docker.image(...).inside}) the
 * commands go to a shell server the controller started through that Launcher ({@link ContainerShell}).
 */
final class AgentBuild extends MasterToSlaveCallable<EngineOutcome, IOException> {
    private static final long serialVersionUID = 1L;

    /** The runs in progress in this JVM, by token, so that a later call can cancel one. */
    private static final Map<String, BuildRunner> RUNNING = new ConcurrentHashMap<>();

    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(30);





    private final EngineSpec spec;
    private final TaskListener listener;

    AgentBuild(EngineSpec spec, TaskListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public EngineOutcome call() throws IOException {
        try {
            return EngineCore.run(
                    spec,
                    new TaskListenerBuildLog(listener),
                    new AgentSecretResolver(spec.fromJenkins(), FilePath.localChannel, spec.store().aws()),
                    new AgentBuildFiles(new FilePath(new File(spec.workspace())), spec.store(), () -> false),
                    runner -> RUNNING.put(spec.token(), runner));
        } catch (InterruptedException e) {
            // The controller's thread was interrupted (an abort): the engine has stopped the build.
            Thread.currentThread().interrupt();
            throw EngineCore.stopped(e);
        } finally {
            RUNNING.remove(spec.token());
            // On an agent the console is a buffered remote stream: what is still buffered must reach the
            // controller before the call returns, or the build's last lines are lost.
            listener.getLogger().flush();
        }
    }

    /** Cancels the run of that token in the agent's JVM, if it is still running; returns at once. */
    static final class Cancel extends MasterToSlaveCallable<Boolean, IOException> {
        private static final long serialVersionUID = 1L;
        private final String token;

        Cancel(String token) {
            this.token = token;
        }

        @Override
        public Boolean call() {
            BuildRunner runner = RUNNING.get(token);
            if (runner == null) {
                return false;
            }
            Thread killer = new Thread(runner::cancel, "codebuildSpec cancel " + token);
            killer.setDaemon(true);
            killer.start();
            return true;
        }
    }
}
