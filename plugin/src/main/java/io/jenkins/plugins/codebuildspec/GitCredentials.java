package io.jenkins.plugins.codebuildspec;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.scm.SCM;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.run.GitCredential;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import jenkins.triggers.SCMTriggerItem;

/**
 * The git credential a build gets for {@code env.git-credential-helper: yes}, as CodeBuild gives git the
 * credential of the build's source: {@code gitCredentialsId}, else the credential of the job's git SCM
 * (git plugin), as the git plugin's {@code gitUsernamePassword} binding would give it.
 */
final class GitCredentials {
    /** A username and password for git; the password is a secret. */
    record UsernamePassword(String username, String password) {
        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=***]";
        }
    }

    private GitCredentials() {}

    /** The credential for the build, or null when it gets none; the console says which one and why. */
    @CheckForNull
    static UsernamePassword resolve(
            Run<?, ?> run, @CheckForNull String gitCredentialsId, Buildspec buildspec, PrintStream log)
            throws AbortException {
        boolean wanted = buildspec.env().gitCredentialHelper().orElse(false);
        if (gitCredentialsId != null) {
            UsernamePassword credential = find(run, gitCredentialsId, "gitCredentialsId");
            if (!wanted) {
                log.println("gitCredentialsId is set, but the buildspec does not say env.git-credential-helper: yes;"
                        + " git does not get the credential");
                return null;
            }
            log.println("git-credential-helper: git gets Jenkins credential '" + gitCredentialsId + "'");
            return credential;
        }
        if (!wanted) {
            return null;
        }
        String fromScm = scmCredentialsId(run);
        if (fromScm == null) {
            return null;
        }
        log.println("git-credential-helper: git gets Jenkins credential '" + fromScm + "' (the job's git checkout)");
        return find(run, fromScm, "the credential of the job's git checkout");
    }

    private static UsernamePassword find(Run<?, ?> run, String id, String what) throws AbortException {
        StandardUsernamePasswordCredentials credential =
                CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
        if (credential == null) {
            throw new AbortException(what + ": no 'Username with password' credential '" + id + "' is available to "
                    + run.getParent().getFullName());
        }
        String password = credential.getPassword().getPlainText();
        try {
            // the engine's own checks, here on the controller so that nothing runs with a credential git cannot take
            new GitCredential(credential.getUsername(), password);
        } catch (IllegalArgumentException e) {
            throw new AbortException(what + " '" + id + "': " + e.getMessage());
        }
        CredentialsProvider.track(run, credential);
        return new UsernamePassword(credential.getUsername(), password);
    }

    /**
     * The credentials id of the job's first git remote that has one, when the git plugin is there; through
     * reflection, since the git plugin is optional.
     */
    @CheckForNull
    private static String scmCredentialsId(Run<?, ?> run) {
        SCMTriggerItem item = SCMTriggerItem.SCMTriggerItems.asSCMTriggerItem(run.getParent());
        if (item == null) {
            return null;
        }
        for (SCM scm : item.getSCMs()) {
            if (!scm.getClass().getName().equals("hudson.plugins.git.GitSCM")) {
                continue;
            }
            try {
                Method remotes = scm.getClass().getMethod("getUserRemoteConfigs");
                for (Object remote : (List<?>) remotes.invoke(scm)) {
                    Object id = remote.getClass().getMethod("getCredentialsId").invoke(remote);
                    if (id instanceof String s && !s.isBlank()) {
                        return s;
                    }
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                // another git plugin than the one known here: no credential from it
            }
        }
        return null;
    }
}
