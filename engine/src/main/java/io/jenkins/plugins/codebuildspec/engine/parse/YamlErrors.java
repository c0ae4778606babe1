package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.PhaseName;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/** Turns SnakeYAML's exceptions into findings that say what to change. */
final class YamlErrors {
    /** {@code version:0.2}: a known key glued to its value, which YAML reads as one string. */
    private static final Pattern GLUED_KEY = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_][A-Za-z0-9_-]*):([^\\s:].*)$");

    private static final Set<String> KNOWN_KEYS = Stream.concat(
                    KeyTable.allKeys().stream(), Stream.of(PhaseName.values()).map(PhaseName::key))
            .collect(Collectors.toUnmodifiableSet());

    private YamlErrors() {}

    static void report(ParseContext ctx, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Position at = ParseContext.position(mark);
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.startsWith("mapping values are not allowed") || problem.startsWith("could not find expected ':'")) {
            Optional<Position> glued = gluedKey(ctx, at.isKnown() ? at.line() : 1);
            if (glued.isPresent()) {
                reportGluedKey(ctx, glued.get());
                return;
            }
        }
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

    /**
     * The line, at or above the error, where a known key is followed by its value with no space after
     * the colon. YAML reads {@code version:0.2} as the text "version:0.2", carries it on to the next
     * lines as one plain string, and only complains there; the mistake is on the earlier line.
     */
    private static Optional<Position> gluedKey(ParseContext ctx, int errorLine) {
        for (int number = errorLine; number >= 1 && number > errorLine - 50; number--) {
            String line = ctx.line(number);
            Matcher m = GLUED_KEY.matcher(line);
            if (m.matches() && KNOWN_KEYS.contains(m.group(2))) {
                return Optional.of(new Position(number, m.end(2) + 1));
            }
            String stripped = line.strip();
            if (number < errorLine && (stripped.contains(": ") || stripped.endsWith(":"))) {
                return Optional.empty(); // a real key line: the string cannot have started above it
            }
        }
        return Optional.empty();
    }

    private static void reportGluedKey(ParseContext ctx, Position colon) {
        Matcher m = GLUED_KEY.matcher(ctx.line(colon.line()));
        m.matches();
        String key = m.group(2);
        String value = m.group(3).strip();
        ctx.add(
                colon,
                Severity.ERROR,
                key,
                "no space after the colon in '" + Values.abbreviate(key + ":" + value) + "': YAML reads it as one"
                        + " string, not the key '" + key + "' with a value; write '" + key + ": "
                        + Values.abbreviate(value) + "' (a key needs ': ', a colon and a space)");
    }

    static void report(ParseContext ctx, YAMLException e, ParseLimits limits) {
        String text = String.valueOf(e.getMessage());
        String message;
        if (e instanceof ReaderException reader) {
            ctx.add(
                    ctx.positionOfCodePoint(reader.getPosition()),
                    Severity.ERROR,
                    "",
                    "the file contains the control character " + String.format("U+%04X", reader.getCodePoint())
                            + ", which YAML does not allow; remove it (a NUL often means the file was saved as"
                            + " UTF-16: save it as UTF-8)");
            return;
        }
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
