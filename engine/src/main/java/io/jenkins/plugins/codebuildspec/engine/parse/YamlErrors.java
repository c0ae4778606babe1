package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Position;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Turns SnakeYAML's exceptions into findings that say what to change. */
final class YamlErrors {
    private YamlErrors() {}

    static void report(ParseContext ctx, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Position at = ParseContext.position(mark);
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String message;
        if (problem.contains("\\t") || problem.contains("\t") || problem.contains("TAB")) {
            message = "a tab character is used for indentation; YAML allows only spaces there. Replace the tabs"
                    + " with spaces";
        } else if (problem.startsWith("mapping values are not allowed")) {
            message = "YAML syntax error: a ': ' inside an unquoted value. Quote the whole value (for a command:"
                    + " - 'echo \"a: b\"')" + lineHint(ctx, at);
        } else if (problem.startsWith("expected a single document")
                || String.valueOf(e.getContext()).startsWith("expected a single document")) {
            message = "the file holds more than one YAML document (a second '---'); a buildspec is one document";
        } else if (problem.startsWith("expected <block end>")) {
            message = "YAML syntax error: this line's indentation does not match the lines around it (a list item"
                    + " or key is indented more or less than its siblings)" + lineHint(ctx, at);
        } else if (problem.startsWith("found undefined alias")) {
            message = "YAML alias "
                    + problem.substring("found undefined alias".length()).trim()
                    + " refers to an anchor (&name) that is not defined before it";
        } else {
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            message = "YAML syntax error: " + problem + context + lineHint(ctx, at);
        }
        ctx.add(at.isKnown() ? at : new Position(1, 1), Severity.ERROR, "", message);
    }

    static void report(ParseContext ctx, YAMLException e, ParseLimits limits) {
        String text = String.valueOf(e.getMessage());
        String message;
        if (text.contains("aliases for non-scalar nodes")) {
            message = "the buildspec uses more than " + limits.maxCollectionAliases() + " aliases of maps or lists"
                    + " (alias-expansion limit, which stops 'billion laughs' files)";
        } else if (text.contains("Nesting Depth")) {
            message = "the buildspec nests more than " + limits.maxNestingDepth() + " levels deep (nesting limit)";
        } else if (text.contains("code points")) {
            message = "the file is larger than the size limit of " + limits.maxBytes() + " bytes";
        } else {
            message = "YAML error: " + text;
        }
        ctx.add(new Position(1, 1), Severity.ERROR, "", message);
    }

    private static String lineHint(ParseContext ctx, Position at) {
        String line = ctx.line(at.line()).strip();
        return line.isEmpty() ? "" : ": " + Values.abbreviate(line);
    }
}
