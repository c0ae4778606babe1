package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.OnFailure;
import io.jenkins.plugins.codebuildspec.engine.model.Phase;
import io.jenkins.plugins.codebuildspec.engine.model.PhaseName;
import io.jenkins.plugins.codebuildspec.engine.model.Position;
import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code phases}: the commands, {@code finally}, {@code on-failure}, run-as and runtimes. */
final class PhaseReader {
    private static final Pattern RETRY = Pattern.compile("(\\d+)(?:-(.*))?", Pattern.DOTALL);

    private final ParseContext ctx;

    PhaseReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    Map<PhaseName, Phase> read(Node node) {
        Map<PhaseName, Phase> phases = new EnumMap<>(PhaseName.class);
        Optional<Fields> maybe = Values.map(ctx, node, "phases");
        if (maybe.isEmpty()) {
            return phases;
        }
        Fields fields = maybe.get();
        for (Fields.Entry entry : fields.entries()) {
            Optional<PhaseName> name = PhaseName.fromKey(entry.key());
            if (name.isPresent()) {
                phases.put(name.get(), phase(name.get(), entry.value()));
            } else if (!KeyTable.PHASES.elsewhere(entry.key()).isEmpty()) {
                ctx.error(
                        entry.keyNode(),
                        "phases." + entry.key(),
                        "key '" + entry.key() + "' is not allowed under"
                                + " 'phases'; it belongs under "
                                + String.join(
                                        " or ",
                                        KeyTable.PHASES.elsewhere(entry.key()).stream()
                                                .map(w -> "'" + w + "'")
                                                .toList())
                                + " (allowed under 'phases': " + String.join(", ", KeyTable.PHASES.keys()) + ")");
            } else {
                ctx.error(
                        entry.keyNode(),
                        "phases." + entry.key(),
                        "unknown phase '" + entry.key() + "' under 'phases'"
                                + Suggest.didYouMean(entry.key(), KeyTable.PHASES.keys()) + " (allowed: "
                                + String.join(", ", KeyTable.PHASES.keys()) + ")");
            }
        }
        if (fields.entries().isEmpty()) {
            ctx.warning(fields.node(), "phases", "phases is empty: no command will run");
        }
        return phases;
    }

    private Phase phase(PhaseName name, Node node) {
        String path = "phases." + name.key();
        Fields fields = Values.map(ctx, node, path).orElseGet(() -> Fields.empty(ctx, node, path));
        fields.entry("steps")
                .ifPresent(e -> ctx.notRunnable(
                        e.keyNode(),
                        path + ".steps",
                        path + ".steps is GitHub Actions syntax, which CodeBuild runs but this runner does"
                                + " not, so run refuses this buildspec; to run it here, write the phase as"
                                + " commands: (a list of shell commands)"));
        fields.check(KeyTable.PHASE, Set.of("steps"));
        Optional<Text> runAs = fields.get("run-as").flatMap(n -> Values.requiredString(ctx, n, path + ".run-as"));
        OnFailure onFailure = fields.get("on-failure")
                .flatMap(n -> onFailure(n, path + ".on-failure"))
                .orElse(OnFailure.ABORT);
        Map<String, Text> runtimes = new LinkedHashMap<>();
        fields.entry("runtime-versions").ifPresent(e -> {
            if (name != PhaseName.INSTALL) {
                ctx.error(
                        e.keyNode(),
                        path + ".runtime-versions",
                        "runtime-versions is only allowed in the install"
                                + " phase; move it to phases.install.runtime-versions");
            } else {
                runtimes.putAll(Values.stringMap(ctx, e.value(), path + ".runtime-versions"));
            }
        });
        List<Text> commands =
                fields.get("commands").map(n -> commands(n, path + ".commands")).orElse(List.of());
        List<Text> finallyCommands =
                fields.get("finally").map(n -> commands(n, path + ".finally")).orElse(List.of());
        if (fields.has("finally") && !fields.has("commands")) {
            ctx.warning(fields.node(), path, path + " has finally but no commands");
        }
        return new Phase(name, ParseContext.position(node), runAs, onFailure, runtimes, commands, finallyCommands);
    }

