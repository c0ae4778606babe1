package io.jenkins.plugins.codebuildspec.engine.run;

import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactJob;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactOutcome;
import io.jenkins.plugins.codebuildspec.engine.artifacts.ArtifactResult;
import io.jenkins.plugins.codebuildspec.engine.cache.CacheJob;
import io.jenkins.plugins.codebuildspec.engine.model.ArtifactSpec;
import io.jenkins.plugins.codebuildspec.engine.model.Artifacts;
import io.jenkins.plugins.codebuildspec.engine.model.Buildspec;
import io.jenkins.plugins.codebuildspec.engine.model.Cache;
import io.jenkins.plugins.codebuildspec.engine.model.OnFailure;
import io.jenkins.plugins.codebuildspec.engine.model.Phase;
import io.jenkins.plugins.codebuildspec.engine.model.PhaseName;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import io.jenkins.plugins.codebuildspec.engine.report.ReportGroupResult;
import io.jenkins.plugins.codebuildspec.engine.report.ReportJob;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one build: provisioning (environment, secrets), then INSTALL, PRE_BUILD, BUILD and POST_BUILD
 * with CodeBuild's transitions, {@code finally}, {@code on-failure}, the build timeout and
 * cancellation. One runner runs one build; many runners may run at once in one JVM.
 */
public final class BuildRunner {
    static final String PROVISIONING = "PROVISIONING";
    static final String UPLOAD_ARTIFACTS = "UPLOAD_ARTIFACTS";
    /** What the names of the build's state directories start with. */
    static final String STATE_FAMILY = "codebuild-";

    private final CommandExecutor executor;
    private final BuildLog sink;
    private final AtomicReference<BuildStatus> stopped = new AtomicReference<>();
    private final Object commandLock = new Object();
    private CommandExecutor.RunningCommand current;
    /** The shell of a paused build (debug mode), while it is open. */
    private CommandExecutor.RunningCommand shell;

    public BuildRunner(CommandExecutor executor, BuildLog log) {
        this.executor = executor;
        this.sink = log;
    }

    /** Stops the build as a user's cancel does: the running command's process tree is killed. */
    public void cancel() {
        stop(BuildStatus.STOPPED);
    }

