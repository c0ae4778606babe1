package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.Finding;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseLimits;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The one class both front ends call: builds an engine run from the Jenkins context, runs and publishes it. */
final class CodebuildSpecRunner {
    /** Inside the workspace, so that Jenkins can archive the zips; left out of the build's own artifacts. */
    static final String ARTIFACTS_DIRECTORY = ".codebuild/artifacts";

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars env;
    private final Launcher launcher;
    private final TaskListener listener;
    private final Settings settings;
    private final StepContext context;
    private final PrintStream log;
    private final String token = UUID.randomUUID().toString();

    /** @param context the step's context in a Pipeline; null in freestyle */
    CodebuildSpecRunner(
            Run<?, ?> run,
            FilePath workspace,
            EnvVars env,
            Launcher launcher,
            TaskListener listener,
            Settings settings,
            @CheckForNull StepContext context) {
        this.run = run;
        this.workspace = workspace;
        this.env = env;
        this.launcher = launcher;
        this.listener = listener;
        this.settings = settings;
        this.context = context;
        this.log = listener.getLogger();
    }

    /** What a run gave the front ends. */
    record Outcome(EngineOutcome result, Map<String, Object> value, String buildspecName) {
        /** Fails the Jenkins build with a message naming the phase and the command, when asked to. */
        void failIfPropagating(boolean propagate) throws AbortException {
            if (propagate && !result.succeeded()) {
                throw new AbortException(failureMessage());
            }
        }

        String failureMessage() {
            return buildspecName + ": build " + result.status() + result.failure();
        }
    }

    /** Runs the build to its end, in this thread: the freestyle builder's way. */
    Outcome run() throws IOException, InterruptedException {
        Prepared prepared = prepare();
        EngineOutcome result;
        try {
            // An abort interrupts this thread; remoting interrupts the engine on the agent, which stops.
            result = prepared.channel().call(new AgentBuild(prepared.spec(), listener));
        } finally {
            if (prepared.shell() != null) {
                prepared.shell().stop();
            }
        }
        return finish(
                result,
                prepared.callSuffix(),
                prepared.sourceDirectory(),
                prepared.buildspecName(),
                settings.archiveArtifacts(),
                settings.publishReports());
    }

    /** A build ready to start on the agent; {@code shell} is the container's shell server, if any. */
    record Prepared(
            EngineSpec spec,
            VirtualChannel channel,
            ContainerShell shell,
            String callSuffix,
            String sourceDirectory,
            String buildspecName) {}

