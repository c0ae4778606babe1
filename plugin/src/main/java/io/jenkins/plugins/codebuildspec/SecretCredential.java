package io.jenkins.plugins.codebuildspec;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One {@code secretCredentials} entry: a buildspec secret variable whose value a Jenkins credential holds. */
public final class SecretCredential extends AbstractDescribableImpl<SecretCredential> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String credentialsId;

    @DataBoundConstructor
    public SecretCredential(String variable, String credentialsId) {
        this.variable = Util.fixEmptyAndTrim(variable);
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getVariable() {
        return variable;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * The values of the given entries, by variable, resolved on the controller for this run. Entries for
     * variables the buildspec does not read from a secret store are reported and skipped.
     */
    static Map<String, String> resolve(
            List<SecretCredential> entries, Run<?, ?> run, Buildspec buildspec, PrintStream log) throws AbortException {
        Map<String, String> values = new LinkedHashMap<>();
        for (SecretCredential entry : entries) {
            if (entry.variable == null || entry.credentialsId == null) {
                throw new AbortException("secretCredentials: every entry needs a variable and a credentialsId");
            }
            if (!buildspec.env().parameterStore().containsKey(entry.variable)
                    && !buildspec.env().secretsManager().containsKey(entry.variable)) {
                log.println("secretCredentials: " + entry.variable + " is not a parameter-store or secrets-manager"
                        + " variable of the buildspec; ignored");
                continue;
            }
            StringCredentials credential =
                    CredentialsProvider.findCredentialById(entry.credentialsId, StringCredentials.class, run);
            if (credential == null) {
                throw new AbortException(
                        "secretCredentials: " + entry.variable + ": no secret text credential '" + entry.credentialsId
                                + "' is available to " + run.getParent().getFullName());
            }
            values.put(entry.variable, credential.getSecret().getPlainText());
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretCredential other
                && Objects.equals(variable, other.variable)
                && Objects.equals(credentialsId, other.credentialsId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(variable, credentialsId);
    }

    @Override
    public String toString() {
        return variable + " <- " + credentialsId;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<SecretCredential> {
        @Override
        public String getDisplayName() {
            return "Secret from a Jenkins credential";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String credentialsId) {
            return CredentialsChoices.secretText(item, credentialsId);
        }

        public FormValidation doCheckVariable(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error("The buildspec variable whose value this credential gives")
                    : FormValidation.ok();
        }
    }
}
