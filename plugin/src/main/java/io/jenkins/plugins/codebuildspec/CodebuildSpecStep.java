package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
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
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** The {@code codebuildSpec} Pipeline step: runs a buildspec on the current agent and returns its result. */
public final class CodebuildSpecStep extends Step {
    private String buildspec;
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
                batchBuildIdentifier);
    }

    public String getBuildspec() {
        return buildspec == null ? Settings.DEFAULT_BUILDSPEC : buildspec;
    }

    @DataBoundSetter
    public void setBuildspec(String buildspec) {
        String value = Util.fixEmptyAndTrim(buildspec);
        this.buildspec = Settings.DEFAULT_BUILDSPEC.equals(value) ? null : value;
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
     * Runs off the CPS thread. Holds nothing secret: the Pipeline saves this object, while credentials are
     * resolved inside {@link #run()} and live only as long as it does.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient CodebuildSpecStep step;
        private transient volatile CodebuildSpecRunner runner;

        Execution(CodebuildSpecStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            CodebuildSpecRunner r = new CodebuildSpecRunner(
                    context.get(Run.class),
                    context.get(FilePath.class),
                    context.get(EnvVars.class),
                    context.get(Launcher.class),
                    context.get(TaskListener.class),
                    step.settings(),
                    context);
            runner = r;
            CodebuildSpecRunner.Outcome outcome = r.run();
            outcome.failIfPropagating(step.isPropagate());
            return outcome.value();
        }

        /** Stops the commands, then lets the base class interrupt the waiting thread and end the step. */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            CodebuildSpecRunner r = runner;
            if (r != null) {
                r.cancel();
            }
            super.stop(cause);
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
            CodebuildSpecStep step = (CodebuildSpecStep) super.newInstance(req, formData);
            step.setEnv(Settings.envLines(envText));
            return step;
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
