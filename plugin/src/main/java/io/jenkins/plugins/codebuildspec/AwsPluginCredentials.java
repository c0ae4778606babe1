package io.jenkins.plugins.codebuildspec;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Credentials of the optional aws-credentials plugin, touched only when it is active. */
final class AwsPluginCredentials {
    private AwsPluginCredentials() {}

    static boolean handles(Credentials credential) {
        return credential instanceof AmazonWebServicesCredentials;
    }

    static CredentialsMatcher matcher() {
        return CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class);
    }

    /**
     * The keys (for a role, short-lived keys from STS), or null when the credential holds neither. The SDK
     * types here are those of the aws-credentials plugin's class loader: Jenkins resolves a plugin's classes
     * through its dependencies first, so this plugin's bundled SDK and the credential's agree. No signature
     * here names a type of that plugin, so callers load without it.
     */
    @CheckForNull
    static AwsKeys resolve(Credentials credential) {
        AwsCredentials resolved = ((AmazonWebServicesCredentials) credential).resolveCredentials();
        if (resolved == null) {
            return null;
        }
        String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        return new AwsKeys(resolved.accessKeyId(), resolved.secretAccessKey(), token);
    }
}
