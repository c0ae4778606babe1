package io.jenkins.plugins.codebuildspec.engine.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** Reads the {@code json-key} of a secret that holds a JSON object, with the SDK's own JSON parser. */
public final class JsonKeys {
    /*
     * Parse errors are never passed on (their messages quote the input, which is the secret), but the
     * locations are dropped anyway so that no exception built here carries secret text.
     */
    private static final JsonNodeParser PARSER =
            JsonNodeParser.builder().removeErrorLocations(true).build();

    private JsonKeys() {}

    /**
     * The value of {@code jsonKey} in the JSON object {@code secretString}: a string as it is, a number,
     * boolean or null as its JSON text, an object or array as compact JSON text.
     *
     * @param variable the buildspec variable, for messages
     * @param secretId the secret's id, for messages
     * @throws SecretException when the secret is not a JSON object or lacks the key; the message names
     *     the variable, the secret and the key but holds no part of the secret
     */
    public static String extract(String variable, String secretId, String jsonKey, String secretString)
            throws SecretException {
        String subject = SecretMessages.secretPrefix(variable) + ": secret " + secretId;
        String consequence = ", so its json-key '" + jsonKey + "' cannot be read";
        JsonNode document = parse(secretString);
        if (document == null) {
            throw new SecretException(subject + " is not valid JSON" + consequence);
        }
        if (!document.isObject()) {
            throw new SecretException(subject + " holds a JSON " + kind(document) + ", not an object" + consequence);
        }
        Map<String, JsonNode> fields = document.asObject();
        JsonNode value = fields.get(jsonKey);
        if (value == null) {
            // The other key names are part of the secret text too, so they are not listed.
            throw new SecretException(subject + " is a JSON object without the key '" + jsonKey + "'");
        }
        return value.isString() ? value.asString() : compact(value);
    }

    /** The document, or null when the text is empty or not JSON. */
    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PARSER.parse(text);
        } catch (RuntimeException e) {
            // Deliberately dropped, not chained: Jackson's message quotes the offending token.
            return null;
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    /** Compact JSON through the SDK's writer; the nodes' own toString does not escape control characters. */
    private static String compact(JsonNode node) {
        JsonWriter writer = JsonWriter.create();
        write(writer, node);
        return new String(writer.getBytes(), StandardCharsets.UTF_8);
    }

    private static void write(JsonWriter writer, JsonNode node) {
        if (node.isObject()) {
            writer.writeStartObject();
            node.asObject().forEach((key, value) -> {
                writer.writeFieldName(key);
                write(writer, value);
            });
            writer.writeEndObject();
        } else if (node.isArray()) {
            writer.writeStartArray();
            node.asArray().forEach(element -> write(writer, element));
            writer.writeEndArray();
        } else if (node.isString()) {
            writer.writeValue(node.asString());
        } else if (node.isNumber()) {
            // The number's text as written in the secret, so 1.50 stays 1.50.
            writer.writeNumber(node.asNumber());
        } else if (node.isBoolean()) {
            writer.writeValue(node.asBoolean());
        } else {
            writer.writeNull();
        }
    }
}
