package io.jenkins.plugins.codebuildspec;

import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
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
                    // an abort interrupts this remoting call's thread, which stops the engine
                    runner -> {});
        } catch (InterruptedException e) {
            // The controller's thread was interrupted (an abort): the engine has stopped the build.
            Thread.currentThread().interrupt();
            throw EngineCore.stopped(e);
        } finally {
            // On an agent the console is a buffered remote stream: what is still buffered must reach the
            // controller before the call returns, or the build's last lines are lost.
            listener.getLogger().flush();
        }
    }
}
