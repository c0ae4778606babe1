package io.jenkins.plugins.codebuildspec.engine.batch;

import io.jenkins.plugins.codebuildspec.engine.run.BuildResult;
import io.jenkins.plugins.codebuildspec.engine.run.BuildRunner;
import io.jenkins.plugins.codebuildspec.engine.run.BuildStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the child builds of a batch: at most {@code concurrency} at once, each only after the builds it
 * depends on succeeded (or failed with {@code ignore-failure}), and with {@code fast-fail} the first
 * failure that counts stops the others. The batch succeeds when every build succeeded or was allowed
 * to fail.
 */
public final class BatchRunner {
    /** Runs one child build; hands its runner over first, so a fast-fail can cancel it. */
    public interface ChildExecution {
        BuildResult run(ChildBuild child, Consumer<BuildRunner> started) throws Exception;
    }

    /** One child's outcome: its result when it ran, or why it did not. */
    public record ChildResult(ChildBuild build, Optional<BuildResult> result, String status, String reason) {
        public boolean counts() {
            return !status.equals(BuildStatus.SUCCEEDED.name()) && !build.ignoreFailure();
        }
    }

    /** The batch: SUCCEEDED, FAILED or STOPPED, and every child in plan order. */
    public record BatchResult(String status, List<ChildResult> builds) {
        public boolean succeeded() {
            return status.equals("SUCCEEDED");
        }
    }

    private final int concurrency;
    private final boolean fastFail;
    private final Consumer<String> log;
    private volatile boolean stopped;
    private final Map<String, BuildRunner> running = new HashMap<>();

    public BatchRunner(int concurrency, boolean fastFail, Consumer<String> log) {
        this.concurrency = Math.max(1, concurrency);
        this.fastFail = fastFail;
        this.log = log;
    }

    /** Stops the batch: running builds are cancelled, the others do not start. */
    public void cancel() {
        stopped = true;
        cancelRunning();
    }

    private void cancelRunning() {
        List<BuildRunner> toCancel;
        synchronized (running) {
            toCancel = new ArrayList<>(running.values());
        }
        toCancel.forEach(BuildRunner::cancel);
    }

    public BatchResult run(List<ChildBuild> plan, ChildExecution execution) throws InterruptedException {
        Map<String, ChildResult> done = new LinkedHashMap<>();
        Map<String, ChildBuild> waiting = new LinkedHashMap<>();
        plan.forEach(c -> waiting.put(c.identifier(), c));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "batch build");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<ChildResult> completion = new ExecutorCompletionService<>(pool);
        int inFlight = 0;
        boolean failFastTriggered = false;
        try {
            while (!waiting.isEmpty() || inFlight > 0) {
                boolean changed = !stopped && !failFastTriggered;
                while (changed) {
                    // again until nothing changes: marking one build NOT_RUN can block the ones after it
                    changed = false;
                    for (ChildBuild child : List.copyOf(waiting.values())) {
                        if (inFlight >= concurrency) {
                            break;
                        }
                        Optional<String> blocked = blockedBy(child, done);
                        if (blocked.isPresent()) {
                            waiting.remove(child.identifier());
                            done.put(
                                    child.identifier(),
                                    new ChildResult(
                                            child,
                                            Optional.empty(),
                                            "NOT_RUN",
                                            "depends on " + blocked.get() + ", which did not succeed"));
                            log.accept("Batch: " + child.identifier() + " not run: depends on " + blocked.get()
                                    + ", which did not succeed");
                            changed = true;
                        } else if (child.dependOn().stream().allMatch(done::containsKey)) {
                            waiting.remove(child.identifier());
                            log.accept("Batch: starting " + child.identifier() + " (" + child.description() + ")");
                            completion.submit(() -> runOne(child, execution));
                            inFlight++;
                        }
                    }
                }
                if (inFlight == 0) {
                    // nothing can start any more: stopped, failed fast, or blocked
                    for (ChildBuild child : waiting.values()) {
                        done.put(
                                child.identifier(),
                                new ChildResult(
                                        child,
                                        Optional.empty(),
                                        "NOT_RUN",
                                        stopped ? "the batch was stopped" : "fast-fail: an earlier build failed"));
                    }
                    waiting.clear();
                    break;
                }
                ChildResult finished = get(completion.take());
                inFlight--;
                done.put(finished.build().identifier(), finished);
                log.accept("Batch: " + finished.build().identifier() + " " + finished.status()
                        + (finished.build().ignoreFailure() && finished.counts() ? " (ignore-failure)" : ""));
                if (fastFail && finished.counts() && !failFastTriggered) {
                    failFastTriggered = true;
                    log.accept("Batch: fast-fail: stopping the other builds");
                    cancelRunning();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChildResult> ordered = new ArrayList<>();
        plan.forEach(c -> ordered.add(done.get(c.identifier())));
        String status = stopped ? "STOPPED" : ordered.stream().anyMatch(r -> r.counts()) ? "FAILED" : "SUCCEEDED";
        return new BatchResult(status, ordered);
    }

    private static Optional<String> blockedBy(ChildBuild child, Map<String, ChildResult> done) {
        for (String dependency : child.dependOn()) {
            ChildResult r = done.get(dependency);
            if (r != null
                    && !r.status().equals(BuildStatus.SUCCEEDED.name())
                    && !r.build().ignoreFailure()) {
                return Optional.of(dependency);
            }
        }
        return Optional.empty();
    }

    private ChildResult runOne(ChildBuild child, ChildExecution execution) {
        try {
            BuildResult result = execution.run(child, runner -> {
                synchronized (running) {
                    running.put(child.identifier(), runner);
                }
                if (stopped) {
                    runner.cancel();
                }
            });
            return new ChildResult(child, Optional.of(result), result.status().name(), "");
        } catch (Exception e) {
            return new ChildResult(child, Optional.empty(), "FAULT", String.valueOf(e.getMessage()));
        } finally {
            synchronized (running) {
                running.remove(child.identifier());
            }
        }
    }

    private static ChildResult get(Future<ChildResult> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch build thread failed", e.getCause());
        }
    }
}