    private void stop(BuildStatus why) {
        if (!stopped.compareAndSet(null, why)) {
            return;
        }
        List<CommandExecutor.RunningCommand> running = new ArrayList<>();
        synchronized (commandLock) {
            if (shell != null) {
                running.add(shell);
            }
            if (current != null) {
                running.add(current);
            }
        }
        for (CommandExecutor.RunningCommand r : running) {
            try {
                r.kill();
            } catch (IOException e) {
                // the command may have ended on its own meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public BuildResult run(BuildRequest request) throws InterruptedException {
        Masker masker = new Masker();
        request.maskedValues().forEach(masker::add);
        // masked whether or not the buildspec asks for it: it is a secret the caller handed over
        request.gitCredential().ifPresent(c -> masker.add(c.password()));
        Build build = new Build(request, masker, new MaskingLog(sink, masker));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timeout of " + build.buildId);
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> stop(BuildStatus.TIMED_OUT), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return build.run();
        } finally {
            timer.shutdownNow();
            try {
                executor.killRemaining();
            } catch (IOException e) {
                build.log.engine(
                        build.format.line("Could not end the build's background processes: " + e.getMessage()));
            }
            try {
                executor.deleteRecursively(build.stateDirectory);
            } catch (IOException e) {
                build.log.engine(build.format.line(
                        "Could not remove the state directory " + build.stateDirectory + ": " + e.getMessage()));
            }
        }
    }

    /** The state of one run. */
    private final class Build {
        final BuildRequest request;
        final Masker masker;
        final BuildLog log;
        final LogFormat format;
        final String buildId;
        final String stateDirectory;
        /** Where codebuild-breakpoint and the runner meet in debug mode (see codebuild-breakpoint). */
        final String debugDirectory;

        final Optional<DebugOptions> debug;
        final Instant start;
        final Buildspec spec;
        Map<String, String> environment;
        Probe probe;
        RunAs runAs;
        /** The credential every command's git uses, for {@code git-credential-helper: yes}; else null. */
        GitCredential gitCredential;

        boolean succeeding;
        int lastExit;
        List<ArtifactResult> artifacts = List.of();
        List<ReportGroupResult> reports = List.of();
        String restoredKey = "";
        final List<CommandRun> commandRuns = new ArrayList<>();
        int attemptNumber = 1;
        String currentPhase = "";

        Build(BuildRequest request, Masker masker, BuildLog log) {
            this.request = request;
            this.masker = masker;
            this.log = log;
            this.format = new LogFormat(request.clock());
            this.spec = request.buildspec();
            this.buildId = request.context().projectName() + ":" + UUID.randomUUID();
            this.stateDirectory = executor.resolve(
                    request.tempDirectory(), STATE_FAMILY + buildId.replaceAll("[^A-Za-z0-9._-]", "_"));
            this.debugDirectory = executor.resolve(stateDirectory, "debug");
            this.debug = request.debug();
            this.start = request.clock().instant();
        }

        void say(String message) {
            log.engine(format.line(message));
        }

        BuildResult run() throws InterruptedException {
            List<PhaseResult> phases = new ArrayList<>();
            PhaseResult provisioning = provision();
            phases.add(provisioning);
            int attempts = 1;
            ShellSession session = null;
            Optional<CacheJob> cache = Optional.empty();
            if (provisioning.status() == PhaseStatus.SUCCEEDED) {
                cache = restoreCache(newSession());
                while (true) {
                    List<PhaseResult> attempt = new ArrayList<>();
                    session = newSession();
                    attemptNumber = attempts;
                    Optional<Integer> retry = runPhases(session, attempt, attempts);
                    if (retry.isPresent() && stopped.get() == null) {
                        attempts++;
                        say("Retrying the build from INSTALL: attempt " + attempts + " of " + (retry.get() + 1));
                        continue;
                    }
                    phases.addAll(attempt);
                    break;
                }
            } else {
                for (PhaseName name : PhaseName.values()) {
                    phases.add(PhaseResult.notRun(name.name()));
                }
            }
            // As in CodeBuild: artifacts are uploaded once BUILD has run, even when it failed.
            boolean buildRan =
                    phases.stream().anyMatch(p -> p.name().equals("BUILD") && p.status() != PhaseStatus.NOT_RUN);
            if (buildRan && stopped.get() == null && request.files().isPresent()) {
                collectReports(session);
                phases.add(uploadArtifacts(session));
            } else {
                phases.add(PhaseResult.notRun(UPLOAD_ARTIFACTS));
            }
            Map<String, String> exported = exported(session);
            BuildStatus status = status(phases);
            if (status == BuildStatus.SUCCEEDED
                    && cache.isPresent()
                    && spec.cache().orElseThrow().action().saves()) {
                CacheJob job = cache.get();
                if (job.key().equals(restoredKey)) {
                    // an entry is immutable once written, as with CodeBuild's keyed cache: a changed
                    // dependency set gets a new key (codebuild-hash-files)
                    say("Cache: key " + job.key() + " was restored as is; not saved again");
                } else {
                    cacheStep(() -> request.files().orElseThrow().saveCache(job));
                }
            }
            say("Build " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " in "
                    + java.time.Duration.between(start, request.clock().instant())
                            .toMillis() + " ms");
            return new BuildResult(
                    buildId,
                    request.context().buildNumber(),
                    status,
                    start,
                    request.clock().instant(),
                    attempts,
                    phases,
                    exported,
                    // masked once here, so the CLI summary, JSON and HTML report and the Jenkins step's
                    // return value all show what the log shows
                    artifacts.stream().map(a -> a.masked(masker::mask)).toList(),
                    reports.stream().map(g -> g.masked(masker::mask)).toList(),
                    commandRuns,
                    Optional.empty());
        }

        private BuildStatus status(List<PhaseResult> phases) {
            BuildStatus stop = stopped.get();
            if (stop != null) {
                return stop;
            }
            if (phases.stream().anyMatch(p -> p.status() == PhaseStatus.FAULT)) {
                return BuildStatus.FAULT;
            }
            boolean failed = phases.stream().anyMatch(p -> p.status() == PhaseStatus.FAILED);
            return failed || !succeeding ? BuildStatus.FAILED : BuildStatus.SUCCEEDED;
        }

        private PhaseResult provision() throws InterruptedException {
            Instant begin = request.clock().instant();
            say("Running on codebuild-local: build " + buildId);
            if (!spec.notRunnableHere().isEmpty()) {
                // Valid for CodeBuild, so validate only warns; running it here would not do what it says.
                return failed(
                        PROVISIONING,
                        begin,
                        "CLIENT_ERROR",
                        "this buildspec cannot run here: "
                                + String.join(
                                        "; ",
                                        spec.notRunnableHere().stream()
                                                .map(t -> "line " + t.position().line() + ": " + t.value())
                                                .toList()));
            }
            try {
                // With run-as, another user must reach the state directory (its parents must be traversable).
                boolean shared = usesRunAs();
                executor.createDirectory(request.tempDirectory(), shared);
                // the state of runners killed before they could remove it (it may hold the build's
                // variables); a live runner's is kept, by its owner record
                executor.removeStale(request.tempDirectory(), STATE_FAMILY);
                executor.createDirectory(stateDirectory, shared);
                executor.writeFile(
                        executor.resolve(stateDirectory, LocalTempDirectory.OWNER),
                        LocalTempDirectory.record(ProcessHandle.current()));
                if (debug.isPresent()) {
                    executor.createDirectory(debugDirectory, shared);
                }
            } catch (IOException e) {
                return fault(
                        PROVISIONING,
                        begin,
                        "cannot create the build's state directory " + stateDirectory + ": " + e.getMessage());
            }
            probe = new Probe(executor, request.sourceDirectory(), stateDirectory, request.baseEnvironment());
            say("Processing environment variables");
            Map<String, String> secrets = new LinkedHashMap<>();
            try {
                resolveSecrets(secrets);
            } catch (io.jenkins.plugins.codebuildspec.engine.secrets.SecretException e) {
                return failed(PROVISIONING, begin, "CLIENT_ERROR", masker.mask(e.getMessage()));
            }
            GitInfo git = GitInfo.read(probe);
            Map<String, String> codebuild = BuildEnvironment.codebuildVariables(
                    request.context(),
                    buildId,
                    request.sourceDirectory(),
                    request.secondarySources(),
                    start.toEpochMilli(),
                    git);
            Map<String, String> variables = new LinkedHashMap<>();
            spec.env().variables().forEach((k, v) -> variables.put(k, v.value()));
            environment = BuildEnvironment.initial(
                    request.baseEnvironment(), codebuild, variables, secrets, request.overrides());
            spec.proxy().ifPresent(p -> say("proxy settings are not applicable outside CodeBuild; ignored"));
            if (spec.env().gitCredentialHelper().orElse(false)) {
                gitCredentialHelper();
            }
            if (usesRunAs()) {
                runAs = RunAs.probe(probe);
            }
            say("Moving to directory " + request.sourceDirectory());
            return new PhaseResult(
                    PROVISIONING,
                    PhaseStatus.SUCCEEDED,
                    Optional.of(begin),
                    Optional.of(request.clock().instant()),
                    Optional.empty(),
                    Optional.empty());
        }

        /**
         * {@code git-credential-helper: yes}: with a credential from the caller, every command's git uses
         * it; without one, git uses the helpers it is configured with where the commands run, and the log
         * says which (or that there are none, or no git).
         */
        private void gitCredentialHelper() throws InterruptedException {
            Optional<GitCredential> given = request.gitCredential();
            if (given.isPresent()) {
                gitCredential = given.get();
                say("git-credential-helper: git uses the credential given to the build (username "
                        + gitCredential.username()
                        + ") through a credential helper of its own; git's configured helpers are not asked");
            } else {
                say(GitHelpers.describe(new Probe(executor, request.sourceDirectory(), stateDirectory, environment)));
            }
        }

        private boolean usesRunAs() {
            return spec.runAs().isPresent()
                    || spec.phases().values().stream().anyMatch(p -> p.runAs().isPresent());
        }

        private void resolveSecrets(Map<String, String> out)
                throws io.jenkins.plugins.codebuildspec.engine.secrets.SecretException {
            if (spec.env().parameterStore().isEmpty()
                    && spec.env().secretsManager().isEmpty()) {
                return;
            }
            var resolver = request.secrets()
                    .orElseThrow(() -> new io.jenkins.plugins.codebuildspec.engine.secrets.SecretException(
                            "the buildspec reads env.parameter-store or env.secrets-manager, but no secret"
                                    + " source is configured (AWS credentials, or a local secret file)"));
            for (Map.Entry<String, Text> p : spec.env().parameterStore().entrySet()) {
                String value = resolver.parameter(p.getKey(), p.getValue().value());
                masker.add(value);
                out.put(p.getKey(), value);
            }
            for (var s : spec.env().secretsManager().entrySet()) {
                String value = resolver.secret(s.getKey(), s.getValue());
                masker.add(value);
                out.put(s.getKey(), value);
            }
        }

        private String shell() {
            return spec.env()
                    .shell()
                    .map(Text::value)
                    .map(s -> s.equals("sh") ? "/bin/sh" : s)
                    .orElse("/bin/sh");
        }

        private ShellSession newSession() {
            succeeding = true;
            lastExit = 0;
            return new ShellSession(
                    executor,
                    spec.version(),
                    shell(),
                    request.sourceDirectory(),
                    stateDirectory,
                    environment,
                    value -> !masker.mask(value).equals(value),
                    gitCredential == null ? java.util.function.UnaryOperator.identity() : gitCredential::applyTo);
        }

        /** Runs the four phases once; a retry count when the build should start again. */
        private Optional<Integer> runPhases(ShellSession session, List<PhaseResult> results, int attempt)
                throws InterruptedException {
            boolean skip = false;
            Optional<Integer> retry = Optional.empty();
            for (PhaseName name : PhaseName.values()) {
                if (skip || stopped.get() != null) {
                    results.add(PhaseResult.notRun(name.name()));
                    continue;
                }
                Optional<Phase> phase = spec.phase(name);
                PhaseResult result = runPhase(name, phase, session);
                results.add(result);
                if (result.status() == PhaseStatus.SUCCEEDED) {
                    continue;
                }
                if (result.status() != PhaseStatus.FAILED) {
                    skip = true; // stopped, timed out, or a fault: nothing more runs
                    continue;
                }
                succeeding = false;
                OnFailure onFailure = phase.map(Phase::onFailure).orElse(OnFailure.ABORT);
                if (onFailure.action() == OnFailure.Action.CONTINUE) {
                    say("on-failure is CONTINUE: going on to the next phase; the build will fail");
                    continue;
                }
                if (onFailure.action() == OnFailure.Action.RETRY) {
                    String message = result.contextMessage().orElse("");
                    if (attempt <= onFailure.retries() && onFailure.retriesOn(message)) {
                        return Optional.of(onFailure.retries());
                    }
                    say("on-failure is RETRY, but "
                            + (attempt > onFailure.retries()
                                    ? "all " + onFailure.retries() + " retries are used"
                                    : "the failure message does not match "
                                            + onFailure.retryPattern().orElseThrow()));
                }
                // ABORT: after INSTALL or PRE_BUILD nothing more runs; after BUILD, POST_BUILD still does.
                if (name == PhaseName.INSTALL || name == PhaseName.PRE_BUILD) {
                    skip = true;
                }
            }
            return retry;
        }

        private PhaseResult runPhase(PhaseName name, Optional<Phase> phase, ShellSession session)
                throws InterruptedException {
            Instant begin = request.clock().instant();
            currentPhase = name.name();
            say("Entering phase " + name.name());
            Optional<String> failure = Optional.empty();
            String code = null;
            try {
                if (name == PhaseName.INSTALL
                        && phase.isPresent()
                        && !phase.get().runtimeVersions().isEmpty()) {
                    failure = runtimeVersions(phase.get());
                    code = failure.isPresent() ? "CLIENT_ERROR" : null;
                }
                List<String> wrapper = wrapper(phase);
                if (failure.isEmpty()) {
                    failure = runCommands(phase.map(Phase::commands).orElse(List.of()), session, wrapper);
                    code = failure.isPresent() ? "COMMAND_EXECUTION_ERROR" : null;
                }
                if (stopped.get() == null) {
                    Optional<String> finallyFailure =
                            runCommands(phase.map(Phase::finallyCommands).orElse(List.of()), session, wrapper);
                    if (failure.isEmpty() && finallyFailure.isPresent()) {
                        failure = finallyFailure;
                        code = "COMMAND_EXECUTION_ERROR";
                    }
                }
            } catch (IllegalStateException e) {
                failure = Optional.of(e.getMessage());
                code = "CLIENT_ERROR";
            } catch (IOException e) {
                if (!(e instanceof java.io.InterruptedIOException) && stopped.get() == null) {
                    return fault(name.name(), begin, "the runner could not run a command: " + e.getMessage());
                }
                // an abort interrupted a file operation or a command start: that is a stop, not a fault
                stop(BuildStatus.STOPPED);
            }
            BuildStatus stop = stopped.get();
            PhaseStatus status;
            if (stop != null) {
                status = stop == BuildStatus.TIMED_OUT ? PhaseStatus.TIMED_OUT : PhaseStatus.STOPPED;
                code = stop == BuildStatus.TIMED_OUT ? "BUILD_TIMED_OUT" : "BUILD_STOPPED";
                failure = Optional.of(
                        stop == BuildStatus.TIMED_OUT
                                ? "Build timed out after " + request.timeout().toMinutes() + " minutes"
                                : "Build was stopped");
            } else {
                status = failure.isPresent() ? PhaseStatus.FAILED : PhaseStatus.SUCCEEDED;
            }
            say("Phase complete: " + name.name() + " State: " + status.name());
            say("Phase context status code: " + (code == null ? "" : code) + " Message: " + failure.orElse(""));
            return new PhaseResult(
                    name.name(),
                    status,
                    Optional.of(begin),
                    Optional.of(request.clock().instant()),
                    Optional.ofNullable(code),
                    failure.map(masker::mask));
        }

        private List<String> wrapper(Optional<Phase> phase) {
            Optional<String> user = phase.flatMap(Phase::runAs).or(spec::runAs).map(Text::value);
            if (user.isEmpty() || runAs == null) {
                return List.of();
            }
            return runAs.wrapper(user.get());
        }

        private Optional<String> runtimeVersions(Phase install) throws InterruptedException {
            Map<String, String> wanted = new LinkedHashMap<>();
            install.runtimeVersions().forEach((k, v) -> wanted.put(k, v.value()));
            Optional<String> failure = Optional.empty();
            for (RuntimeVersions.Check check : RuntimeVersions.check(wanted, probe)) {
                say(check.message());
                if (!check.matches() && request.strictRuntimeVersions() && failure.isEmpty()) {
                    failure = Optional.of(check.message());
                }
            }
            return failure;
        }

        /** Runs commands until one fails; its context message when one did. */
        private Optional<String> runCommands(List<Text> commands, ShellSession session, List<String> wrapper)
                throws IOException, InterruptedException {
            for (Text command : commands) {
                if (stopped.get() != null) {
                    return Optional.empty();
                }
                String text = command.value().stripTrailing();
                say("Running command " + text);
                Instant commandStart = request.clock().instant();
                int exit = runOne(command.value(), session, wrapper);
                commandRuns.add(new CommandRun(
                        attemptNumber,
                        currentPhase,
                        masker.mask(text),
                        commandStart,
                        request.clock().instant(),
                        stopped.get() != null ? -1 : exit));
                if (stopped.get() != null) {
                    return Optional.empty();
                }
                lastExit = exit;
                if (exit != 0) {
                    succeeding = false;
                    say("Command did not exit successfully " + text + " exit status " + exit);
                    if (debug.map(DebugOptions::onFailure).orElse(false)) {
                        Map<String, String> state = new LinkedHashMap<>(session.environment());
                        state.putAll(engineOwned());
                        say("Debug: command failed: a shell opens in " + session.workingDirectory()
                                + " with the variables it left; codebuild-resume, exit or end of input goes on"
                                + " (the failure stands)");
                        openShell(state, session.workingDirectory(), wrapper);
                    }
                    return Optional.of("Error while executing command: " + text + ". Reason: exit status " + exit);
                }
            }
            return Optional.empty();
        }

        /** The variables the engine owns, at their current values (see ShellSession#start). */
        private Map<String, String> engineOwned() {
            Map<String, String> owned = new LinkedHashMap<>();
            owned.put(BuildEnvironment.SUCCEEDING, succeeding ? "1" : "0");
            owned.put(BuildEnvironment.LAST_EXIT, Integer.toString(lastExit));
            if (debug.map(DebugOptions::breakpoints).orElse(false)) {
                owned.put(DebugShell.DIRECTORY, debugDirectory);
            }
            return owned;
        }

        private int runOne(String command, ShellSession session, List<String> wrapper)
                throws IOException, InterruptedException {
            Map<String, String> owned = engineOwned();
            LineOutput output = new LineOutput(masker, log::output);
            CommandExecutor.RunningCommand running;
            synchronized (commandLock) {
                if (stopped.get() != null) {
                    return -1;
                }
                running = session.start(command, owned, wrapper, output);
                current = running;
            }
            try {
                return debug.map(DebugOptions::breakpoints).orElse(false)
                        ? waitAtBreakpoints(running, command, wrapper)
                        : running.waitFor();
            } catch (InterruptedException e) {
                running.kill();
                throw e;
            } finally {
                synchronized (commandLock) {
                    current = null;
                }
                output.close();
                session.finish();
            }
        }

        /**
         * Waits for the command, and each time it calls {@code codebuild-breakpoint} (which leaves its state
         * in the debug directory and waits) opens a shell with that state, then lets the command go on.
         */
        private int waitAtBreakpoints(CommandExecutor.RunningCommand running, String command, List<String> wrapper)
                throws IOException, InterruptedException {
            java.util.concurrent.FutureTask<Integer> end = new java.util.concurrent.FutureTask<>(running::waitFor);
            Thread waiter = new Thread(end, "command of " + buildId);
            waiter.setDaemon(true);
            waiter.start();
            String requestFile = executor.resolve(debugDirectory, DebugShell.REQUEST);
            while (true) {
                try {
                    return end.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    Optional<String> state = stopped.get() == null ? executor.readFile(requestFile) : Optional.empty();
                    if (state.isPresent()) {
                        executor.deleteRecursively(requestFile);
                        Map<String, String> env = ShellSession.carried(state.get());
                        String directory = env.getOrDefault("PWD", request.sourceDirectory());
                        say("Debug: paused at codebuild-breakpoint in " + currentPhase + ", command "
                                + command.stripTrailing() + ": a shell opens in " + directory
                                + " with the command's variables; codebuild-resume, exit or end of input resumes"
                                + " the build");
                        openShell(env, directory, wrapper);
                        executor.writeFile(executor.resolve(debugDirectory, DebugShell.RESUME), "");
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    throw new IllegalStateException("waiting for the command failed", cause);
                }
            }
        }

        /**
         * The shell of a paused build, on the user's terminal, until it ends; a problem opening it is
         * reported and the build goes on.
         */
        private void openShell(Map<String, String> state, String directory, List<String> wrapper)
                throws InterruptedException {
            DebugOptions options = debug.orElseThrow();
            CommandExecutor.RunningCommand running = null;
            options.beforeShell().run();
            try {
                DebugShell plan = DebugShell.plan(
                        shell(), options.terminal().tty(), executor.resolve(debugDirectory, DebugShell.RC), state);
                if (plan.rc() != null) {
                    executor.writeFile(executor.resolve(debugDirectory, DebugShell.RC), plan.rc());
                }
                List<String> argv = new ArrayList<>(wrapper);
                argv.addAll(plan.argv());
                synchronized (commandLock) {
                    if (stopped.get() != null) {
                        return;
                    }
                    running = executor.startInteractive(argv, plan.environment(), directory, options.terminal());
                    shell = running;
                }
                running.waitFor();
            } catch (IOException e) {
                say("Debug: cannot open a shell: " + e.getMessage() + "; the build goes on");
                return;
            } catch (InterruptedException e) {
                if (running != null) {
                    try {
                        running.kill();
                    } catch (IOException ignored) {
                        // it may have ended meanwhile
                    }
                }
                throw e;
            } finally {
                synchronized (commandLock) {
                    shell = null;
                }
                options.afterShell().run();
            }
            if (stopped.get() == null) {
                say("Debug: the shell ended; resuming the build");
            }
        }

        /** Restores the cache before INSTALL; the job, for saving later, when the buildspec has a cache. */
        private Optional<CacheJob> restoreCache(ShellSession session) throws InterruptedException {
            if (spec.cache().isEmpty() || request.files().isEmpty()) {
                return Optional.empty();
            }
            Cache cache = spec.cache().get();
            BuildFiles files = request.files().get();
            try {
                String key = cache.key().map(Text::value).orElse("codebuild-default");
                key = files.hashCacheKey(request.sourceDirectory(), key);
                // A secret in a key is stored as *** (the cache keeps keys in clear, for fallback-keys'
                // prefix matches, which still work on the masked keys): keys that differ only in a
                // secret share an entry.
                key = masker.mask(session.expand(key, Map.of()));
                List<String> fallbacks = new ArrayList<>();
                if (cache.key().isPresent()) {
                    for (Text fallback : cache.fallbackKeys()) {
                        fallbacks.add(masker.mask(session.expand(
                                files.hashCacheKey(request.sourceDirectory(), fallback.value()), Map.of())));
                    }
                }
                CacheJob job = new CacheJob(
                        request.sourceDirectory(),
                        key,
                        fallbacks,
                        cache.paths().stream().map(Text::value).toList());
                if (cache.action().restores()) {
                    cacheStep(() -> {
                        var outcome = files.restoreCache(job);
                        restoredKey = outcome.matchedKey();
                        return outcome;
                    });
                }
                return Optional.of(job);
            } catch (IOException e) {
                say("Cache: not used: " + e.getMessage());
                return Optional.empty();
            }
        }

        private interface CacheCall {
            io.jenkins.plugins.codebuildspec.engine.cache.CacheOutcome run() throws IOException, InterruptedException;
        }

        /** A cache problem is reported and never fails the build. */
        private void cacheStep(CacheCall call) throws InterruptedException {
            try {
                call.run().messages().forEach(this::say);
            } catch (IOException | RuntimeException e) {
                say("Cache: skipped: " + e.getMessage());
            }
        }

        /**
         * Reads the report groups' files, and with auto-discover on (CodeBuild's default) the report files no
         * group names; a problem is reported, never a failed build.
         */
        private void collectReports(ShellSession session) throws InterruptedException {
            List<ReportJob.Group> groups = new ArrayList<>();
            spec.reports()
                    .forEach((name, g) -> groups.add(new ReportJob.Group(
                            name,
                            g.fileFormat().name(),
                            g.baseDirectory().map(Text::value).orElse(""),
                            g.files().stream().map(Text::value).toList(),
                            g.discardPaths())));
            // the switches as the commands left them: CodeBuild reads their final values
            Map<String, String> finalEnv = session != null ? session.environment() : environment;
            ReportJob.AutoDiscover discover =
                    ReportJob.AutoDiscover.from(request.context().projectName(), finalEnv);
            if (groups.isEmpty() && discover == null) {
                return;
            }
            try {
                var outcome = request.files()
                        .orElseThrow()
                        .collectReports(new ReportJob(request.sourceDirectory(), groups, discover));
                outcome.messages().forEach(this::say);
                reports = outcome.groups();
            } catch (IOException | RuntimeException e) {
                say("Reports: skipped: " + e.getMessage());
            }
        }

        private PhaseResult uploadArtifacts(ShellSession session) throws InterruptedException {
            Instant begin = request.clock().instant();
            say("Entering phase " + UPLOAD_ARTIFACTS);
            Optional<String> failure = Optional.empty();
            String code = null;
            if (spec.artifacts().isEmpty()) {
                say("No artifacts in the buildspec: nothing to upload");
            } else {
                try {
                    ArtifactJob job = artifactJob(session);
                    ArtifactOutcome outcome = request.files().orElseThrow().packageArtifacts(job);
                    outcome.messages().forEach(this::say);
                    artifacts = outcome.artifacts();
                    if (outcome.failed()) {
                        code = outcome.failureCode();
                        failure = Optional.of(outcome.failure());
                    }
                } catch (IOException e) {
                    code = "CLIENT_ERROR";
                    failure = Optional.of(String.valueOf(e.getMessage()));
                }
            }
            PhaseStatus status = failure.isPresent() ? PhaseStatus.FAILED : PhaseStatus.SUCCEEDED;
            say("Phase complete: " + UPLOAD_ARTIFACTS + " State: " + status.name());
            say("Phase context status code: " + (code == null ? "" : code) + " Message: "
                    + failure.map(masker::mask).orElse(""));
            return new PhaseResult(
                    UPLOAD_ARTIFACTS,
                    status,
                    Optional.of(begin),
                    Optional.of(request.clock().instant()),
                    Optional.ofNullable(code),
                    failure.map(masker::mask));
        }

        private ArtifactJob artifactJob(ShellSession session) throws IOException, InterruptedException {
            Artifacts all = spec.artifacts().orElseThrow();
            List<ArtifactJob.Artifact> list = new ArrayList<>();
            list.add(artifact(session, all.primary(), request.context().projectName()));
            for (ArtifactSpec secondary : all.secondary().values()) {
                list.add(artifact(session, secondary, secondary.identifier().orElseThrow()));
            }
            return new ArtifactJob(
                    request.sourceDirectory(),
                    buildId,
                    request.codeDeployCheck(),
                    list,
                    List.copyOf(request.secondarySources().values()));
        }

        private ArtifactJob.Artifact artifact(ShellSession session, ArtifactSpec a, String defaultName)
                throws IOException, InterruptedException {
            String name = defaultName;
            if (a.name().isPresent()) {
                name = session.expand(
                        a.name().get().value(),
                        Map.of(
                                BuildEnvironment.SUCCEEDING,
                                succeeding ? "1" : "0",
                                BuildEnvironment.LAST_EXIT,
                                Integer.toString(lastExit)));
                say("Artifact name " + a.name().get().value() + " expanded to " + name);
            }
            // a name that cannot make a key fails where the artifacts are packaged (ArtifactJob.nameProblem)
            return new ArtifactJob.Artifact(
                    a.identifier().orElse(""),
                    name,
                    a.s3Prefix().map(Text::value).orElse(""),
                    a.baseDirectory()
                            .map(b -> BuildEnvironment.baseDirectory(b.value(), request.secondarySources()))
                            .orElse(""),
                    a.files().stream().map(Text::value).toList(),
                    a.excludePaths().stream().map(Text::value).toList(),
                    a.discardPaths(),
                    a.enableSymlinks());
        }

        private Map<String, String> exported(ShellSession session) {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, String> finalEnv = session != null ? session.environment() : environment;
            for (Text name : spec.env().exportedVariables()) {
                String value = finalEnv == null ? null : finalEnv.get(name.value());
                out.put(name.value(), value == null ? "" : masker.mask(value));
            }
            if (!out.isEmpty()) {
                out.forEach((k, v) -> say("Exported variable " + k + "=" + v));
            }
            return out;
        }

        private PhaseResult failed(String name, Instant begin, String code, String message) {
            say("Phase complete: " + name + " State: FAILED");
            say("Phase context status code: " + code + " Message: " + message);
            return new PhaseResult(
                    name,
                    PhaseStatus.FAILED,
                    Optional.of(begin),
                    Optional.of(request.clock().instant()),
                    Optional.of(code),
                    Optional.of(message));
        }

        private PhaseResult fault(String name, Instant begin, String message) {
            say("Phase complete: " + name + " State: FAULT");
            say("Phase context status code: RUNNER_ERROR Message: " + message);
            return new PhaseResult(
                    name,
                    PhaseStatus.FAULT,
                    Optional.of(begin),
                    Optional.of(request.clock().instant()),
                    Optional.of("RUNNER_ERROR"),
                    Optional.of(masker.mask(message)));
        }
    }
}
