package io.jenkins.plugins.codebuildspec.engine.parse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of one YAML map, by key, with merge keys ({@code <<: *defaults}) applied and duplicate
 * keys reported. Keys are read as written: {@code yes:} is the key "yes", not a boolean.
 */
final class Fields {
    /** One key and its value, with the key's node for positions. */
    record Entry(String key, Node keyNode, Node value) {}

    private final ParseContext ctx;
    private final String path;
    private final Node node;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Fields(ParseContext ctx, String path, Node node) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
    }

    /** Reads a map node; an empty value ({@code env:} with nothing after it) is an empty map. */
    static Fields of(ParseContext ctx, MappingNode node, String path) {
        Fields fields = new Fields(ctx, path, node);
        fields.collect(node, true, 0);
        return fields;
    }

    static Fields empty(ParseContext ctx, Node node, String path) {
        return new Fields(ctx, path, node);
    }

    private void collect(MappingNode map, boolean explicit, int mergeDepth) {
        ctx.visit(map);
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            ctx.visit(keyNode);
            if (keyNode instanceof ScalarNode scalar && Tag.MERGE.equals(scalar.getTag())) {
                mergeInto(merged, tuple.getValueNode(), mergeDepth);
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalar)) {
                ctx.error(
                        keyNode,
                        path,
                        "a key " + where() + " is " + Values.describe(keyNode) + "; keys must be plain names");
                continue;
            }
            String key = scalar.getValue();
            if (!Values.checkCharacters(ctx, keyNode, path, "a key " + where(), key)) {
                continue;
            }
            Entry previous = entries.get(key);
            if (previous != null && explicit) {
                ctx.error(
                        keyNode,
                        join(key),
                        "duplicate key '" + key + "' " + where() + " (first defined at line "
                                + ParseContext.position(previous.keyNode()).line() + "); remove one of them");
                continue;
            }
            if (previous == null) {
                entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
            }
        }
        // Explicit keys win over merged ones whatever their order, as YAML's merge key says.
        merged.forEach(entries::putIfAbsent);
    }

    private void mergeInto(Map<String, Entry> merged, Node value, int mergeDepth) {
        if (mergeDepth > 8) {
            ctx.error(value, path, "merge keys (<<) nested more than 8 deep " + where());
            return;
        }
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node source : sources) {
            if (!(source instanceof MappingNode sourceMap)) {
                ctx.error(
                        source,
                        path,
                        "a merge key (<<) " + where() + " needs a map or a list of maps, found "
                                + Values.describe(source));
                continue;
            }
            Fields inner = new Fields(ctx, path, sourceMap);
            inner.collect(sourceMap, false, mergeDepth + 1);
            inner.entries.forEach(merged::putIfAbsent);
        }
    }

    /**
     * Warns about keys that the table does not allow: CodeBuild runs files that carry such keys, so
     * they are ignored, with where a misplaced key belongs or a did-you-mean for a misspelt one.
     */
    Fields check(KeyTable table) {
        return check(table, Set.of());
    }

    /** As {@link #check(KeyTable)}, leaving alone the keys the caller has reported itself. */
    Fields check(KeyTable table, Set<String> handled) {
        for (Entry entry : entries.values()) {
            if (!table.allows(entry.key()) && !handled.contains(entry.key())) {
                unknown(table, entry);
            }
        }
        return this;
    }

    private void unknown(KeyTable table, Entry entry) {
        String key = entry.key();
        String allowed = "allowed: " + String.join(", ", table.keys());
        ctx.warning(
                entry.keyNode(),
                join(key),
                ignoredKey(key, where(), table.elsewhere(key), table.keys()) + " (" + allowed + ")");
    }

    /**
     * "key 'x' at the top level is ignored; it belongs under 'batch'" for a key known elsewhere,
     * "unknown key 'x' ... is ignored; did you mean 'y'?" for any other.
     */
    static String ignoredKey(String key, String where, List<String> elsewhere, List<String> allowed) {
        if (elsewhere.isEmpty()) {
            return "unknown key '" + key + "' " + where + " is ignored" + Suggest.didYouMean(key, allowed);
        }
        return "key '" + key + "' " + where + " is ignored; it belongs under "
                + String.join(" or ", elsewhere.stream().map(w -> "'" + w + "'").toList());
    }

    Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Optional<Node> get(String key) {
        return entry(key).map(Entry::value);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /** The map's own node, for positions of whole-block findings. */
    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    /** {@code path.key}, or just the key at the top level. */
    String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** "under 'phases'" or "at the top level". */
    String where() {
        return path.isEmpty() ? "at the top level" : "under '" + path + "'";
    }
}
