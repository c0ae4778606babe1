package io.jenkins.plugins.codebuildspec.engine.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * A fake standing in for AWS Systems Manager and Secrets Manager, because no real AWS nor compatible
 * server (such as LocalStack) is reachable here. It speaks just enough of the AWS JSON 1.1 protocol
 * for GetParameter and GetSecretValue, and records every request body for assertions.
 */
final class FakeAwsJsonServer implements AutoCloseable {
    static final String GET_PARAMETER = "AmazonSSM.GetParameter";
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    /** One request as the SDK sent it. */
    record Request(String target, Map<String, JsonNode> body) {
        Optional<String> text(String field) {
            return Optional.ofNullable(body.get(field)).map(JsonNode::text);
        }
    }

    /** A canned failure: HTTP status, AWS error code and message. */
    private record Failure(int status, String code, String message) {}

    private final HttpServer server;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, byte[]> binarySecrets = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, String> rawAnswers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAwsJsonServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeAwsJsonServer parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    FakeAwsJsonServer secret(String id, String secretString) {
        secrets.put(id, secretString);
        return this;
    }

    FakeAwsJsonServer binarySecret(String id, byte[] bytes) {
        binarySecrets.put(id, bytes.clone());
        return this;
    }

    /** Every call of {@code target} fails with this error from now on. */
    FakeAwsJsonServer fail(String target, int status, String code, String message) {
        failures.put(target, new Failure(status, code, message));
        return this;
    }

    /** Every call of {@code target} is answered 200 with this body, JSON or not, from now on. */
    FakeAwsJsonServer answerRaw(String target, String body) {
        rawAnswers.put(target, body);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Map<String, JsonNode> body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JsonNodeParser.create().parse(in.readAllBytes()).asObject();
            }
            requests.add(new Request(target, body));
            Failure failure = failures.get(String.valueOf(target));
            String raw = rawAnswers.get(String.valueOf(target));
            if (raw != null) {
                respond(exchange, 200, raw.getBytes(StandardCharsets.UTF_8));
            } else if (failure != null) {
                error(exchange, failure);
            } else if (GET_PARAMETER.equals(target)) {
                getParameter(exchange, body.get("Name").asString());
            } else if (GET_SECRET_VALUE.equals(target)) {
                getSecretValue(exchange, body.get("SecretId").asString());
            } else {
                error(exchange, new Failure(400, "UnknownOperationException", "fake does not serve " + target));
            }
        } finally {
            // HttpExchange is AutoCloseable only from Java 18 on.
            exchange.close();
        }
    }

    private void getParameter(HttpExchange exchange, String name) throws IOException {
        String value = parameters.get(name);
        if (value == null) {
            error(exchange, new Failure(400, "ParameterNotFound", null));
            return;
        }
        JsonWriter json = JsonWriter.create()
                .writeStartObject()
                .writeFieldName("Parameter")
                .writeStartObject();
        json.writeFieldName("Name").writeValue(name);
        json.writeFieldName("Type").writeValue("SecureString");
        json.writeFieldName("Value").writeValue(value);
        json.writeFieldName("Version").writeValue(1);
        json.writeEndObject().writeEndObject();
        respond(exchange, 200, json.getBytes());
    }

    private void getSecretValue(HttpExchange exchange, String id) throws IOException {
        String text = secrets.get(id);
        byte[] binary = binarySecrets.get(id);
        if (text == null && binary == null) {
            error(
                    exchange,
                    new Failure(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
            return;
        }
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("ARN").writeValue("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + id + "-AbCdEf");
        json.writeFieldName("Name").writeValue(id);
        json.writeFieldName("VersionId").writeValue("00000000-0000-0000-0000-000000000001");
        if (text != null) {
            json.writeFieldName("SecretString").writeValue(text);
        } else {
            // Blobs travel base64-encoded in the JSON protocol.
            json.writeFieldName("SecretBinary").writeValue(Base64.getEncoder().encodeToString(binary));
        }
        json.writeFieldName("VersionStages")
                .writeStartArray()
                .writeValue("AWSCURRENT")
                .writeEndArray();
        json.writeEndObject();
        respond(exchange, 200, json.getBytes());
    }

    /** As AWS does: the code in x-amzn-ErrorType and in the body's __type, the text in message. */
    private static void error(HttpExchange exchange, Failure failure) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", failure.code());
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("__type").writeValue(failure.code());
        if (failure.message() != null) {
            json.writeFieldName("message").writeValue(failure.message());
        }
        json.writeEndObject();
        respond(exchange, failure.status(), json.getBytes());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-request-id");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
