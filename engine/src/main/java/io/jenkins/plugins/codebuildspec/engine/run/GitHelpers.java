package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.ArrayList;
import java.util.List;

/**
 * For {@code git-credential-helper: yes} without a credential from the caller: which credential helpers
 * git is configured with where the commands run (the source directory, the build's environment and so
 * its {@code HOME}), said in one log line. Only each helper's name is shown, never the rest of its
 * configuration: a shell-command helper ({@code !f() { echo password=...; }; f}) may hold a token.
 */
final class GitHelpers {
    static final String PREFIX = "git-credential-helper: ";

    private static final String SCRIPT =
            """
            command -v git >/dev/null 2>&1 || { echo no-git; exit 0; }
            echo git
            git -c safe.directory='*' config -z --get-regexp '^credential\\..*helper$' 2>/dev/null
            exit 0
            """;

    private GitHelpers() {}

    /** The log line. */
    static String describe(Probe probe) throws InterruptedException {
        Probe.Result result = probe.run(SCRIPT);
        String out = result.output();
        if (!result.ok() || out.isEmpty()) {
            return PREFIX + "no git credential was given to the build, and git's credential helpers could not be"
                    + " checked here";
        }
        if (out.startsWith("no-git")) {
            return PREFIX + "no git credential was given to the build, and git is not installed where the"
                    + " commands run";
        }
        List<String> helpers = helpers(out.substring(out.indexOf('\n') + 1));
        if (helpers.isEmpty()) {
            return PREFIX + "no git credential was given to the build, and git has no credential helper"
                    + " configured here: a git command that needs a password will fail (configure one with"
                    + " 'git config --global credential.helper ...')";
        }
        return PREFIX + "no git credential was given to the build; git uses the credential helpers it is"
                + " configured with here: " + String.join(", ", helpers);
    }

    /**
     * The helpers in effect, from {@code git config -z --get-regexp} output (records {@code key\nvalue},
     * each ended by NUL), in git's order: an empty value empties the list, as it does in git.
     */
    static List<String> helpers(String zOutput) {
        List<String> helpers = new ArrayList<>();
        for (String record : zOutput.split("\0")) {
            if (record.isBlank()) {
                continue;
            }
            int nl = record.indexOf('\n');
            String key = nl < 0 ? record : record.substring(0, nl);
            String value = nl < 0 ? "" : record.substring(nl + 1).strip();
            if (value.isEmpty()) {
                helpers.clear();
                continue;
            }
            String name = value.startsWith("!") ? "a shell command (!...)" : value.split("\\s+")[0];
            // credential.<url>.helper: a helper for one URL (the URL keeps its case and dots)
            String general = "credential.helper";
            String url = key.length() > general.length() && key.endsWith(".helper")
                    ? key.substring("credential.".length(), key.length() - ".helper".length())
                    : "";
            helpers.add(url.isEmpty() ? name : name + " (for " + url + ")");
        }
        return helpers;
    }
}
