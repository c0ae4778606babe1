package io.jenkins.plugins.codebuildspec;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Defaults for every {@code codebuildSpec} step and builder (Manage Jenkins); settable with Configuration as Code. */
@Extension
@Symbol("codebuildSpec")
public class CodebuildSpecGlobalConfiguration extends GlobalConfiguration {
    private String defaultRegion;
    private String defaultS3Bucket;
    private String defaultCredentialsId;
    // null: the default, on; a configuration saved before the field existed loads with null
    private Boolean serverSideEncryption;

    public CodebuildSpecGlobalConfiguration() {
        load();
    }

    public static CodebuildSpecGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(CodebuildSpecGlobalConfiguration.class);
    }

    @CheckForNull
    public String getDefaultRegion() {
        return defaultRegion;
    }

    @DataBoundSetter
    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = Util.fixEmptyAndTrim(defaultRegion);
        save();
    }

    @CheckForNull
    public String getDefaultS3Bucket() {
        return defaultS3Bucket;
    }

    @DataBoundSetter
    public void setDefaultS3Bucket(String defaultS3Bucket) {
        this.defaultS3Bucket = Util.fixEmptyAndTrim(defaultS3Bucket);
        save();
    }

    @CheckForNull
    public String getDefaultCredentialsId() {
        return defaultCredentialsId;
    }

    @DataBoundSetter
    public void setDefaultCredentialsId(String defaultCredentialsId) {
        this.defaultCredentialsId = Util.fixEmptyAndTrim(defaultCredentialsId);
        save();
    }

    public boolean isServerSideEncryption() {
        return serverSideEncryption == null || serverSideEncryption;
    }

    @DataBoundSetter
    public void setServerSideEncryption(boolean serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
        save();
    }

    @POST
    public ListBoxModel doFillDefaultCredentialsIdItems(@QueryParameter String defaultCredentialsId) {
        return CredentialsChoices.awsForGlobal(defaultCredentialsId);
    }
}
