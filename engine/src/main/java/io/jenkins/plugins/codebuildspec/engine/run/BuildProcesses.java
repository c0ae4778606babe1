package io.jenkins.plugins.codebuildspec.engine.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of one build and how they are ended: those carrying its cookie, those in the sessions
 * its keepers lead ({@link Subreaper}), and every descendant of these, which with a keeper includes
 * the orphans it adopted.
 */
final class BuildProcesses {
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int KILL_ROUNDS = 5;

    private final String cookie;
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();

    BuildProcesses(String cookie) {
        this.cookie = cookie;
    }

    /** The build's processes that are alive now, with {@code roots} and their descendants. */
    Set<ProcessHandle> find(Collection<ProcessHandle> roots) {
        Set<ProcessHandle> found = new LinkedHashSet<>(roots);
        found.addAll(ProcessCookies.find(cookie, sessions));
        Map<Long, List<ProcessHandle>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> p.parent()
                .ifPresent(parent -> children.computeIfAbsent(parent.pid(), k -> new ArrayList<>())
                        .add(p)));
        Deque<ProcessHandle> todo = new ArrayDeque<>(found);
        while (!todo.isEmpty()) {
            for (ProcessHandle child : children.getOrDefault(todo.pop().pid(), List.of())) {
                if (found.add(child)) {
                    todo.push(child);
                }
            }
        }
        found.removeIf(p -> !p.isAlive() || p.pid() == ProcessHandle.current().pid());
        return found;
    }

    /**
     * TERM, a grace period, then KILL until none is left, for {@code roots} and every process of the
     * build. KILL is repeated because a process may start others while it is being ended, and a keeper
     * ignores TERM so that it holds its orphans until the end.
     */
    void kill(Collection<ProcessHandle> roots) throws InterruptedException {
        Set<ProcessHandle> targets = find(roots);
        targets.forEach(ProcessHandle::destroy);
        awaitExit(targets);
        for (int round = 0; round < KILL_ROUNDS; round++) {
            targets.addAll(find(targets));
            targets.removeIf(p -> !p.isAlive());
            if (targets.isEmpty()) {
                return;
            }
            targets.forEach(ProcessHandle::destroyForcibly);
            awaitExit(targets);
        }
    }

    private static void awaitExit(Set<ProcessHandle> targets) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle p : targets) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // forced in the next round
            }
        }
    }
}
