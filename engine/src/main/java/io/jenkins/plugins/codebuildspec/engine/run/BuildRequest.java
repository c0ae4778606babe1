package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.secrets.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one build needs: the buildspec, where the source is, a temporary directory private to
 * this build (for state files; never a shared /tmp name), the machine's environment, the caller's
 * overrides, how to resolve secrets, and limits. Paths are on the machine that runs the commands.
 */
public final class BuildRequest {
    /** CodeBuild's default build timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

    /** CodeBuild's rule for a {@code sourceIdentifier}. */
    private static final java.util.regex.Pattern SOURCE_IDENTIFIER =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    private final Buildspec buildspec;
    private final String sourceDirectory;
    private final String tempDirectory;
    private BuildContext context;
    private Map<String, String> baseEnvironment = Map.of();
    private Map<String, String> overrides = Map.of();
    private SecretResolver secrets;
    private Set<String> maskedValues = Set.of();
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean strictRuntimeVersions;
    private Clock clock = Clock.systemUTC();
    private BuildFiles files;
    private boolean codeDeployCheck;
    private Map<String, String> secondarySources = Map.of();
    private GitCredential gitCredential;
    private DebugOptions debug;

    public BuildRequest(Buildspec buildspec, String sourceDirectory, String tempDirectory, BuildContext context) {
        this.buildspec = Objects.requireNonNull(buildspec, "buildspec");
        this.sourceDirectory = Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The environment of the machine or agent; the lowest precedence. */
    public BuildRequest baseEnvironment(Map<String, String> value) {
        this.baseEnvironment = new LinkedHashMap<>(value);
        return this;
    }

    /** Variables given by the caller (CLI --env, step parameters); the highest precedence. */
    public BuildRequest overrides(Map<String, String> value) {
        this.overrides = new LinkedHashMap<>(value);
        return this;
    }

    public BuildRequest secrets(SecretResolver value) {
        this.secrets = value;
        return this;
    }

    /** Values to mask though they are not buildspec secrets, such as the AWS credentials in use. */
    public BuildRequest maskedValues(Set<String> values) {
        this.maskedValues = new LinkedHashSet<>(values);
        return this;
    }

    public BuildRequest timeout(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + value);
        }
        this.timeout = value;
        return this;
    }

    /** Makes a runtime-versions mismatch fail INSTALL instead of warning. */
    public BuildRequest strictRuntimeVersions(boolean value) {
        this.strictRuntimeVersions = value;
        return this;
    }

    /** Where artifacts are packaged and stored; without it, UPLOAD_ARTIFACTS does not run. */
    public BuildRequest files(BuildFiles value) {
        this.files = value;
        return this;
    }

    /** Fail before upload when the primary artifact is not a valid CodeDeploy bundle. */
    public BuildRequest codeDeployCheck(boolean value) {
        this.codeDeployCheck = value;
        return this;
    }

    /**
     * The build's secondary sources, CodeBuild's {@code sourceIdentifier} → absolute directory on the
     * machine that runs the commands: each sets {@code CODEBUILD_SRC_DIR_<identifier>}, and an artifact's
     * {@code base-directory: $CODEBUILD_SRC_DIR_<identifier>[/...]} selects files there.
     *
     * @throws IllegalArgumentException for an identifier CodeBuild would refuse or a relative directory
     */
    /** Whether {@code id} is a valid CodeBuild {@code sourceIdentifier}. */
    public static boolean isSourceIdentifier(String id) {
        return SOURCE_IDENTIFIER.matcher(id).matches();
    }

    public BuildRequest secondarySources(Map<String, String> value) {
        Map<String, String> checked = new LinkedHashMap<>();
        value.forEach((id, dir) -> {
            if (!isSourceIdentifier(id)) {
                throw new IllegalArgumentException("secondary source identifier '" + id
                        + "' is not valid: use letters, digits and underscores, at most 128, starting with a letter");
            }
            if (!dir.startsWith("/")) {
                throw new IllegalArgumentException(
                        "secondary source " + id + ": the directory must be absolute, found '" + dir + "'");
            }
            checked.put(id, dir);
        });
        this.secondarySources = java.util.Collections.unmodifiableMap(checked);
        return this;
    }

    /**
     * A username and password for git (Jenkins: the job's SCM credential). When the buildspec says
     * {@code env.git-credential-helper: yes}, every command of the build runs with git configured to use
     * it, and only it, through a credential helper (see {@link GitCredential}); otherwise, as in
     * CodeBuild, git gets nothing from the build. Either way the password is masked like a secret in the
     * log, the result and reports, and never written to the build's state files.
     *
     * @throws IllegalArgumentException when either is empty or holds a line break or NUL (the message
     *     never holds the values)
     */
    public BuildRequest gitCredential(String username, String password) {
        this.gitCredential = new GitCredential(username, password);
        return this;
    }

    /** The credential for {@code git-credential-helper: yes}, when the caller gave one. */
    public Optional<GitCredential> gitCredential() {
        return Optional.ofNullable(gitCredential);
    }

    /** Debug mode: breakpoints and shells at failed commands (codebuild-local only); off without it. */
    public BuildRequest debug(DebugOptions value) {
        this.debug = value;
        return this;
    }

    public Optional<DebugOptions> debug() {
        return Optional.ofNullable(debug).filter(DebugOptions::any);
    }

    public Map<String, String> secondarySources() {
        return secondarySources;
    }

    public Optional<BuildFiles> files() {
        return Optional.ofNullable(files);
    }

    public boolean codeDeployCheck() {
        return codeDeployCheck;
    }

    public BuildRequest clock(Clock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    public BuildRequest context(BuildContext value) {
        this.context = Objects.requireNonNull(value);
        return this;
    }

    public Buildspec buildspec() {
        return buildspec;
    }

    public String sourceDirectory() {
        return sourceDirectory;
    }

    public String tempDirectory() {
        return tempDirectory;
    }

    public BuildContext context() {
        return context;
    }

    public Map<String, String> baseEnvironment() {
        return baseEnvironment;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    public Optional<SecretResolver> secrets() {
        return Optional.ofNullable(secrets);
    }

    public Set<String> maskedValues() {
        return maskedValues;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean strictRuntimeVersions() {
        return strictRuntimeVersions;
    }

    public Clock clock() {
        return clock;
    }
}
