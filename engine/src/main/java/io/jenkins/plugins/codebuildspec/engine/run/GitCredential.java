package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A username and password (or token) for git, which a front end hands the build for
 * {@code env.git-credential-helper: yes} (Jenkins: the job's SCM credential). Every command of such a
 * build runs with git configured, through git's environment configuration ({@code GIT_CONFIG_COUNT},
 * {@code GIT_CONFIG_KEY_n}, {@code GIT_CONFIG_VALUE_n}), to use one credential helper: its helper list
 * is first reset (an empty {@code credential.helper}), so the machine's own helpers are neither asked
 * nor given the credential to store, and then a helper that answers {@code get} with this credential.
 * The helper is a shell function in the configuration value itself, not a file: it holds no secret,
 * needs no path that must also exist inside a container, nothing other users must read for
 * {@code run-as}, and nothing to remove afterwards. It reads the credential from the command's
 * environment ({@value #USERNAME_VARIABLE}, {@value #PASSWORD_VARIABLE}), where the password is a
 * secret like {@code parameter-store} values: masked and never written to the build's state files.
 * {@code GIT_TERMINAL_PROMPT=0} keeps git from ever waiting for a password on a terminal.
 */
public final class GitCredential {
    /** The variable the helper reads the username from. */
    public static final String USERNAME_VARIABLE = "CODEBUILD_LOCAL_GIT_USERNAME";

    /** The variable the helper reads the password from; its value is masked. */
    public static final String PASSWORD_VARIABLE = "CODEBUILD_LOCAL_GIT_PASSWORD";

    static final String COUNT = "GIT_CONFIG_COUNT";
    static final String KEY = "GIT_CONFIG_KEY_";
    static final String VALUE = "GIT_CONFIG_VALUE_";
    static final String HELPER_KEY = "credential.helper";

    /**
     * The helper, as git runs it ({@code sh -c '<this> get'}): it answers only {@code get}, reads the
     * request to its end first, and says nothing when the variables are gone (a command that cleared
     * its environment), so that git fails as it would without a credential instead of using an empty one.
     * Shell builtins only, so it works in slim images.
     */
    static final String HELPER = "!f() { test \"$1\" = get || exit 0;"
            + " while IFS= read -r l && test -n \"$l\"; do :; done;"
            + " test -n \"$" + PASSWORD_VARIABLE + "\" || exit 0;"
            + " printf 'username=%s\\npassword=%s\\n' \"$" + USERNAME_VARIABLE + "\" \"$" + PASSWORD_VARIABLE
            + "\"; }; f";

    private final String username;
    private final String password;

    /**
     * @throws IllegalArgumentException when either is empty or holds a line break or NUL, which git's
     *     credential protocol cannot carry (the message never holds the values)
     */
    public GitCredential(String username, String password) {
        this.username = check(Objects.requireNonNull(username, "username"), "username");
        this.password = check(Objects.requireNonNull(password, "password"), "password");
    }

    private static String check(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the git credential's " + what + " is empty");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the git credential's " + what
                    + " contains a line break or NUL, which git's credential protocol cannot carry");
        }
        return value;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /**
     * {@code environment} with the helper installed after whatever git configuration it already carries
     * ({@code GIT_CONFIG_COUNT} set by the machine, the buildspec or an earlier command is kept, and this
     * helper's two entries go after it), the credential's variables and {@code GIT_TERMINAL_PROMPT=0}.
     * Applying it again to its own result changes nothing, so it can be applied to every command of a
     * build whose environment carries over from the one before. A {@code GIT_CONFIG_COUNT} that is not a
     * number is left alone (git itself refuses it, naming it).
     */
    Map<String, String> applyTo(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(USERNAME_VARIABLE, username);
        env.put(PASSWORD_VARIABLE, password);
        env.put("GIT_TERMINAL_PROMPT", "0");
        String count = env.getOrDefault(COUNT, "").strip();
        int n;
        try {
            n = count.isEmpty() ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return env;
        }
        if (n < 0 || n > Integer.MAX_VALUE - 2) {
            return env;
        }
        if (n >= 2 && isOurs(env, n - 2, "") && isOurs(env, n - 1, HELPER)) {
            n -= 2; // put there by this method for an earlier command: replaced, not added again
        }
        env.put(KEY + n, HELPER_KEY);
        env.put(VALUE + n, "");
        env.put(KEY + (n + 1), HELPER_KEY);
        env.put(VALUE + (n + 1), HELPER);
        env.put(COUNT, Integer.toString(n + 2));
        return env;
    }

    private static boolean isOurs(Map<String, String> env, int index, String value) {
        return HELPER_KEY.equals(env.get(KEY + index)) && value.equals(env.get(VALUE + index));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "GitCredential[username=" + username + ", password=" + Masker.MASK + "]";
    }
}
