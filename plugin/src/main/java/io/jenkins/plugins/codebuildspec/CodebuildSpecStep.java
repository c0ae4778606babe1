package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import jenkins.util.Timer;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** The {@code codebuildSpec} Pipeline step: runs a buildspec on the current agent and returns its result. */
public final class CodebuildSpecStep extends Step {
    private String buildspec;
    private String buildspecText;
    private List<String> secondarySources = List.of();
    private String gitCredentialsId;
    private String sourceDirectory;
    private List<String> env = List.of();
    private int timeoutMinutes = Settings.DEFAULT_TIMEOUT_MINUTES;
    private boolean archiveArtifacts = true;
    private String s3Bucket;
    private String s3Prefix;
    private String region;
    private String endpointUrl;
    private String kmsKeyId;
    private boolean serverSideEncryption = true;
    private String credentialsId;
    private List<SecretCredential> secretCredentials = List.of();
    private boolean codeDeployCheck;
    private boolean publishReports = true;
    private boolean propagate = true;
    private String batchBuildIdentifier;

    /** Every parameter is optional: named arguments only, so a misspelt one is reported by its name. */
    @DataBoundConstructor
    public CodebuildSpecStep() {}

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    Settings settings() {
        return new Settings(
                buildspec,
                sourceDirectory,
                env,
                timeoutMinutes,
                archiveArtifacts,
                s3Bucket,
                s3Prefix,
                region,
                endpointUrl,
                kmsKeyId,
                isServerSideEncryption(),
                credentialsId,
                secretCredentials,
                codeDeployCheck,
                publishReports,
                propagate,
                batchBuildIdentifier,
                buildspecText,
                secondarySources,
                gitCredentialsId);
    }

    public String getBuildspec() {
        return buildspec == null ? Settings.DEFAULT_BUILDSPEC : buildspec;
    }

    @DataBoundSetter
    public void setBuildspec(String buildspec) {
        String value = Util.fixEmptyAndTrim(buildspec);
        this.buildspec = Settings.DEFAULT_BUILDSPEC.equals(value) ? null : value;
    }

    public String getBuildspecText() {
        return buildspecText;
    }

    /** The buildspec itself, instead of a file (CodeBuild's buildspec override); not with {@code buildspec}. */
    @DataBoundSetter
    public void setBuildspecText(String buildspecText) {
        this.buildspecText = buildspecText == null || buildspecText.isBlank() ? null : buildspecText;
    }

    public List<String> getSecondarySources() {
        return secondarySources;
    }

    /** {@code ['IDENTIFIER=directory', …]}: CODEBUILD_SRC_DIR_IDENTIFIER, the directory relative to the workspace. */
    @DataBoundSetter
    public void setSecondarySources(List<String> secondarySources) {
        this.secondarySources = secondarySources == null ? List.of() : List.copyOf(secondarySources);
    }

    /** The {@code secondarySources} list as the form's text area shows it. */
    public String getSecondarySourcesText() {
        return Settings.envText(secondarySources);
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    /** The credential git gets for {@code env.git-credential-helper: yes}; without it, the job's git checkout's. */
    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = Util.fixEmptyAndTrim(gitCredentialsId);
    }

    public String getSourceDirectory() {
        return sourceDirectory;
    }

    @DataBoundSetter
    public void setSourceDirectory(String sourceDirectory) {
        this.sourceDirectory = Util.fixEmptyAndTrim(sourceDirectory);
    }

    public List<String> getEnv() {
        return env;
    }

    @DataBoundSetter
    public void setEnv(List<String> env) {
        this.env = env == null ? List.of() : List.copyOf(env);
    }

