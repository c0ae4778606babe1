package io.jenkins.plugins.codebuildspec.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The commit, branch and remote URL of the source directory when it is a git checkout. */
record GitInfo(Optional<String> commit, Optional<String> branch, Optional<String> remoteUrl) {
    static final GitInfo NONE = new GitInfo(Optional.empty(), Optional.empty(), Optional.empty());

    private static final String SCRIPT =
            """
            command -v git >/dev/null 2>&1 || exit 0
            g() { git -c safe.directory='*' "$@" 2>/dev/null; }
            c=$(g rev-parse HEAD) && printf 'commit=%s\\n' "$c"
            b=$(g symbolic-ref --short -q HEAD) && printf 'branch=%s\\n' "$b"
            u=$(g config --get remote.origin.url) && printf 'url=%s\\n' "$u"
            exit 0
            """;

    static GitInfo read(Probe probe) throws InterruptedException {
        Probe.Result result = probe.run(SCRIPT);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : result.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return new GitInfo(
                Optional.ofNullable(values.get("commit")),
                Optional.ofNullable(values.get("branch")),
                Optional.ofNullable(values.get("url")).map(GitInfo::withoutCredentials));
    }

    /** {@code https://user:token@host/x} becomes {@code https://host/x}: a token must not reach the build. */
    static String withoutCredentials(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int hostStart = scheme + 3;
        int slash = url.indexOf('/', hostStart);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        return at >= hostStart ? url.substring(0, hostStart) + url.substring(at + 1) : url;
    }
}
