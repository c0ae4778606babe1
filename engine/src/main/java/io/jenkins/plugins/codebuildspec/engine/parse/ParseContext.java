package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.BuildspecVersion;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** State of one parse: the file's lines, the findings so far, and the work budget. */
final class ParseContext {
    private final String file;
    private final String text;
    private final String[] lines;
    private final ParseLimits limits;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Text> notRunnable = new ArrayList<>();
    private int nodesVisited;
    private int dropped;
    private boolean droppedErrors;
    private BuildspecVersion version = BuildspecVersion.V0_2;

    ParseContext(String file, String text, ParseLimits limits) {
        this.file = file;
        this.text = text;
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

    /** Line and column of the code point at {@code index}, counting as YAML's marks do. */
    Position positionOfCodePoint(int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || (cp == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                line++;
                column = 1;
            } else if (cp != '\r') {
                column++;
            }
        }
        return new Position(line, column);
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

    /**
     * Something CodeBuild runs but this runner cannot: a warning for validate, and a reason for a run
     * to refuse the file (contract §2).
     */
    void notRunnable(Node node, String keyPath, String message) {
        warning(node, keyPath, message);
        notRunnable.add(new Text(message, position(node)));
    }

    List<Text> notRunnable() {
        return List.copyOf(notRunnable);
    }

    void add(Position position, Severity severity, String keyPath, String message) {
        if (findings.size() >= limits.maxFindings()) {
            // Still counted: a dropped error must keep the file invalid, a dropped warning must not.
            dropped++;
            droppedErrors |= severity == Severity.ERROR;
            return;
        }
        findings.add(new Finding(file, position, severity, keyPath, message));
    }

    boolean hasErrors() {
        return droppedErrors || findings.stream().anyMatch(Finding::isError);
    }

    List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.BY_POSITION);
        if (dropped > 0) {
            sorted.add(new Finding(
                    file,
                    Position.NONE,
                    droppedErrors ? Severity.ERROR : Severity.WARNING,
                    "",
                    "too many problems: showing the first " + limits.maxFindings() + "; " + dropped
                            + " more not shown"));
        }
        return sorted;
    }
}
