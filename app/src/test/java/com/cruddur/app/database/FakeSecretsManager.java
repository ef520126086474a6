package com.cruddur.app.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers Secrets Manager's {@code GetSecretValue} (AWS JSON 1.1: POST /, header
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, body {@code {"SecretId": ...}}) with the secret it holds, as
 * RDS writes a managed master password's: {@code {"username": ..., "password": ...}}.
 */
final class FakeSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secretId;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String username;
    private volatile String password;

    FakeSecretsManager(String secretId, String username, String password) {
        this.secretId = secretId;
        this.username = username;
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void username(String user) {
        username = user;
    }

    /** What a rotation does to the secret. */
    void rotate(String newPassword) {
        password = newPassword;
    }

    int reads() {
        return reads.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)) {
                respond(exchange, 400, Map.of("__type", "InvalidRequestException", "message", "unexpected " + target));
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 400, Map.of("__type", "MissingAuthenticationTokenException", "message", "unsigned"));
                return;
            }
            if (!secretId.equals(request.path("SecretId").asText())) {
                respond(exchange, 400, Map.of("__type", "ResourceNotFoundException",
                        "message", "Secrets Manager can't find the specified secret."));
                return;
            }
            reads.incrementAndGet();
            respond(exchange, 200, Map.of(
                    "ARN", secretId,
                    "Name", "rds!db-test",
                    "VersionId", "version-" + reads.get(),
                    "VersionStages", new String[] {"AWSCURRENT"},
                    "CreatedDate", 1.7e9,
                    "SecretString", JSON.writeValueAsString(Map.of("username", username, "password", password))));
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
