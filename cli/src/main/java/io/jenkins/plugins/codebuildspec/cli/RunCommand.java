package io.jenkins.plugins.codebuildspec.cli;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactPackager;
import io.jenkins.plugins.codebuildspec.engine.batch.BatchTools;
import io.jenkins.plugins.codebuildspec.engine.cache.LocalCache;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.parse.BuildspecParser;
import io.jenkins.plugins.codebuildspec.engine.parse.ParseResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildContext;
import io.jenkins.plugins.codebuildspec.engine.run.BuildLog;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRequest;
import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.CommandExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.DebugOptions;
import io.jenkins.plugins.codebuildspec.engine.run.DockerExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalBuildFiles;
import io.jenkins.plugins.codebuildspec.engine.run.LocalProcessExecutor;
import io.jenkins.plugins.codebuildspec.engine.run.LocalTempDirectory;
import io.jenkins.plugins.codebuildspec.engine.secrets.KeyValueFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: runs a buildspec on this machine, with the CodeBuild local agent's flags. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a buildspec on this machine, phase by phase, as CodeBuild would.",
            "Exit code: 0 build succeeded, 1 build failed (or timed out), 2 invalid input or usage,"
                    + " 130 stopped with Ctrl-C (SIGINT), 143 stopped with SIGTERM."
        })
