package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.List;
import java.util.Optional;

/**
 * {@code run-as}: nothing to do when it names the user already running the build; otherwise the
 * command is started through {@code runuser} (as root) or {@code sudo -n}; with neither, the phase
 * fails with a message saying so.
 */
final class RunAs {
    private final String currentUser;
    private final boolean root;
    private final boolean hasRunuser;
    private final boolean hasSudo;

    private RunAs(String currentUser, boolean root, boolean hasRunuser, boolean hasSudo) {
        this.currentUser = currentUser;
        this.root = root;
        this.hasRunuser = hasRunuser;
        this.hasSudo = hasSudo;
    }

    static RunAs probe(Probe probe) throws InterruptedException {
        Probe.Result r = probe.run(
                """
                printf 'user=%s\\n' "$(id -un 2>/dev/null)"
                printf 'uid=%s\\n' "$(id -u 2>/dev/null)"
                command -v runuser >/dev/null 2>&1 && echo runuser=yes
                command -v sudo >/dev/null 2>&1 && echo sudo=yes
                exit 0
                """);
        String user = value(r.output(), "user").orElse("");
        boolean root = value(r.output(), "uid").filter("0"::equals).isPresent();
        return new RunAs(
                user,
                root,
                value(r.output(), "runuser").isPresent(),
                value(r.output(), "sudo").isPresent());
    }

    private static Optional<String> value(String output, String key) {
        for (String line : output.split("\n")) {
            if (line.startsWith(key + "=")) {
                return Optional.of(line.substring(key.length() + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** Whether commands for {@code user} run through a user switch (and so need shared state files). */
    boolean switches(String user) {
        return !user.equals(currentUser);
    }

    /**
     * What to put in front of the shell to run as {@code user}.
     *
     * @throws IllegalStateException with a user-facing message when no way to switch exists
     */
    List<String> wrapper(String user) {
        if (!switches(user)) {
            return List.of();
        }
        if (root && hasRunuser) {
            return List.of("runuser", "-u", user, "--");
        }
        if (hasSudo) {
            return List.of("sudo", "-n", "-E", "-u", user, "--");
        }
        throw new IllegalStateException("run-as: cannot run commands as '" + user + "': the build runs as '"
                + currentUser + "', and " + (root ? "runuser" : "sudo") + " is not available to switch users."
                + " Remove run-as, or run the build as that user");
    }
}