    /** Commands must be a list of strings: a block string or an item that YAML read as a map is an error. */
    List<Text> commands(Node node, String path) {
        ctx.visit(node);
        List<Text> out = new ArrayList<>();
        if (Values.isNull(node)) {
            return out;
        }
        if (node instanceof ScalarNode scalar) {
            boolean block = scalar.getScalarStyle().getChar() != null
                    && (scalar.getScalarStyle().getChar() == '|'
                            || scalar.getScalarStyle().getChar() == '>');
            String hint = continuesLines(scalar.getValue())
                    // Splitting at each line would cut a backslash-continued command in two.
                    ? "; write it as a list of commands, keeping each command that continues over lines with a"
                            + " trailing backslash as one item in block style ('- |' with the lines indented"
                            + " under it)"
                    : "; write each command as its own list item ('- " + Values.abbreviate(firstLine(scalar)) + "')";
            ctx.error(
                    node,
                    path,
                    path + " must be a list of commands, found " + (block ? "a block string" : "a string") + hint);
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            ctx.error(node, path, path + " must be a list of commands, found " + Values.describe(node));
            return out;
        }
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            ctx.visit(item);
            if (item instanceof MappingNode map) {
                commandReadAsMap(map, itemPath);
            } else if (item instanceof SequenceNode) {
                ctx.error(
                        item,
                        itemPath,
                        itemPath + " is a list inside the list of commands; each command must be"
                                + " a string (check the indentation and the '- ' in front of it)");
            } else if (Values.isNull(item)) {
                ctx.warning(item, itemPath, itemPath + " is empty and is skipped");
            } else {
                Values.string(ctx, item, itemPath).ifPresent(out::add);
                warnFoldedContinuation((ScalarNode) item, itemPath);
            }
        }
        return out;
    }

    private static boolean continuesLines(String text) {
        return text.lines().anyMatch(l -> l.stripTrailing().endsWith("\\"));
    }

    /**
     * A plain or folded ({@code >}) item spread over lines is joined by YAML with spaces: a trailing
     * backslash meant as a shell line continuation then escapes that space instead, so
     * {@code docker build \ -t x .} passes " -t" as one word. CodeBuild gets the same string, so
     * this is a warning; a literal block ({@code - |}) keeps the line breaks.
     */
    private void warnFoldedContinuation(ScalarNode item, String path) {
        char style = item.getScalarStyle().getChar() == null
                ? ' '
                : item.getScalarStyle().getChar();
        if (style != ' ' && style != '>') {
            return;
        }
        Position start = ParseContext.position(item.getStartMark());
        Position end = ParseContext.position(item.getEndMark());
        int lastLine = end.column() == 1 ? end.line() - 1 : end.line();
        for (int number = start.line(); number < lastLine; number++) {
            String line = ctx.line(number).stripTrailing();
            if (line.endsWith("\\") && item.getValue().contains("\\ ")) {
                ctx.add(
                        new Position(number, line.length()),
                        Severity.WARNING,
                        path,
                        path + " continues over lines with a trailing backslash, but YAML joins the lines of"
                                + " this item with a space, so the shell gets '\\ ' (an escaped space), not a line"
                                + " continuation; write the item in block style, '- |' with the lines indented under"
                                + " it, to keep the line breaks");
                return;
            }
        }
    }

    private void commandReadAsMap(MappingNode map, String path) {
        int lineNumber = ParseContext.position(map).line();
        String line = ctx.line(lineNumber).strip();
        String command = line.startsWith("- ") ? line.substring(2).strip() : line;
        String hint;
        if (map.getValue().size() == 1 && line.startsWith("- ")) {
            NodeTuple tuple = map.getValue().get(0);
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            hint = "YAML read the unquoted ': ' after '" + Values.abbreviate(key) + "' as a key and value. Quote the"
                    + " whole command: - '" + command.replace("'", "''") + "'";
        } else {
            hint = "YAML read this item as a map, usually because of an unquoted ': '. Quote the whole command as"
                    + " one string";
        }
        ctx.error(map, path, path + " is a map, not a command: " + Values.abbreviate(line) + " -- " + hint);
    }

    private static String firstLine(ScalarNode scalar) {
        String value = scalar.getValue().strip();
        int end = value.indexOf('\n');
        return end < 0 ? value : value.substring(0, end);
    }

    private Optional<OnFailure> onFailure(Node node, String path) {
        Optional<Text> text = Values.requiredString(ctx, node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().value().trim();
        String upper = value.toUpperCase(Locale.ROOT);
        var position = text.get().position();
        if (upper.equals("ABORT")) {
            return Optional.of(new OnFailure(OnFailure.Action.ABORT, 0, Optional.empty(), position));
        }
        if (upper.equals("CONTINUE")) {
            return Optional.of(new OnFailure(OnFailure.Action.CONTINUE, 0, Optional.empty(), position));
        }
        if (upper.equals("RETRY")) {
            return Optional.of(
                    new OnFailure(OnFailure.Action.RETRY, OnFailure.DEFAULT_RETRIES, Optional.empty(), position));
        }
        if (upper.startsWith("RETRY-")) {
            return retry(node, path, value.substring("RETRY-".length()), position);
        }
        ctx.error(
                node,
                path,
                path + ": unknown value '" + value + "'"
                        + Suggest.didYouMean(value, List.of("ABORT", "CONTINUE", "RETRY"))
                        + " (allowed: ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex>, RETRY-<count>-<regex>)");
        return Optional.empty();
    }

    private Optional<OnFailure> retry(Node node, String path, String rest, Position at) {
        int count = OnFailure.DEFAULT_RETRIES;
        String regex = rest;
        Matcher m = RETRY.matcher(rest);
        if (m.matches()) {
            try {
                count = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                count = Integer.MAX_VALUE;
            }
            regex = m.group(2);
            if (count > OnFailure.MAX_RETRIES) {
                ctx.error(
                        node,
                        path,
                        path + ": retry count " + m.group(1) + " is too large (allowed: 0 to " + OnFailure.MAX_RETRIES
                                + ")");
                return Optional.empty();
            }
        }
        if (regex == null || regex.isEmpty()) {
            return Optional.of(new OnFailure(OnFailure.Action.RETRY, count, Optional.empty(), at));
        }
        try {
            return Optional.of(new OnFailure(OnFailure.Action.RETRY, count, Optional.of(Pattern.compile(regex)), at));
        } catch (PatternSyntaxException e) {
            ctx.error(
                    node,
                    path,
                    path + ": '" + regex + "' is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex());
            return Optional.empty();
        }
    }
}
