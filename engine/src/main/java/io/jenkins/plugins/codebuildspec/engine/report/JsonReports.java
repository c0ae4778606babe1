package io.jenkins.plugins.codebuildspec.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/** Reads JSON reports with the AWS SDK's JSON parser and checks the shape of what it reads. */
final class JsonReports {
    private static final JsonNodeParser PARSER = JsonNodeParser.create();
    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)\\]");
    /** Jackson's second location, "(for Array starting at [Source: ...; line: 1, column: 15])": noise here. */
    private static final Pattern START_MARKER = Pattern.compile(
            "\\s*\\((?:start marker|for \\w+ starting) at \\[Source: .*?; line: \\d+, column: \\d+\\]\\)");

    private JsonReports() {}

    /** The document of a JSON report; its error messages carry the line and column of the problem. */
    static JsonNode read(ReportFile file) throws MalformedReportException {
        JsonNode document;
        try (InputStream in = file.open()) {
            document = PARSER.parse(in);
        } catch (IOException | RuntimeException e) {
            // The SDK wraps Jackson's exception in an UncheckedIOException; the cause's message says most.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MalformedReportException(file.name(), "JSON error" + describe(cause), e);
        }
        if (document == null) {
            throw file.notA("the file holds no JSON value");
        }
        return document;
    }

    private static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        String where = "";
        Matcher location = LOCATION.matcher(message);
        String last = null;
        while (location.find()) {
            last = " at line " + location.group(1) + ", column " + location.group(2);
        }
        if (last != null) {
            where = last;
        }
        int newline = message.indexOf('\n');
        String first = newline >= 0 ? message.substring(0, newline) : message;
        return where + ": " + START_MARKER.matcher(first).replaceAll("").strip();
    }

    /** The JSON type of a node, for messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.isBoolean() ? "a boolean" : "an unknown value";
    }

    /** A field of an object, or null when the node is no object or lacks it (JSON null counts as absent). */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.asObject().get(name);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * The array in a field; empty when the field is absent.
     *
     * @throws MalformedReportException when the field holds something other than an array
     */
    static List<JsonNode> array(ReportFile file, JsonNode node, String name, String where)
            throws MalformedReportException {
        JsonNode value = field(node, name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw file.notA(where + " has \"" + name + "\" holding " + kind(value) + ", not an array");
        }
        return value.asArray();
    }

    /** A field's object entries; empty when absent, an error when it is something else. */
    static Map<String, JsonNode> object(ReportFile file, JsonNode node, String name, String where)
            throws MalformedReportException {
        JsonNode value = field(node, name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw file.notA(where + " has \"" + name + "\" holding " + kind(value) + ", not an object");
        }
        return value.asObject();
    }

    /** A string field, or {@code fallback} when absent or not a string. */
    static String string(JsonNode node, String name, String fallback) {
        JsonNode value = field(node, name);
        return value != null && value.isString() ? value.asString() : fallback;
    }

    /** The text of a number (or numeric string) field, for {@link Numbers}; null when absent. */
    static String number(JsonNode node, String name) {
        return numberText(field(node, name));
    }

    /** The text of a number node, or of a string that may hold one; null for anything else. */
    static String numberText(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asNumber();
        }
        return value.isString() ? value.asString() : null;
    }
}
