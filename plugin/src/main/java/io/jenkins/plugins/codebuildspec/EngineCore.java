package io.jenkins.plugins.codebuildspec;

import io.jenkins.plugins.codebuildspec.engine.batch.BatchTools;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.ShellServerExecutor;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretResolver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One build by the engine on the agent, with nothing of Jenkins in it: run in the agent's JVM (freestyle)
 * or in a JVM of its own that outlives the agent's and the controller's ({@link DetachedBuild}).
 */
final class EngineCore {
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(30);

    private EngineCore() {}

    /** Runs the build; {@code started} gets the runner first, so that a cancel can reach it. */
    static EngineOutcome run(
            EngineSpec spec, BuildLog log, SecretResolver secrets, BuildFiles files, Consumer<BuildRunner> started)
            throws IOException, InterruptedException {
        Buildspec buildspec = new BuildspecParser()
                .parse(spec.buildspecName(), spec.buildspecContent())
                .buildspec()
                // The controller parsed the same bytes and stopped on errors: this cannot fail but is not assumed.
                .orElseThrow(() -> new IOException(spec.buildspecName() + " did not parse on the agent"));
        CommandExecutor commands = spec.shellServer() == null
                ? new LocalProcessExecutor()
                : ShellServerExecutor.connect(
                        Path.of(spec.shellServer()), SERVER_START_TIMEOUT, () -> true, spec.token());
        Map<String, String> base = new LinkedHashMap<>(spec.baseEnvironment());
        if (commands instanceof ShellServerExecutor server) {
            // As docker.image(...).inside does: the image's PATH, not the agent's.
            server.serverPath().ifPresent(path -> base.put("PATH", path));
        }
        // CodeBuild's images carry its helper commands (codebuild-tests-run for fan-out shards).
        Path tools = BatchTools.install(Path.of(spec.tempDirectory(), "bin-" + spec.token()));
        String path = base.get("PATH");
        base.put("PATH", tools + (path == null || path.isEmpty() ? "" : ":" + path));
        BuildContext context = BuildContext.of(spec.projectName(), spec.buildNumber())
                .withInitiator(spec.initiator())
                .withBuildUrl(spec.buildUrl())
                .withRegion(spec.store().aws().region())
                .withWebhook(spec.webhook())
                .withBatchBuildIdentifier(spec.batchBuildIdentifier())
                .withKmsKeyId(spec.store().kmsKeyId());
        BuildRequest request = new BuildRequest(buildspec, spec.sourceDirectory(), spec.tempDirectory(), context)
                .baseEnvironment(base)
                .overrides(spec.overrides())
                .secrets(secrets)
                .maskedValues(spec.maskedValues())
                .timeout(Duration.ofMinutes(spec.timeoutMinutes()))
                .files(files)
                .codeDeployCheck(spec.codeDeployCheck())
                .secondarySources(spec.secondarySources());
        if (spec.gitUsername() != null) {
            request.gitCredential(spec.gitUsername(), spec.gitPassword());
        }
        BuildRunner runner = new BuildRunner(commands, log);
        started.accept(runner);
        try {
            return EngineOutcome.of(runner.run(request));
        } finally {
            if (commands instanceof ShellServerExecutor server) {
                server.close();
            }
            new LocalProcessExecutor().deleteRecursively(tools.toString());
        }
    }

    static InterruptedIOException stopped(InterruptedException e) {
        InterruptedIOException stopped = new InterruptedIOException("the Jenkins build was stopped");
        stopped.initCause(e);
        return stopped;
    }
}
