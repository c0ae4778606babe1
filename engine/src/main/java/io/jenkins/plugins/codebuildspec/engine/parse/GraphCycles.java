package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.BatchBuild;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in a build-graph's depend-on edges, to name it in the error. */
final class GraphCycles {
    private GraphCycles() {}

    private enum Mark {
        VISITING,
        DONE
    }

    /** The first cycle found, as identifiers with the first repeated at the end, e.g. [a, b, a]. */
    static Optional<List<String>> find(Map<String, BatchBuild> builds) {
        Map<String, Mark> marks = new HashMap<>();
        for (String id : builds.keySet()) {
            List<String> stack = new ArrayList<>();
            Optional<List<String>> cycle = visit(id, builds, marks, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            String id, Map<String, BatchBuild> builds, Map<String, Mark> marks, List<String> stack) {
        Mark mark = marks.get(id);
        if (mark == Mark.DONE) {
            return Optional.empty();
        }
        if (mark == Mark.VISITING) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        marks.put(id, Mark.VISITING);
        stack.add(id);
        for (Text dep : builds.get(id).dependOn()) {
            if (builds.containsKey(dep.value())) {
                Optional<List<String>> cycle = visit(dep.value(), builds, marks, stack);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        stack.remove(stack.size() - 1);
        marks.put(id, Mark.DONE);
        return Optional.empty();
    }
}
