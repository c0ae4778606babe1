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
final class AgentBuild extends MasterToSlaveCallable<AgentBuild.Outcome, IOException> {
    private static final long serialVersionUID = 1L;

    /** The runs in progress in this JVM, by token, so that a later call can cancel one. */
    private static final Map<String, BuildRunner> RUNNING = new ConcurrentHashMap<>();

    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(30);

    /** What the engine needs, as plain values the controller worked out. */
    record Spec(
            String token,
            String buildspecName,
            byte[] buildspecContent,
            String sourceDirectory,
            String tempDirectory,
            String workspace,
            String projectName,
            int buildNumber,
            String initiator,
            String buildUrl,
            Map<String, String> webhook,
            Map<String, String> baseEnvironment,
            Map<String, String> overrides,
            Map<String, String> fromJenkins,
            Set<String> maskedValues,
            int timeoutMinutes,
            boolean codeDeployCheck,
            StoreSettings store,
            // the shell server's directory where commands run through one (in a container), else null
            String shellServer,
            // CODEBUILD_BATCH_BUILD_IDENTIFIER of a batch's child build, else null
            String batchBuildIdentifier)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        Spec {
            webhook = new LinkedHashMap<>(webhook);
            baseEnvironment = new LinkedHashMap<>(baseEnvironment);
            overrides = new LinkedHashMap<>(overrides);
            fromJenkins = new LinkedHashMap<>(fromJenkins);
            maskedValues = new LinkedHashSet<>(maskedValues);
        }
    }

    /** What the front ends need of a finished build; plain values, secrets already masked by the engine. */
    record Outcome(
            String status,
            String failure,
            Map<String, String> exportedVariables,
            List<ArtifactResult> artifacts,
            List<ReportGroupResult> reports,
            Map<String, Object> resultMap)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }

        static Outcome of(BuildResult result) {
            String failure = result.firstFailure()
                    .map(p -> " in phase " + p.name() + ": "
                            + p.contextMessage().orElse(p.status().name()))
                    .orElse("");
            return new Outcome(
                    result.status().name(),
                    failure,
                    new LinkedHashMap<>(result.exportedVariables()),
                    new ArrayList<>(result.artifacts()),
                    new ArrayList<>(result.reports()),
                    ResultMap.of(result));
        }
    }

    private final Spec spec;
    private final TaskListener listener;

    AgentBuild(Spec spec, TaskListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public Outcome call() throws IOException {
        ParseResult parsed = new BuildspecParser().parse(spec.buildspecName(), spec.buildspecContent());
        // The controller parsed the same bytes and stopped on errors: this cannot fail but is not assumed.
        Buildspec buildspec = parsed.buildspec()
                .orElseThrow(() -> new IOException(spec.buildspecName() + " did not parse on the agent"));
        CommandExecutor commands = spec.shellServer() == null ? new LocalProcessExecutor() : connect(spec);
        Map<String, String> base = new LinkedHashMap<>(spec.baseEnvironment());
        if (commands instanceof ShellServerExecutor server) {
            // As docker.image(...).inside does: the image's PATH, not the agent's.
            server.serverPath().ifPresent(path -> base.put("PATH", path));
        }
        // CodeBuild's images carry its helper commands (codebuild-tests-run for fan-out shards).
        Path tools = BatchTools.install(Path.of(spec.tempDirectory(), "bin-" + spec.token()));
        String path = base.get("PATH");
        base.put("PATH", tools + (path == null || path.isEmpty() ? "" : ":" + path));
        BuildRunner runner = new BuildRunner(commands, new TaskListenerBuildLog(listener));
        BuildRequest request = request(spec, buildspec, base);
        RUNNING.put(spec.token(), runner);
        try {
            return Outcome.of(runner.run(request));
        } catch (InterruptedException e) {
            // The controller's thread was interrupted (an abort): the engine has stopped the build.
            Thread.currentThread().interrupt();
            InterruptedIOException stopped = new InterruptedIOException("the Jenkins build was stopped");
            stopped.initCause(e);
            throw stopped;
        } finally {
            RUNNING.remove(spec.token());
            if (commands instanceof ShellServerExecutor server) {
                server.close();
            }
            new LocalProcessExecutor().deleteRecursively(tools.toString());
            // On an agent the console is a buffered remote stream: what is still buffered must reach the
            // controller before the call returns, or the build's last lines are lost.
            listener.getLogger().flush();
        }
    }

    private static ShellServerExecutor connect(Spec spec) throws IOException {
        try {
            return ShellServerExecutor.connect(
                    Path.of(spec.shellServer()), SERVER_START_TIMEOUT, () -> true, spec.token());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while the shell server started");
        }
    }

    static BuildRequest request(Spec spec, Buildspec buildspec, Map<String, String> baseEnvironment) {
        BuildContext context = BuildContext.of(spec.projectName(), spec.buildNumber())
                .withInitiator(spec.initiator())
                .withBuildUrl(spec.buildUrl())
                .withRegion(spec.store().aws().region())
                .withWebhook(spec.webhook())
                .withBatchBuildIdentifier(spec.batchBuildIdentifier())
                .withKmsKeyId(spec.store().kmsKeyId());
        return new BuildRequest(buildspec, spec.sourceDirectory(), spec.tempDirectory(), context)
                .baseEnvironment(baseEnvironment)
                .overrides(spec.overrides())
                .secrets(new AgentSecretResolver(spec.fromJenkins(), FilePath.localChannel, spec.store().aws()))
                .maskedValues(spec.maskedValues())
                .timeout(Duration.ofMinutes(spec.timeoutMinutes()))
                .files(new AgentBuildFiles(new FilePath(new File(spec.workspace())), spec.store(), () -> false))
                .codeDeployCheck(spec.codeDeployCheck());
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