    /** The {@code env} list as the form's text area shows it. */
    public String getEnvText() {
        return Settings.envText(env);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public boolean isArchiveArtifacts() {
        return archiveArtifacts;
    }

    @DataBoundSetter
    public void setArchiveArtifacts(boolean archiveArtifacts) {
        this.archiveArtifacts = archiveArtifacts;
    }

    public String getS3Bucket() {
        return s3Bucket;
    }

    @DataBoundSetter
    public void setS3Bucket(String s3Bucket) {
        this.s3Bucket = Util.fixEmptyAndTrim(s3Bucket);
    }

    public String getS3Prefix() {
        return s3Prefix;
    }

    @DataBoundSetter
    public void setS3Prefix(String s3Prefix) {
        this.s3Prefix = Util.fixEmptyAndTrim(s3Prefix);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    @DataBoundSetter
    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = Util.fixEmptyAndTrim(kmsKeyId);
    }

    public boolean isServerSideEncryption() {
        return serverSideEncryption;
    }

    @DataBoundSetter
    public void setServerSideEncryption(boolean serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public List<SecretCredential> getSecretCredentials() {
        return secretCredentials;
    }

    @DataBoundSetter
    public void setSecretCredentials(List<SecretCredential> secretCredentials) {
        this.secretCredentials = secretCredentials == null ? List.of() : List.copyOf(secretCredentials);
    }

    public boolean isCodeDeployCheck() {
        return codeDeployCheck;
    }

    @DataBoundSetter
    public void setCodeDeployCheck(boolean codeDeployCheck) {
        this.codeDeployCheck = codeDeployCheck;
    }

    public boolean isPublishReports() {
        return publishReports;
    }

    @DataBoundSetter
    public void setPublishReports(boolean publishReports) {
        this.publishReports = publishReports;
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    public String getBatchBuildIdentifier() {
        return batchBuildIdentifier;
    }

    /**
     * Set by {@code codebuildBatch} for each child build: {@code CODEBUILD_BATCH_BUILD_IDENTIFIER}, and the
     * child's zips archived under {@code codebuild/<identifier>/}. Not on the form.
     */
    @DataBoundSetter
    public void setBatchBuildIdentifier(String batchBuildIdentifier) {
        this.batchBuildIdentifier = Util.fixEmptyAndTrim(batchBuildIdentifier);
    }

    /**
     * Starts the build detached on the agent ({@link AgentRun}) and follows its log and outcome from a
     * timer thread, so that neither the CPS thread nor a controller restart stops it: the fields below are
     * the Pipeline's saved state, from which {@link #onResume()} picks the build up again. Holds nothing
     * secret: credentials are resolved in {@link #start()} and go to the agent with the build.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 2L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());
        private static final long AGENT_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(10);
        /**
         * How long a spare engine JVM waits on an agent for the next step call before it ends ({@link SpareJvm});
         * 0: no spares, every call starts a JVM. Read at each call.
         */
        static long spareIdleSeconds() {
            return jenkins.util.SystemProperties.getLong(CodebuildSpecStep.class.getName() + ".spareIdleSeconds", 600L);
        }

        /** How long a follow call waits on the agent for new lines before it returns empty. */
        private static final long FOLLOW_WAIT_MILLIS = 1000;
        private static final long STALE_MILLIS = 20 * AgentRun.HEARTBEAT_MILLIS;

        private final transient CodebuildSpecStep step;
        private transient ContainerShell shell;
        private transient long agentMissingSince;
        private transient ListenableFuture<Void> saving;
        private transient boolean offsetUnsaved;

        private String node;
        private String directory;
        private long offset;
        private String callSuffix;
        private String sourceDirectory;
        private String buildspecName;
        private boolean archiveArtifacts;
        private boolean publishReports;
        private boolean propagate;
        private volatile boolean stopping;
        private Throwable stopCause;

        Execution(CodebuildSpecStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() {
            Timer.get().submit(this::launch);
            return false;
        }

        private void launch() {
            try {
                StepContext context = getContext();
                FilePath workspace = context.get(FilePath.class);
                CodebuildSpecRunner runner = new CodebuildSpecRunner(
                        context.get(Run.class),
                        workspace,
                        context.get(EnvVars.class),
                        context.get(Launcher.class),
                        context.get(TaskListener.class),
                        step.settings(),
                        context);
                CodebuildSpecRunner.Prepared prepared = runner.prepare();
                hudson.model.Computer computer = workspace.toComputer();
                node = computer == null ? "" : computer.getName();
                directory = prepared.spec().tempDirectory() + "/run-" + prepared.spec().token();
                callSuffix = prepared.callSuffix();
                sourceDirectory = prepared.sourceDirectory();
                buildspecName = prepared.buildspecName();
                archiveArtifacts = step.isArchiveArtifacts();
                publishReports = step.isPublishReports();
                propagate = step.isPropagate();
                shell = prepared.shell();
                if (stopping) {
                    throw stopCause;
                }
                FilePath agentRoot = computer == null || computer.getNode() == null
                        ? null
                        : computer.getNode().getRootPath();
                if (agentRoot == null) {
                    throw new AbortException("the agent of " + workspace.getRemote() + " is not connected");
                }
                prepared.channel()
                        .call(new AgentRun.Start(
                                prepared.spec(), directory, EngineJars.onAgent(agentRoot), spareIdleSeconds()));
                context.saveState();
                schedule(0);
            } catch (Throwable e) {
                closeShell();
                getContext().onFailure(e);
            }
        }

        /**
         * The next follow call, on the remoting pool: it waits on the agent for new lines, so it must not hold
         * one of the few {@link Timer} threads.
         */
        private void schedule(long delayMillis) {
            try {
                if (delayMillis <= 0) {
                    hudson.model.Computer.threadPoolForRemoting.submit(this::poll);
                } else {
                    Timer.get().schedule(() -> schedule(0), delayMillis, TimeUnit.MILLISECONDS);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the controller is shutting down: onResume goes on from the saved offset
                LOGGER.log(Level.FINE, "not following " + directory + " any more", e);
            }
        }

        private VirtualChannel channel() {
            hudson.model.Computer computer = node.isEmpty()
                    ? jenkins.model.Jenkins.get().toComputer()
                    : jenkins.model.Jenkins.get().getComputer(node);
            return computer == null ? null : computer.getChannel();
        }

        private void poll() {
            // At once again: the follow call itself waits on the agent while the build is quiet.
            long delay = 0;
            if (terminating()) {
                // Shutting down: the saved offset must match what the console got; onResume goes on from it.
                return;
            }
            try {
                VirtualChannel channel = channel();
                if (channel == null) {
                    // The agent has not (re)connected yet: after a controller restart it comes back by itself.
                    long now = System.currentTimeMillis();
                    if (agentMissingSince == 0) {
                        agentMissingSince = now;
                    } else if (now - agentMissingSince > AGENT_WAIT_MILLIS) {
                        getContext().onFailure(new AbortException("agent " + node + " did not come back within "
                                + TimeUnit.MILLISECONDS.toMinutes(AGENT_WAIT_MILLIS) + " minutes; the build on it"
                                + " cannot be followed"));
                        return;
                    }
                    schedule(1000);
                    return;
                }
                agentMissingSince = 0;
                AgentRun.Chunk chunk = channel.call(new AgentRun.Follow(directory, offset, FOLLOW_WAIT_MILLIS));
                if (chunk.bytes().length > 0) {
                    TaskListener listener = getContext().get(TaskListener.class);
                    listener.getLogger().write(chunk.bytes());
                    listener.getLogger().flush();
                    offset += chunk.bytes().length;
                    // a restart goes on from the saved offset, and nothing is shown twice
                    persistOffset();
                }
                if (chunk.done()) {
                    complete(channel.call(new AgentRun.Collect(directory)));
                    return;
                }
                if (chunk.heartbeatAgeMillis() > STALE_MILLIS && !chunk.engineOutput().isEmpty()) {
                    closeShell();
                    getContext().onFailure(new AbortException("the engine's JVM on " + (node.isEmpty()
                            ? "the built-in node" : node) + " did not start the build: " + chunk.engineOutput()));
                    return;
                }
                if (chunk.heartbeatAgeMillis() > STALE_MILLIS) {
                    closeShell();
                    getContext().onFailure(new AbortException("the build on " + (node.isEmpty() ? "the built-in node"
                            : node) + " stopped with the process that ran it (a restart of the agent, or of the"
                            + " controller for the built-in node); its commands may have been killed"));
                    return;
                }
            } catch (IOException | InterruptedException | hudson.remoting.RequestAbortedException e) {
                // A channel closing under a follow call waiting on the agent (the agent or the controller going
                // away: a restart closes the channels before Jenkins says it is terminating), or the controller
                // stopping the thread as it shuts down: try again, or onResume goes on from the saved offset.
                LOGGER.log(Level.FINE, "following " + directory, e);
                if (terminating()) {
                    return;
                }
                delay = 1000;
            } catch (Throwable e) {
                if (terminating()) {
                    return;
                }
                closeShell();
                getContext().onFailure(e);
                return;
            }
            schedule(delay);
        }

        private static boolean terminating() {
            jenkins.model.Jenkins controller = jenkins.model.Jenkins.getInstanceOrNull();
            return controller == null || controller.isTerminating();
        }

        /**
         * Saves the Pipeline's state with the new offset: at once when no save is under way, else once more
         * when it ends, so that lines arriving faster than the state can be written cost one save, not one
         * save each, and the last offset is always saved.
         */
        private synchronized void persistOffset() {
            if (saving != null && !saving.isDone()) {
                offsetUnsaved = true;
                return;
            }
            offsetUnsaved = false;
            ListenableFuture<Void> save = getContext().saveState();
            saving = save;
            save.addListener(this::afterSave, Runnable::run);
        }

        private synchronized void afterSave() {
            if (offsetUnsaved) {
                persistOffset();
            }
        }

        private void complete(EngineOutcome result) throws Exception {
            closeShell();
            StepContext context = getContext();
            CodebuildSpecRunner runner = new CodebuildSpecRunner(
                    context.get(Run.class),
                    context.get(FilePath.class),
                    context.get(EnvVars.class),
                    context.get(Launcher.class),
                    context.get(TaskListener.class),
                    null,
                    context);
            CodebuildSpecRunner.Outcome outcome = runner.finish(
                    result, callSuffix, sourceDirectory, buildspecName, archiveArtifacts, publishReports);
            if (stopping) {
                context.onFailure(stopCause);
                return;
            }
            try {
                outcome.failIfPropagating(propagate);
            } catch (AbortException e) {
                context.onFailure(e);
                return;
            }
            context.onSuccess(outcome.value());
        }

        private void closeShell() {
            ContainerShell s = shell;
            shell = null;
            if (s != null) {
                try {
                    s.stop();
                } catch (IOException | InterruptedException e) {
                    LOGGER.log(Level.WARNING, "stopping the shell server of " + directory, e);
                }
            }
        }

        /** Asks the build on the agent to stop; it ends STOPPED, and the step then fails with the cause. */
        @Override
        public void stop(@NonNull Throwable cause) {
            stopCause = cause;
            stopping = true;
            String dir = directory;
            if (dir == null) {
                return;
            }
            Timer.get().submit(() -> {
                VirtualChannel channel = channel();
                if (channel == null) {
                    getContext().onFailure(cause);
                    return;
                }
                try {
                    channel.call(new AgentRun.RequestCancel(dir));
                } catch (IOException | InterruptedException e) {
                    getContext().onFailure(cause);
                }
            });
        }

        @Override
        public void onResume() {
            if (directory != null) {
                schedule(0);
            }
        }

        @Override
        public String getStatus() {
            return directory == null ? "preparing" : "following " + directory + " on " + node + " at " + offset;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "codebuildSpec";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run an AWS CodeBuild buildspec";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, EnvVars.class, TaskListener.class);
        }

        /** The form has one text area for {@code env}, a NAME=value a line; the step takes a list. */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws Descriptor.FormException {
            String envText = formData.optString("envText", "");
            formData.remove("envText");
            String sourcesText = formData.optString("secondarySourcesText", "");
            formData.remove("secondarySourcesText");
            CodebuildSpecStep step = (CodebuildSpecStep) super.newInstance(req, formData);
            step.setEnv(Settings.envLines(envText));
            step.setSecondarySources(Settings.envLines(sourcesText));
            return step;
        }

        @POST
        public ListBoxModel doFillGitCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String gitCredentialsId) {
            return CredentialsChoices.usernamePassword(item, gitCredentialsId);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String credentialsId) {
            return CredentialsChoices.aws(item, credentialsId);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return FormFields.checkTimeout(value);
        }

        public FormValidation doCheckEnvText(@QueryParameter String value) {
            return FormFields.checkEnv(value);
        }
    }
}