class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The primary source directory: the one -s without an identifier. */
    Path sourceDir = Path.of(".");

    /** Secondary sources, from -s ID:DIR: identifier → directory as given. */
    final Map<String, Path> secondarySources = new LinkedHashMap<>();

    /** Why the -s values cannot be used, if they cannot; reported before anything runs. */
    String sourceProblem;

    @Option(
            names = {"-s", "--source-dir"},
            paramLabel = "[ID:]DIR",
            description = "Source directory (default: .). Repeat as ID:DIR for a secondary source, as the CodeBuild"
                    + " local agent does: sets CODEBUILD_SRC_DIR_ID.")
    void sources(List<String> values) {
        // picocli passes every value given so far: rebuild from all of them
        SourceArgs parsed = SourceArgs.parse(values);
        sourceDir = parsed.primary();
        secondarySources.clear();
        secondarySources.putAll(parsed.secondary());
        sourceProblem = parsed.problem();
    }

    @Option(
            names = {"-b", "--buildspec"},
            paramLabel = "FILE",
            description = "Buildspec file (default: buildspec.yml in the source directory); '-' reads it from"
                    + " standard input.")
    Path buildspec;

    @Option(
            names = "--buildspec-text",
            paramLabel = "TEXT",
            description = "The buildspec itself, as CodeBuild's buildspec override takes it; instead of -b."
                    + " Problems are reported as <inline>:LINE:COL.")
    String buildspecText;

    /** Where {@code -b -} reads from; tests give their own. */
    java.io.InputStream stdin = System.in;

    @Option(
            names = {"-e", "--env-file"},
            paramLabel = "FILE",
            description = "File of KEY=VALUE lines to set.")
    Path envFile;

    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "A variable to set, overriding the buildspec (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "KEY=VALUE lines giving parameter-store and secrets-manager values offline, keyed by"
                    + " variable name, parameter name or secret id.")
    Path secretFile;

    @Option(
            names = {"-c", "--use-aws-credentials"},
            description = "Pass this machine's AWS credentials (default chain or --profile) into the build.")
    boolean useAwsCredentials;

    @Option(
            names = "--git-credential",
            paramLabel = "USER:ENV_VAR",
            description = "With env.git-credential-helper: yes, git in the build uses this username and the"
                    + " password or token held by this machine's environment variable ENV_VAR (masked), instead"
                    + " of your own credential helpers.")
    String gitCredential;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile for credentials and secrets.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (sets AWS_REGION in the build).")
    String region;

    @Option(
            names = "--timeout",
            paramLabel = "MINUTES",
            description = "Build timeout in minutes, 1 to 2160 (default: 60, as CodeBuild).")
    int timeoutMinutes = 60;

    @Option(
            names = {"-a", "--artifacts"},
            paramLabel = "DIR",
            description = "Local directory for artifact zips (default: .codebuild/artifacts in the source directory)."
                    + " With --s3-bucket, the zips are kept here too.")
    Path artifactsDir;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "Upload artifacts to this S3 bucket.")
    String s3Bucket;

    @Option(names = "--s3-prefix", paramLabel = "PREFIX", description = "Key prefix in the bucket.")
    String s3Prefix;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "S3 endpoint, for S3-compatible stores (MinIO, S3Proxy, ...).")
    String endpointUrl;

    @Option(
            names = "--kms-key-id",
            paramLabel = "KEY",
            description = "Encrypt uploaded artifacts with this KMS key (default: SSE-S3).")
    String kmsKeyId;

    @Option(
            names = "--no-sse",
            description = "Upload without server-side encryption, for S3-compatible stores that do not support it.")
    boolean noSse;

    @Option(
            names = "--codedeploy-check",
            description = "Fail before upload when the primary artifact has no appspec.yml at its root, or lacks"
                    + " a file or hook script its appspec names.")
    boolean codeDeployCheck;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Where the buildspec's cache is kept (default: $XDG_CACHE_HOME or ~/.cache, then"
                    + " codebuild-local/<project>).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Ignore the buildspec's cache block: restore and save nothing.")
    boolean noCache;

    @Option(
            names = "--report-html",
            paramLabel = "FILE",
            description = "Write a self-contained HTML report: status, a timeline of phases and commands, tests,"
                    + " coverage, artifacts, exported variables.")
    Path reportHtml;

    @Option(
            names = {"-q", "--quiet"},
            description = "Show only the summary (the log file keeps every line).")
    boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            description = "On a terminal, show the commands' own output under the live progress line.")
    boolean verbose;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the build result as JSON to FILE.")
    Path json;

    @Option(
            names = "--image",
            paramLabel = "IMAGE",
            description = "Run every command in a container of IMAGE (the Docker engine must have it), as the"
                    + " CodeBuild local agent does; the source directory is mounted at the same path.")
    String image;

    @Option(names = "--privileged", description = "With --image: run the container privileged (the agent's -d).")
    boolean privileged;

    @Option(names = "--dryrun", description = "Print what would run; run nothing.")
    boolean dryrun;

    @Option(
            names = "--debug",
            description = "Pause at codebuild-breakpoint: open a shell on this terminal with the build's working"
                    + " directory and variables there (in the container with --image); codebuild-resume, exit or"
                    + " end of input resumes the build. Without it codebuild-breakpoint only logs.")
    boolean debug;

    @Option(
            names = "--debug-on-failure",
            description = "When a command fails, open a shell on this terminal at the state it left; the build"
                    + " goes on as it would when the shell ends (the failure stands).")
    boolean debugOnFailure;

    @Option(
            names = "--strict-runtime-versions",
            description = "Fail INSTALL when a runtime-versions entry does not match what is installed.")
    boolean strictRuntimeVersions;

    @Option(names = "--project", paramLabel = "NAME", description = "Project name (default: source directory name).")
    String project;

    @Option(
            names = "--build-number",
            paramLabel = "N",
            description = "Build number (default: one more than the last run in this source directory).")
    Integer buildNumber;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path source = sourceDir.toAbsolutePath().normalize();
        Optional<Buildspec> parsed = load(source, err);
        if (parsed.isEmpty()) {
            return Main.INVALID;
        }
        Buildspec buildspec = parsed.get();
        if (dryrun) {
            new DryRun(out).print(buildspec, source);
            return Main.OK;
        }
        Optional<Inputs> inputs = inputs(err);
        if (inputs.isEmpty()) {
            return Main.INVALID;
        }
        Map<String, String> overrides = inputs.get().overrides();
        BuildSetup setup = inputs.get().setup();
        String projectName = projectName(source);
        int number = buildNumber(source);
        Path temp = LocalTempDirectory.create("codebuild-local-");
        try (StoreChoice store = store(setup, outputs(source), "")) {
            BuildContext context = context(projectName, number, setup);
            BuildRequest request =
                    request(buildspec, source, temp, context, setup, overrides, store, outputs(source), projectName);
            withTools(request, BatchTools.install(temp.resolve("bin")));
            return runWithCtrlC(request, out, err);
        } catch (IllegalArgumentException e) {
            err.println("codebuild-local: " + e.getMessage());
            return Main.INVALID;
        } finally {
            setup.close();
            deleteQuietly(temp);
        }
    }

    /**
     * CodeBuild's helper commands (codebuild-breakpoint, codebuild-tests-run, ...) in front of the PATH the
     * commands would have: this machine's, or with --image the image's. The lowest precedence, so a
     * buildspec or --env PATH still wins. {@code tools} is in the temporary directory, which a container
     * mounts at the same path.
     */
    void withTools(BuildRequest request, Path tools) {
        Map<String, String> base = new LinkedHashMap<>(request.baseEnvironment());
        String path = image == null
                ? base.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")
                : DockerExecutor.imagePath("docker", image, System.getenv());
        base.put("PATH", tools + (path.isEmpty() ? "" : ":" + path));
        request.baseEnvironment(base);
    }

    /** What a container needs at the same paths: the sources and the build's temporary directory. */
    static List<Path> mounts(BuildRequest request) {
        List<Path> mounts = new ArrayList<>();
        mounts.add(Path.of(request.sourceDirectory()));
        request.secondarySources().values().forEach(d -> mounts.add(Path.of(d)));
        mounts.add(Path.of(request.tempDirectory()));
        return mounts;
    }

    /** The secondary sources as absolute paths, for the build request. */
    Map<String, String> secondaryDirectories() {
        Map<String, String> out = new LinkedHashMap<>();
        secondarySources.forEach(
                (id, dir) -> out.put(id, dir.toAbsolutePath().normalize().toString()));
        return out;
    }

    /** Where the commands run: here, or with --image in a container whose mounts make the same paths work. */
    CommandExecutor executor(BuildRequest request) {
        return executor(request, image, List.of());
    }

    /** As {@link #executor(BuildRequest)} with {@code runImage} (null: here) and more directories to mount. */
    CommandExecutor executor(BuildRequest request, String runImage, List<Path> moreMounts) {
        if (runImage == null) {
            return new LocalProcessExecutor();
        }
        List<Path> mounts = new ArrayList<>(mounts(request));
        mounts.addAll(moreMounts);
        return new DockerExecutor("docker", runImage, privileged, mounts, System.getenv());
    }

    /** The buildspec the flags name, once the flags are checked; empty, with the reasons printed, if not. */
    Optional<Buildspec> load(Path source, PrintWriter err) throws IOException {
        if (checkFlags(source, err) != null) {
            return Optional.empty();
        }
        if (buildspecText != null) {
            return inline(BuildspecInput.parseText(buildspecText), err);
        }
        if (buildspec != null && buildspec.toString().equals(BuildspecInput.STDIN)) {
            return inline(BuildspecInput.parseStdin(stdin), err);
        }
        return parse(buildspecFile(source), err);
    }

    private static Optional<Buildspec> inline(ParseResult parsed, PrintWriter err) {
        parsed.findings().forEach(f -> err.println(f.format()));
        if (!parsed.isValid()) {
            err.println("codebuild-local: the " + BuildspecInput.INLINE + " buildspec is not valid; nothing was run");
        }
        return parsed.buildspec();
    }

    /** The caller's variables and the AWS side of the run, from the flags. */
    record Inputs(Map<String, String> overrides, BuildSetup setup) {}

    /** The inputs, or empty with the reason printed when a flag's value cannot be used. */
    Optional<Inputs> inputs(PrintWriter err) throws IOException {
        try {
            return Optional.of(new Inputs(overrides(), new BuildSetup(profile, region, useAwsCredentials, secretFile)));
        } catch (IllegalArgumentException e) {
            err.println("codebuild-local: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** --build-number, or one more than the last run in this source directory. */
    int buildNumber(Path source) throws IOException {
        return buildNumber != null ? buildNumber : new BuildCounter(source.resolve(".codebuild")).next();
    }

    /** An exit code when the flags cannot work, else null. */
    Integer checkFlags(Path source, PrintWriter err) {
        if (sourceProblem != null) {
            err.println("codebuild-local: " + sourceProblem);
            return Main.INVALID;
        }
        if (!Files.isDirectory(source)) {
            err.println("codebuild-local: source directory " + sourceDir + " does not exist");
            return Main.INVALID;
        }
        for (var secondary : secondarySources.entrySet()) {
            if (!Files.isDirectory(secondary.getValue())) {
                err.println("codebuild-local: secondary source " + secondary.getKey() + ": directory "
                        + secondary.getValue() + " does not exist");
                return Main.INVALID;
            }
        }
        if (buildspecText != null && buildspec != null) {
            err.println("codebuild-local: give the buildspec with -b or with --buildspec-text, not both");
            return Main.INVALID;
        }
        if (privileged && image == null) {
            err.println("codebuild-local: --privileged needs --image");
            return Main.INVALID;
        }
        if (gitCredential != null) {
            try {
                gitCredential(System.getenv());
            } catch (IllegalArgumentException e) {
                err.println("codebuild-local: " + e.getMessage());
                return Main.INVALID;
            }
        }
        String debugFlag = debug ? "--debug" : debugOnFailure ? "--debug-on-failure" : null;
        if (debugFlag != null && dryrun) {
            err.println("codebuild-local: " + debugFlag + " has nothing to pause with --dryrun, which runs nothing");
            return Main.INVALID;
        }
        if (debugFlag != null && buildspec != null && buildspec.toString().equals(BuildspecInput.STDIN)) {
            err.println("codebuild-local: " + debugFlag + " needs standard input for its shell, so the buildspec"
                    + " cannot come from it (-b -); give it with -b FILE or --buildspec-text");
            return Main.INVALID;
        }
        if (timeoutMinutes < 1 || timeoutMinutes > 2160) {
            err.println("codebuild-local: --timeout must be 1 to 2160 minutes, found " + timeoutMinutes);
            return Main.INVALID;
        }
        return null;
    }

    /**
     * {@code --git-credential USER:ENV_VAR}: the username and the value of {@code ENV_VAR} in
     * {@code environment}. The password is never on the command line, where other users of the machine
     * could read it ({@code ps}).
     *
     * @throws IllegalArgumentException naming what is wrong (never the value)
     */
    Optional<io.jenkins.plugins.codebuildspec.engine.run.GitCredential> gitCredential(Map<String, String> environment) {
        if (gitCredential == null) {
            return Optional.empty();
        }
        int colon = gitCredential.lastIndexOf(':');
        String variable = colon < 0 ? "" : gitCredential.substring(colon + 1);
        if (colon < 1 || !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--git-credential takes USER:ENV_VAR, the username and the name of an"
                    + " environment variable that holds the password or token, found '" + gitCredential + "'");
        }
        String password = environment.get(variable);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--git-credential: the environment variable " + variable
                    + " is not set or empty; it must hold the password or token");
        }
        try {
            return Optional.of(new io.jenkins.plugins.codebuildspec.engine.run.GitCredential(
                    gitCredential.substring(0, colon), password));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--git-credential: " + e.getMessage());
        }
    }

    /** The buildspec, after printing its findings; empty when it is invalid. */
    static Optional<Buildspec> parse(Path file, PrintWriter err) {
        if (!Files.exists(file)) {
            err.println("codebuild-local: no buildspec: " + ValidateCommand.notFoundMessage(file)
                    + "; name it with -b FILE or the source directory with -s DIR; nothing was run");
            return Optional.empty();
        }
        ParseResult parsed = new BuildspecParser().parse(file);
        parsed.findings().forEach(f -> err.println(f.format()));
        if (!parsed.isValid()) {
            err.println("codebuild-local: " + file + " is not a valid buildspec; nothing was run");
        }
        return parsed.buildspec();
    }

    String projectName(Path source) {
        if (project != null) {
            return project;
        }
        Path name = source.getFileName();
        return name == null ? "codebuild-local" : name.toString();
    }

    BuildContext context(String projectName, int number, BuildSetup setup) {
        return BuildContext.of(projectName, number)
                .withInitiator("codebuild-local/" + System.getProperty("user.name"))
                .withRegion(setup.region())
                .withKmsKeyId(kmsKeyId);
    }

    Path outputs(Path source) {
        return (artifactsDir != null ? artifactsDir.toAbsolutePath() : source.resolve(".codebuild/artifacts"))
                .normalize();
    }

    /** The store the flags ask for; {@code subPrefix} goes under --s3-prefix (a batch build's identifier). */
    StoreChoice store(BuildSetup setup, Path outputs, String subPrefix) {
        String prefix = subPrefix.isEmpty() ? s3Prefix : (s3Prefix == null ? subPrefix : s3Prefix + "/" + subPrefix);
        return StoreChoice.of(
                s3Bucket, s3Bucket == null ? s3Prefix : prefix, endpointUrl, kmsKeyId, noSse, setup, outputs);
    }

    /** A build of {@code buildspec} in {@code source}, with every flag applied. */
    BuildRequest request(
            Buildspec buildspec,
            Path source,
            Path temp,
            BuildContext context,
            BuildSetup setup,
            Map<String, String> overrides,
            StoreChoice store,
            Path outputs,
            String projectName) {
        return request(buildspec, source, temp, context, setup, overrides, store, outputs, projectName, image);
    }

    /** As the other, with the commands run in {@code image} (null: on this machine). */
    BuildRequest request(
            Buildspec buildspec,
            Path source,
            Path temp,
            BuildContext context,
            BuildSetup setup,
            Map<String, String> overrides,
            StoreChoice store,
            Path outputs,
            String projectName,
            String image) {
        BuildRequest request = new BuildRequest(
                        buildspec,
                        source.toString(),
                        temp.toString(),
                        image == null ? context : context.withBuildImage(image))
                // in a container the image's own environment applies, not this machine's
                .baseEnvironment(image == null ? setup.machineEnvironment(System.getenv()) : Map.of())
                .overrides(setup.withCredentials(overrides))
                .maskedValues(setup.secretValues())
                .timeout(Duration.ofMinutes(timeoutMinutes))
                .strictRuntimeVersions(strictRuntimeVersions)
                .secondarySources(secondaryDirectories());
        setup.secretResolver().ifPresent(request::secrets);
        gitCredential(System.getenv()).ifPresent(c -> request.gitCredential(c.username(), c.password()));
        Path zips = s3Bucket != null ? outputs : temp.resolve("zips");
        LocalCache cache = noCache ? null : new LocalCache(cacheDirectory(projectName));
        return request.files(new LocalBuildFiles(
                        new ArtifactPackager(store.store(), zips, List.of(source.resolve(".codebuild"), outputs)),
                        cache))
                .codeDeployCheck(codeDeployCheck);
    }

    private int runWithCtrlC(BuildRequest request, PrintWriter out, PrintWriter err) throws Exception {
        Path logFile = request.context().projectName().isEmpty()
                ? null
                : Path.of(
                        request.sourceDirectory(),
                        ".codebuild",
                        "logs",
                        "build-" + request.context().buildNumber() + ".log");
        ConsoleView.Mode mode = ConsoleView.mode(System.console() != null, System.getenv(), quiet);
        try (ConsoleView view = new ConsoleView(out, mode, verbose, System::nanoTime);
                LogFile log = new LogFile(view, logFile)) {
            if (debug || debugOnFailure) {
                // the shell is the user's: this process's own terminal (or pipe), not the log
                request.debug(new DebugOptions(
                        debug,
                        debugOnFailure,
                        CommandExecutor.Terminal.inherited(System.console() != null),
                        view::suspend,
                        view::resume));
            }
            BuildRunner runner = new BuildRunner(executor(request), log);
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        runner.cancel();
                        try {
                            done.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        // the JVM halts when the hooks end, before run()'s own clean-up would remove it
                        deleteQuietly(Path.of(request.tempDirectory()));
                    },
                    "codebuild-local ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            BuildResult result;
            try {
                result = runner.run(request);
                if (logFile != null) {
                    result = result.withLogPath(logFile.toString());
                }
                new Summary(out).print(result);
                if (json != null) {
                    ResultJson.write(result, json);
                    out.println("Result written to " + json);
                }
                if (reportHtml != null) {
                    HtmlReport.write(result, request.context().projectName(), reportHtml);
                    out.println("Report written to " + reportHtml);
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running and waits for us
                }
            }
            return result.succeeded() ? Main.OK : Main.FAILED;
        }
    }

    private Path cacheDirectory(String projectName) {
        if (cacheDir != null) {
            return cacheDir.toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("codebuild-local").resolve(projectName.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    Path buildspecFile(Path source) {
        if (buildspec == null) {
            return source.resolve("buildspec.yml");
        }
        if (buildspec.isAbsolute() || Files.exists(buildspec)) {
            return buildspec;
        }
        return source.resolve(buildspec);
    }

    Map<String, String> overrides() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (envFile != null) {
            if (!Files.isRegularFile(envFile)) {
                throw new IllegalArgumentException("env file " + envFile + " does not exist");
            }
            values.putAll(KeyValueFile.read(envFile, "the env file"));
        }
        for (String pair : env) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--env expects KEY=VALUE, found '" + pair + "'");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    /** Prints every line to the console and to the build's log file. */
    /** Every line to the log file; to the console as the view decides. */
    private static final class LogFile implements BuildLog, AutoCloseable {
        private final ConsoleView console;
        private final PrintWriter file;

        LogFile(ConsoleView console, Path path) throws IOException {
            this.console = console;
            if (path != null) {
                Files.createDirectories(path.getParent());
                this.file = new PrintWriter(Files.newBufferedWriter(path));
            } else {
                this.file = null;
            }
        }

        @Override
        public synchronized void engine(String line) {
            console.engine(line);
            if (file != null) {
                file.println(line);
            }
        }

        @Override
        public synchronized void output(String line) {
            console.output(line);
            if (file != null) {
                file.println(line);
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
