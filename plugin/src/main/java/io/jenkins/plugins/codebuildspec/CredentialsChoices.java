package io.jenkins.plugins.codebuildspec;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The credentials the forms offer, to users who may configure the item. */
final class CredentialsChoices {
    private CredentialsChoices() {}

    // Listed as the system sees them, as credentials-binding does: the build uses them, not the user filling
    // in the form, and it may run as the system.

    /** AWS credentials for a job's step or builder. */
    static ListBoxModel aws(@CheckForNull Item item, @CheckForNull String current) {
        return choices(item, current, StandardCredentials.class, awsMatcher());
    }

    /** AWS credentials for the global defaults. */
    static ListBoxModel awsForGlobal(@CheckForNull String current) {
        return aws(null, current);
    }

    /** Secret text credentials, for {@code secretCredentials}. */
    static ListBoxModel secretText(@CheckForNull Item item, @CheckForNull String current) {
        return choices(item, current, StringCredentials.class, CredentialsMatchers.always());
    }

    /** Username with password credentials, for {@code gitCredentialsId}. */
    static ListBoxModel usernamePassword(@CheckForNull Item item, @CheckForNull String current) {
        return choices(item, current, StandardUsernamePasswordCredentials.class, CredentialsMatchers.always());
    }

    /** The credentials of {@code type} that {@code matcher} takes, for {@code item} or, without one, globally. */
    private static <C extends StandardCredentials> ListBoxModel choices(
            @CheckForNull Item item, @CheckForNull String current, Class<C> type, CredentialsMatcher matcher) {
        if (!mayConfigure(item)) {
            return new StandardListBoxModel().includeCurrentValue(nonNull(current));
        }
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), matcher);
        } else {
            model.includeMatchingAs(ACL.SYSTEM2, item, type, List.of(), matcher);
        }
        return model.includeCurrentValue(nonNull(current));
    }

    private static boolean mayConfigure(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static CredentialsMatcher awsMatcher() {
        CredentialsMatcher usernamePassword = CredentialsMatchers.instanceOf(UsernamePasswordCredentials.class);
        return OptionalPlugins.awsCredentials()
                ? CredentialsMatchers.anyOf(usernamePassword, AwsPluginCredentials.matcher())
                : usernamePassword;
    }

    private static String nonNull(@CheckForNull String value) {
        return value == null ? "" : value;
    }
}
