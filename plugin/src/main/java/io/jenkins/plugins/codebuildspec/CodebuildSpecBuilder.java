package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** The freestyle build step: the step's settings; the exported variables go to the steps that follow. */
public final class CodebuildSpecBuilder extends Builder implements SimpleBuildStep {
    private String buildspec;
    private String buildspecText;
    private List<String> secondarySources = List.of();
    private String gitCredentialsId;
    private String sourceDirectory;
    private List<String> env = List.of();
    private int timeoutMinutes = Settings.DEFAULT_TIMEOUT_MINUTES;
    // Boolean, null meaning the default (true): a job saved before a field existed, or written by hand
    // without it, loads with null, since Jenkins does not run field initializers when it reads config.xml.
    private Boolean archiveArtifacts;
    private String s3Bucket;
    private String s3Prefix;
    private String region;
    private String endpointUrl;
    private String kmsKeyId;
    private Boolean serverSideEncryption;
    private String credentialsId;
    private List<SecretCredential> secretCredentials = List.of();
    private boolean codeDeployCheck;
    private Boolean publishReports;
    private Boolean propagate;

    @DataBoundConstructor
    public CodebuildSpecBuilder() {}

    /** Defaults for what a config.xml leaves out: XStream leaves such fields null or 0. */
    private Object readResolve() {
        if (env == null) {
            env = List.of();
        }
        if (secretCredentials == null) {
            secretCredentials = List.of();
        }
        if (secondarySources == null) {
            secondarySources = List.of();
        }
        if (timeoutMinutes == 0) {
            timeoutMinutes = Settings.DEFAULT_TIMEOUT_MINUTES;
        }
        return this;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        // An abort interrupts this thread; the engine then kills the running command and cleans up itself.
        CodebuildSpecRunner.Outcome outcome =
                new CodebuildSpecRunner(run, workspace, env, launcher, listener, settings(), null).run();
        if (!outcome.result().exportedVariables().isEmpty()) {
            run.addAction(new ExportedVariablesAction(outcome.result().exportedVariables()));
        }
        outcome.failIfPropagating(isPropagate());
        if (!outcome.result().succeeded()) {
            // No script here to look at the result: show it as an unstable build instead.
            listener.getLogger().println(outcome.failureMessage() + "; propagate is off, so the build goes on");
            run.setResult(Result.UNSTABLE);
        }
    }

    Settings settings() {
        return new Settings(
                buildspec,
                sourceDirectory,
                env,
                timeoutMinutes,
                isArchiveArtifacts(),
                s3Bucket,
                s3Prefix,
                region,
                endpointUrl,
                kmsKeyId,
                isServerSideEncryption(),
                credentialsId,
                secretCredentials,
                codeDeployCheck,
                isPublishReports(),
                isPropagate(),
                null,
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
        return archiveArtifacts == null || archiveArtifacts;
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
        return serverSideEncryption == null || serverSideEncryption;
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
        return publishReports == null || publishReports;
    }

    @DataBoundSetter
    public void setPublishReports(boolean publishReports) {
        this.publishReports = publishReports;
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** No symbol: in a Pipeline, {@code codebuildSpec} is the step, which returns the result. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        /** The fields mean what they mean in the step; their help is written once, there. */
        public DescriptorImpl() {
            for (String field : List.of(
                    "buildspec",
                    "sourceDirectory",
                    "env",
                    "timeoutMinutes",
                    "archiveArtifacts",
                    "s3Bucket",
                    "s3Prefix",
                    "region",
                    "endpointUrl",
                    "kmsKeyId",
                    "serverSideEncryption",
                    "credentialsId",
                    "secretCredentials",
                    "codeDeployCheck",
                    "publishReports",
                    "buildspecText",
                    "secondarySources",
                    "gitCredentialsId")) {
                addHelpFileRedirect(field, CodebuildSpecStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run an AWS CodeBuild buildspec";
        }

        /** The form has one text area for {@code env}, a NAME=value a line; the builder keeps a list. */
        @Override
        public Builder newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws Descriptor.FormException {
            String envText = formData.optString("envText", "");
            formData.remove("envText");
            String sourcesText = formData.optString("secondarySourcesText", "");
            formData.remove("secondarySourcesText");
            CodebuildSpecBuilder builder = (CodebuildSpecBuilder) super.newInstance(req, formData);
            builder.setEnv(Settings.envLines(envText));
            builder.setSecondarySources(Settings.envLines(sourcesText));
            return builder;
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