    /** Everything before the engine runs: reads and checks the buildspec, resolves credentials and secrets. */
    Prepared prepare() throws IOException, InterruptedException {
        if (!launcher.isUnix()) {
            throw new AbortException("codebuildSpec runs buildspec commands with /bin/sh and needs a Unix agent");
        }
        CodebuildSpecGlobalConfiguration global = CodebuildSpecGlobalConfiguration.get();
        FilePath source = sourceDirectory();
        String text = settings.buildspecText();
        String buildspecPath;
        byte[] content;
        if (text != null && !text.isBlank()) {
            if (Util.fixEmptyAndTrim(settings.buildspec()) != null) {
                throw new AbortException("give buildspec (a file) or buildspecText (the buildspec itself), not both");
            }
            // Named so in the findings: buildspecText:3:5: ...
            buildspecPath = "buildspecText";
            content = text.getBytes(StandardCharsets.UTF_8);
            if (content.length > ParseLimits.DEFAULT.maxBytes()) {
                throw new AbortException("buildspecText is " + content.length + " bytes; a buildspec may have at most "
                        + ParseLimits.DEFAULT.maxBytes());
            }
        } else {
            buildspecPath = Util.fixEmptyAndTrim(settings.buildspec()) == null
                    ? Settings.DEFAULT_BUILDSPEC
                    : settings.buildspec().trim();
            content = source.child(buildspecPath).act(new ReadBuildspec(ParseLimits.DEFAULT.maxBytes()));
        }
        Buildspec buildspec = parse(content, source.child(buildspecPath), buildspecPath);
        Map<String, String> secondarySources = secondarySources();
        GitCredentials.UsernamePassword git = GitCredentials.resolve(
                run, Util.fixEmptyAndTrim(settings.gitCredentialsId()), buildspec, log);
        int timeout = settings.timeoutMinutes();
        if (timeout < Settings.MIN_TIMEOUT_MINUTES || timeout > Settings.MAX_TIMEOUT_MINUTES) {
            throw new AbortException("timeoutMinutes must be between " + Settings.MIN_TIMEOUT_MINUTES + " and "
                    + Settings.MAX_TIMEOUT_MINUTES + ", found " + timeout);
        }
        Map<String, String> overrides = settings.overrides();

        AwsSetup aws = AwsSetup.resolve(
                run,
                env,
                Util.fixEmptyAndTrim(settings.credentialsId()),
                global.getDefaultCredentialsId(),
                Util.fixEmptyAndTrim(settings.region()),
                global.getDefaultRegion());
        Map<String, String> fromJenkins = SecretCredential.resolve(settings.secretCredentials(), run, buildspec, log);
        Set<String> masked = new LinkedHashSet<>(aws.secretValues());
        masked.addAll(fromJenkins.values());
        if (git != null) {
            masked.add(git.password());
        }
        // Lowest precedence, as a service role is in CodeBuild: keys the buildspec sets itself still win.
        Map<String, String> base = new LinkedHashMap<>(env);
        base.putAll(aws.buildVariables());

        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new AbortException(
                    "the workspace " + workspace.getRemote() + " has no parent for its @tmp directory");
        }
        // A directory of our own: the engine sets its permissions, which @tmp shares with other plugins.
        FilePath engineTemp = temp.child("codebuildspec");
        VirtualChannel channel = workspace.getChannel();
        // A batch's child keeps its zips under its identifier; a later call in a build under step-N.
        String batchId = settings.batchBuildIdentifier();
        String callSuffix = batchId != null
                ? "/" + batchId.replaceAll("[^A-Za-z0-9_.-]", "_")
                : StepCalls.suffix(StepCalls.next(run));
        StoreSettings store =
                storeSettings(global, aws.agent().withEndpoints(env), source, engineTemp, temp, callSuffix);
        if (store.usesS3() || needsAwsSecrets(buildspec, fromJenkins)) {
            // Only then: a build that never talks to AWS has no use for this line.
            log.println(aws.describe());
        }
        // Where the step's Launcher is decorated (docker.image(...).inside), commands must run where it
        // runs them: through one shell server started with it. Otherwise they start on the agent directly.
        boolean decorated = launcher instanceof Launcher.DecoratedLauncher;
        ContainerShell shell = decorated
                ? ContainerShell.start(launcher, engineTemp.child("shell-" + token), token, listener)
                : null;
        EngineSpec spec = new EngineSpec(
                token,
                buildspecPath,
                content,
                source.getRemote(),
                engineTemp.getRemote(),
                workspace.getRemote(),
                run.getParent().getFullName(),
                run.getNumber(),
                initiator(),
                Util.fixEmpty(env.get("BUILD_URL")),
                webhook(),
                base,
                overrides,
                fromJenkins,
                masked,
                timeout,
                settings.codeDeployCheck(),
                store,
                shell == null ? null : shell.directory(),
                settings.batchBuildIdentifier(),
                secondarySources,
                git == null ? null : git.username(),
                git == null ? null : git.password());
        return new Prepared(spec, channel, shell, callSuffix, source.getRemote(), buildspecPath);
    }

    /** After the engine: archives the zips, publishes the reports and makes the step's return value. */
    Outcome finish(
            EngineOutcome result,
            String callSuffix,
            String sourceDirectory,
            String buildspecPath,
            boolean archiveArtifacts,
            boolean publishReports)
            throws IOException, InterruptedException {
        JenkinsPublisher publisher = new JenkinsPublisher(run, workspace, launcher, listener);
        Map<String, String> archived = Map.of();
        if (archiveArtifacts && !result.artifacts().isEmpty()) {
            archived = publisher.archiveArtifacts(result.artifacts(), callSuffix);
        }
        if (publishReports && !result.reports().isEmpty()) {
            publisher.publishReports(result.reports(), sourceDirectory, context);
        }
        return new Outcome(result, ResultMap.of(result, archived), buildspecPath);
    }

    /** Whether a secret variable of the buildspec is left for AWS to supply. */
    private static boolean needsAwsSecrets(Buildspec buildspec, Map<String, String> fromJenkins) {
        Set<String> variables = new LinkedHashSet<>(buildspec.env().parameterStore().keySet());
        variables.addAll(buildspec.env().secretsManager().keySet());
        variables.removeAll(fromJenkins.keySet());
        return !variables.isEmpty();
    }

    /**
     * The {@code secondarySources} as CodeBuild's {@code CODEBUILD_SRC_DIR_<identifier>}: identifier to the
     * directory's absolute path on the agent, each one checked to be a directory there.
     */
    private Map<String, String> secondarySources() throws IOException, InterruptedException {
        Map<String, String> directories = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : settings.secondarySourceDirectories().entrySet()) {
            FilePath dir = workspace.child(entry.getValue());
            if (!dir.isDirectory()) {
                throw new AbortException("secondarySources: " + entry.getKey() + "'s directory " + dir.getRemote()
                        + " is not a directory on the agent (a path relative to the workspace, or absolute)");
            }
            directories.put(entry.getKey(), dir.getRemote());
        }
        return directories;
    }

    private FilePath sourceDirectory() throws IOException, InterruptedException {
        String dir = Util.fixEmptyAndTrim(settings.sourceDirectory());
        if (dir == null) {
            // A job that checks nothing out (an inline buildspec) may not have its workspace yet: as sh does.
            workspace.mkdirs();
        }
        FilePath source = dir == null ? workspace : workspace.child(dir);
        if (!source.isDirectory()) {
            throw new AbortException("sourceDirectory " + source.getRemote() + " is not a directory on the agent");
        }
        return source;
    }

    private Buildspec parse(byte[] content, FilePath file, String name) throws AbortException {
        if (content == null) {
            throw new AbortException("buildspec " + file.getRemote() + " does not exist; set buildspec to its path"
                    + " relative to the source directory");
        }
        ParseResult parsed = new BuildspecParser().parse(name, content);
        for (Finding f : parsed.warnings()) {
            log.println(f.format());
        }
        if (!parsed.isValid()) {
            StringBuilder message = new StringBuilder(name + " is not a valid buildspec; nothing was run");
            for (Finding f : parsed.errors()) {
                message.append('\n').append(f.format());
            }
            throw new AbortException(message.toString());
        }
        return parsed.buildspec().orElseThrow();
    }

    private StoreSettings storeSettings(
            CodebuildSpecGlobalConfiguration global,
            AgentAws aws,
            FilePath source,
            FilePath engineTemp,
            FilePath temp,
            String callSuffix)
            throws AbortException {
        String bucket = Util.fixEmptyAndTrim(settings.s3Bucket());
        if (bucket == null) {
            bucket = global.getDefaultS3Bucket();
        }
        String endpoint = Util.fixEmptyAndTrim(settings.endpointUrl());
        if (bucket == null) {
            if (Util.fixEmptyAndTrim(settings.s3Prefix()) != null
                    || endpoint != null
                    || Util.fixEmptyAndTrim(settings.kmsKeyId()) != null) {
                throw new AbortException("s3Prefix, endpointUrl and kmsKeyId need s3Bucket");
            }
        } else if (bucket.contains("/")) {
            throw new AbortException("s3Bucket takes a bucket name, without s3:// or a path: " + bucket);
        }
        if (endpoint != null) {
            try {
                URI uri = new URI(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(endpoint, "needs a scheme and a host");
                }
            } catch (URISyntaxException e) {
                throw new AbortException("endpointUrl " + endpoint + " is not a URL like http://127.0.0.1:9000");
            }
        }
        boolean encryption = settings.serverSideEncryption() && global.isServerSideEncryption();
        if (!encryption && Util.fixEmptyAndTrim(settings.kmsKeyId()) != null) {
            throw new AbortException("kmsKeyId asks for SSE-KMS while serverSideEncryption is off"
                    + (settings.serverSideEncryption() ? " in the global configuration" : "") + "; keep one");
        }
        // A later call in the same build keeps its zips apart from the earlier ones'.
        FilePath artifacts = workspace.child(ARTIFACTS_DIRECTORY + callSuffix);
        String zips =
                bucket == null ? engineTemp.child("zips-" + UUID.randomUUID()).getRemote() : artifacts.getRemote();
        return new StoreSettings(
                bucket,
                Util.fixEmptyAndTrim(settings.s3Prefix()),
                endpoint,
                Util.fixEmptyAndTrim(settings.kmsKeyId()),
                encryption,
                aws,
                artifacts.getRemote(),
                zips,
                List.of(workspace.child(ARTIFACTS_DIRECTORY).getRemote(), source.child(ARTIFACTS_DIRECTORY).getRemote()),
                cacheDirectory(temp));
    }

    /**
     * The cache lives on the agent, outside any workspace, per job: under the agent's root directory, or
     * the workspace's @tmp when the agent's root is not known.
     */
    private String cacheDirectory(FilePath workspaceTemp) {
        String job = run.getParent().getFullName().replaceAll("[^A-Za-z0-9._-]", "_");
        Computer computer = workspace.toComputer();
        Node node = computer == null ? null : computer.getNode();
        FilePath root = node == null ? null : node.getRootPath();
        return (root == null ? workspaceTemp : root)
                .child("codebuild-cache")
                .child(job)
                .getRemote();
    }

    private String initiator() {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        return user != null && user.getUserId() != null ? "jenkins/" + user.getUserId() : "jenkins";
    }

    /** What a multibranch job knows, in CodeBuild's CODEBUILD_WEBHOOK_* terms. */
    private Map<String, String> webhook() {
        Map<String, String> values = new LinkedHashMap<>();
        String tag = Util.fixEmpty(env.get("TAG_NAME"));
        String change = Util.fixEmpty(env.get("CHANGE_ID"));
        String branch = Util.fixEmpty(env.get("BRANCH_NAME"));
        if (tag != null) {
            values.put("HEAD_REF", "refs/tags/" + tag);
            values.put("TRIGGER", "tag/" + tag);
        } else if (change != null) {
            String head = Util.fixEmpty(env.get("CHANGE_BRANCH"));
            String target = Util.fixEmpty(env.get("CHANGE_TARGET"));
            if (head != null) {
                values.put("HEAD_REF", "refs/heads/" + head);
            }
            if (target != null) {
                values.put("BASE_REF", "refs/heads/" + target);
            }
            values.put("TRIGGER", "pr/" + change);
        } else if (branch != null) {
            values.put("HEAD_REF", "refs/heads/" + branch);
            values.put("TRIGGER", "branch/" + branch);
        }
        if (change == null && (tag != null || branch != null)) {
            // a branch or tag build of a multibranch job: what CodeBuild calls a push
            values.put(BuildContext.WEBHOOK_EVENT, "PUSH");
        }
        String previous = Util.fixEmpty(env.get("GIT_PREVIOUS_COMMIT"));
        if (previous != null) {
            values.put(BuildContext.WEBHOOK_PREV_COMMIT, previous);
        }
        return values;
    }

    /** Reads the buildspec on the agent, at most one byte over the parser's limit, so that it can say so. */
    private static final class ReadBuildspec extends MasterToSlaveFileCallable<byte[]> {
        private static final long serialVersionUID = 1L;
        private final int limit;

        ReadBuildspec(int limit) {
            this.limit = limit;
        }

        @Override
        public byte[] invoke(File f, VirtualChannel channel) throws IOException {
            try (InputStream in = Files.newInputStream(f.toPath())) {
                return in.readNBytes(limit + 1);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }
}
