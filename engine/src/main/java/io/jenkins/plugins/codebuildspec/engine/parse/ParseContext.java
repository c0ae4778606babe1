package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.BuildspecVersion;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** State of one parse: the file's lines, the findings so far, and the work budget. */
final class ParseContext {
    private final String file;
    private final String[] lines;
    private final ParseLimits limits;
    private final List<Finding> findings = new ArrayList<>();
    private int nodesVisited;
    private boolean truncated;
    private BuildspecVersion version = BuildspecVersion.V0_2;

    ParseContext(String file, String text, ParseLimits limits) {
        this.file = file;
        this.lines = text.split("\r\n|\r|\n", -1);
        this.limits = limits;
    }

    String file() {
        return file;
    }

    BuildspecVersion version() {
        return version;
    }

    void version(BuildspecVersion version) {
        this.version = version;
    }

    /** The source line (1-based) without its line end, or empty when out of range. */
    String line(int number) {
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    static Position position(Node node) {
        return position(node.getStartMark());
    }

    static Position position(Mark mark) {
        return mark == null ? Position.NONE : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Counts a visited node; aliases make a small file a big tree, so the walk itself is bounded. */
    void visit(Node node) {
        if (++nodesVisited > limits.maxNodes()) {
            throw new LimitExceededException(
                    "the buildspec expands to more than " + limits.maxNodes()
                            + " YAML nodes (alias-expansion limit); aliases (*name) that repeat large"
                            + " blocks are the usual cause",
                    position(node));
        }
    }

    void error(Node node, String keyPath, String message) {
        add(position(node), Severity.ERROR, keyPath, message);
    }

    void warning(Node node, String keyPath, String message) {
        add(position(node), Severity.WARNING, keyPath, message);
    }

    void add(Position position, Severity severity, String keyPath, String message) {
        if (findings.size() >= limits.maxFindings()) {
            truncated = true;
            return;
        }
        findings.add(new Finding(file, position, severity, keyPath, message));
    }

    boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.BY_POSITION);
        if (truncated) {
            sorted.add(new Finding(
                    file,
                    Position.NONE,
                    Severity.ERROR,
                    "",
                    "too many problems; stopped after " + limits.maxFindings()));
        }
        return sorted;
    }
}
