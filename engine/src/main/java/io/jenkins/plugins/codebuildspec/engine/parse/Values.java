package io.jenkins.plugins.codebuildspec.engine.parse;

import io.jenkins.plugins.codebuildspec.engine.model.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML values with CodeBuild's leniency: numbers and booleans become strings, yes/no
 * in any case is a boolean, an empty value is an empty list or map. Each read reports what it found
 * when the value has the wrong shape and returns empty.
 */
final class Values {
    private Values() {}

    /** "a map", "a list", "the number 3.1", ... for messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return "an empty value";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + scalar.getValue();
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + scalar.getValue();
        }
        return "the string '" + abbreviate(scalar.getValue()) + "'";
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** A map, or empty after reporting; {@code key:} with no value is an empty map. */
    static Optional<Fields> map(ParseContext ctx, Node node, String path) {
        ctx.visit(node);
        if (node instanceof MappingNode map) {
            return Optional.of(Fields.of(ctx, map, path));
        }
        if (isNull(node)) {
            return Optional.of(Fields.empty(ctx, node, path));
        }
        ctx.error(node, path, path + " must be a map of keys, found " + describe(node));
        return Optional.empty();
    }

    /**
     * A string, coercing numbers and booleans the way YAML reads them, and warning when that reading
     * changes what the user wrote ({@code 3.10} is the number 3.1).
     */
    static Optional<Text> string(ParseContext ctx, Node node, String path) {
        ctx.visit(node);
        if (!(node instanceof ScalarNode scalar)) {
            ctx.error(node, path, path + " must be a string, found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(new Text(coerce(ctx, scalar, path), ParseContext.position(node)));
    }

    /** As {@link #string}, but an empty value is reported as missing. */
    static Optional<Text> requiredString(ParseContext ctx, Node node, String path) {
        if (isNull(node)) {
            ctx.error(node, path, path + " needs a value");
            return Optional.empty();
        }
        return string(ctx, node, path);
    }

    static String coerce(ParseContext ctx, ScalarNode scalar, String path) {
        String raw = scalar.getValue();
        if (!checkCharacters(ctx, scalar, path, path, raw)) {
            // Reported; later messages quoting the value must not carry the broken character on.
            raw = raw.replaceAll("\\p{Cs}", "\uFFFD");
        }
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return "";
        }
        if (Tag.BOOL.equals(tag)) {
            String value = Booleans.parse(raw).map(String::valueOf).orElse(raw);
            if (!raw.equalsIgnoreCase(value)) {
                ctx.warning(
                        scalar,
                        path,
                        path + ": " + raw + " is read by YAML as the boolean " + value + ", so the value is \"" + value
                                + "\"; quote it (\"" + raw + "\") to keep the text");
            }
            return value;
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            Optional<String> number = Tag.INT.equals(tag) ? integer(raw) : decimal(raw);
            if (number.isPresent() && !number.get().equals(raw)) {
                ctx.warning(
                        scalar,
                        path,
                        path + ": " + raw + " is read by YAML as the number " + number.get() + "; write \"" + raw
                                + "\" in quotes if you mean " + raw);
            }
            return number.orElse(raw);
        }
        return raw;
    }

    /**
     * Reports a lone UTF-16 surrogate, which only an escape such as {@code "\\ud800"} can produce:
     * it is not a character, and writing it to a script or the environment fails at run time.
     *
     * @return whether the text is fine
     */
    static boolean checkCharacters(ParseContext ctx, Node node, String path, String subject, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                ctx.error(
                        node,
                        path,
                        String.format(
                                "%s contains the escape \\u%04X, half of a UTF-16 surrogate pair, which is not a"
                                        + " character and cannot be passed to a shell; write the character itself,"
                                        + " or escape it whole as \\UXXXXXXXX (8 hex digits) or as a complete pair"
                                        + " (\\uD83D\\uDE00)",
                                subject, (int) c));
                return false;
            }
        }
        return true;
    }

    /** A YAML 1.1 integer in canonical decimal form: {@code 0755} is 493, {@code 1:30} is 90. */
    static Optional<String> integer(String raw) {
        try {
            String s = raw.replace("_", "");
            boolean negative = s.startsWith("-");
            if (s.startsWith("-") || s.startsWith("+")) {
                s = s.substring(1);
            }
            BigInteger value;
            if (s.startsWith("0x")) {
                value = new BigInteger(s.substring(2), 16);
            } else if (s.startsWith("0b")) {
                value = new BigInteger(s.substring(2), 2);
            } else if (s.contains(":")) {
                value = BigInteger.ZERO;
                for (String part : s.split(":")) {
                    value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
            } else if (s.length() > 1 && s.startsWith("0")) {
                value = new BigInteger(s.substring(1), 8);
            } else {
                value = new BigInteger(s);
            }
            return Optional.of((negative ? value.negate() : value).toString());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A YAML 1.1 float in its shortest decimal form: {@code 3.10} is 3.1, {@code 0.2} stays 0.2. */
    static Optional<String> decimal(String raw) {
        try {
            String s = raw.replace("_", "");
            if (s.contains(":")
                    || s.toLowerCase(Locale.ROOT).contains("inf")
                    || s.toLowerCase(Locale.ROOT).contains("nan")) {
                return Optional.empty();
            }
            BigDecimal value = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
            String plain = value.stripTrailingZeros().toPlainString();
            return Optional.of(plain);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** yes/no, true/false, on/off in any case; anything else is reported. */
    static Optional<Boolean> yesNo(ParseContext ctx, Node node, String path) {
        ctx.visit(node);
        if (node instanceof ScalarNode scalar) {
            Optional<Boolean> value = Booleans.parse(scalar.getValue());
            if (value.isPresent()) {
                return value;
            }
        }
        ctx.error(node, path, path + " must be yes or no (also true/false), found " + describe(node));
        return Optional.empty();
    }

    /**
     * A whole number from {@code min} to {@code max}; any size of number is read without overflow.
     * {@code why} explains the bounds in the message.
     */
    static Optional<Integer> wholeNumber(ParseContext ctx, Node node, String path, int min, int max, String why) {
        ctx.visit(node);
        if (node instanceof ScalarNode scalar) {
            try {
                BigInteger value = new BigInteger(scalar.getValue().trim());
                if (value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0) {
                    return Optional.of(value.intValueExact());
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        ctx.error(
                node,
                path,
                path + " must be a whole number from " + min + " to " + max + why + ", found " + describe(node));
        return Optional.empty();
    }

    /**
     * A list of strings. With {@code scalarOk} a single string is taken as a one-element list after a
     * warning, as CodeBuild does for {@code artifacts.files}.
     */
    static List<Text> stringList(ParseContext ctx, Node node, String path, boolean scalarOk) {
        ctx.visit(node);
        List<Text> out = new ArrayList<>();
        if (isNull(node)) {
            return out;
        }
        if (node instanceof ScalarNode) {
            if (scalarOk) {
                ctx.warning(
                        node,
                        path,
                        path + " should be a list; read the single value as a one-item list" + " (write it as '- "
                                + abbreviate(((ScalarNode) node).getValue()) + "')");
                string(ctx, node, path).ifPresent(out::add);
            } else {
                ctx.error(node, path, path + " must be a list, found " + describe(node));
            }
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            ctx.error(node, path, path + " must be a list of strings, found " + describe(node));
            return out;
        }
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            if (isNull(item)) {
                ctx.warning(item, itemPath, itemPath + " is empty and is ignored");
                continue;
            }
            string(ctx, item, itemPath).ifPresent(out::add);
        }
        return out;
    }

    /** A map of names to strings, such as {@code env.variables}. */
    static Map<String, Text> stringMap(ParseContext ctx, Node node, String path) {
        Map<String, Text> out = new LinkedHashMap<>();
        map(ctx, node, path).ifPresent(fields -> {
            for (Fields.Entry entry : fields.entries()) {
                String entryPath = fields.join(entry.key());
                string(ctx, entry.value(), entryPath).ifPresent(t -> out.put(entry.key(), t));
            }
        });
        return out;
    }
}
